using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests.Online;

/// <summary>
/// The English phrases of some text areas (locales/en/{area}.json) that a Spanish page must never show: every stretch of
/// an English text between its placeholders and markup, at least 12 characters long, that the Spanish text of the
/// same key does not also hold (a link or a column name is the same in both).
/// </summary>
public static partial class EnglishPhrases
{
    public static IReadOnlyList<string> Of(params string[] areas)
    {
        var phrases = new List<string>();
        foreach (var area in areas)
        {
            var english = Read("en", area);
            var spanish = Read("es", area);
            foreach (var (key, texts) in english)
            {
                var other = string.Join("\n", spanish[key]);
                phrases.AddRange(texts.SelectMany(t => Pieces().Split(t)).Select(p => p.Trim()).Where(p => p.Length >= 12 && !other.Contains(p, StringComparison.Ordinal)));
            }
        }

        return phrases.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Everything a reader meets on the page: its text (hidden parts too, shown later), its title and the names and hints of its controls.</summary>
    public static Task<string> ShownAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.EvaluateAsync<string>("""
            () => [document.title, document.body.textContent,
              ...[...document.querySelectorAll('[aria-label],[alt],[placeholder],[title]')].flatMap(e => [e.getAttribute('aria-label'), e.getAttribute('alt'), e.getAttribute('placeholder'), e.getAttribute('title')])]
              .filter(Boolean).join('\n').replace(/\s+/g, ' ')
            """);
    }

    private static Dictionary<string, string[]> Read(string language, string area)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "locales", language, area + ".json")));
        return json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : p.Value.EnumerateObject().Select(f => f.Value.GetString()!).ToArray());
    }

    // Placeholders ({table}) and markup (<code>) cut a text into the phrases a page shows whole.
    [GeneratedRegex(@"\{[A-Za-z]+\}|<[^>]+>")]
    private static partial Regex Pieces();
}
