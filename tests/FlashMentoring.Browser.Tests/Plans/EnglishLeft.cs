using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests.Plans;

/// <summary>
/// The English phrases of the planner's, kit page's, board's and helper page's texts that a page in Spanish must not
/// show: each English text (every plural form) of at least 12 characters, 8 of them words, that Spanish words
/// differently, as a pattern whose placeholders match anything.
/// </summary>
public static class EnglishLeft
{
    private static readonly string[] Areas = ["plan", "kitpage", "board", "help", "upload"];

    private static readonly Lazy<IReadOnlyList<(string Key, string English, Regex Pattern)>> Phrases = new(Load);

    /// <summary>Everything the page shows a reader: its text, its title, and the names and hints on its elements.</summary>
    public static Task<string> ShownAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.EvaluateAsync<string>(@"() => [document.title, document.body.innerText,
            ...[...document.querySelectorAll('[aria-label], [alt], [title], [placeholder]')]
              .flatMap((e) => ['aria-label', 'alt', 'title', 'placeholder'].map((a) => e.getAttribute(a)).filter(Boolean))].join('\n')");
    }

    /// <summary>What axe-core finds against WCAG 2.1 A and AA on the page, any impact, one line each.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return results.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})").ToList();
    }

    /// <summary>The English phrases found in <paramref name="shown"/>, each with its key.</summary>
    public static IReadOnlyList<string> In(string shown) =>
        Phrases.Value.Where(p => p.Pattern.IsMatch(shown)).Select(p => $"{p.Key}: \"{p.English}\"").ToList();

    private static List<(string, string, Regex)> Load()
    {
        var phrases = new List<(string, string, Regex)>();
        foreach (var area in Areas)
        {
            var english = Read("en", area);
            var spanish = Read("es", area);
            foreach (var (key, forms) in english)
            {
                foreach (var (form, text) in forms)
                {
                    if (text.Length < 12 || spanish[key].GetValueOrDefault(form) == text)
                    {
                        continue;
                    }

                    // Markup is not shown, entities are; a placeholder is anything the page filled in. A text that is mostly
                    // placeholders ("{met} of {asked}") would find its few words in names and other data: left out.
                    var plain = WebUtility.HtmlDecode(Regex.Replace(text, "<[^>]+>", ""));
                    var words = Regex.Split(plain, @"\{[A-Za-z]+\}");
                    if (words.Sum(w => w.Length) < 8)
                    {
                        continue;
                    }

                    var pattern = string.Join(".*?", words.Select(Regex.Escape));
                    phrases.Add(($"{area}.{key}{(form.Length > 0 ? $".{form}" : "")}", text, new Regex(pattern, RegexOptions.Singleline)));
                }
            }
        }

        return phrases;
    }

    // Key -> form ("" for a plain text, "one", "other"...) -> text.
    private static Dictionary<string, Dictionary<string, string>> Read(string language, string area)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "locales", language, $"{area}.json")));
        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String
            ? new Dictionary<string, string> { [""] = p.Value.GetString()! }
            : p.Value.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!));
    }
}
