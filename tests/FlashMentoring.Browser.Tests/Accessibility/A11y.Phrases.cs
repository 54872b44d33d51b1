using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Wording;
using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests.Accessibility;

/// <summary>A phrase of one language that must not show on a page in the other, and where it comes from.</summary>
public sealed record ForeignPhrase(string Text, string Source, Regex Pattern);

public static partial class A11y
{
    // Words no page in the other language may show, even inside a sentence the app builds from pieces.
    private static readonly Dictionary<string, string[]> NeverOn = new()
    {
        ["es"] = ["Round ", "Table ", "Loading", "mentees", "Next round"],
        ["en"] = ["Ronda ", "Mesa ", "Cargando", "aprendices", "Siguiente ronda"],
    };

    private static readonly ConcurrentDictionary<string, List<ForeignPhrase>> Phrases = new();

    /// <summary>
    /// The other language's phrases a page in <paramref name="pageLanguage"/> must not show: every page text (not kit.*
    /// or mail.*) whose translation differs, as its longest stretch without placeholders when that has three words or
    /// more; and a short list of words that give away an untranslated sentence.
    /// </summary>
    public static IReadOnlyList<ForeignPhrase> ForeignPhrases(string pageLanguage) => Phrases.GetOrAdd(pageLanguage, MakePhrases);

    /// <summary>
    /// The foreign phrases a page shows, in its text, its document title, the labels a screen reader reads, its field
    /// values and its style sheets' generated text (the same on every page: told apart by <see cref="FromStyleSheet"/>).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForeignTextAsync(this IPage page, string pageLanguage)
    {
        ArgumentNullException.ThrowIfNull(page);
        var shown = await page.EvaluateAsync<JsonElement>(ShownTextScript, pageLanguage);
        var places = new List<(string Where, string Text)> { ("title", shown.GetProperty("title").GetString()!), ("text", shown.GetProperty("text").GetString()!) };
        places.AddRange(shown.GetProperty("attributes").EnumerateArray().Select(a => ("attribute", a.GetString()!)));
        places.AddRange(shown.GetProperty("values").EnumerateArray().Select(a => ("field value", a.GetString()!)));
        places.AddRange(shown.GetProperty("generated").EnumerateArray().Select(a => (FromStyleSheet, a.GetString()!)));
        var found = new List<string>();
        foreach (var (where, raw) in places)
        {
            var text = Spaces().Replace(raw, " ");
            foreach (var phrase in ForeignPhrases(pageLanguage))
            {
                var match = phrase.Pattern.Match(text);
                if (match.Success)
                {
                    found.Add($"\"{phrase.Text}\" ({phrase.Source}) in the {where}: …{Around(text, match)}…");
                }
            }
        }

        return found.Distinct().ToList();
    }

    /// <summary>Where a phrase was found when a style sheet writes it (CSS content), on every page that loads the sheet.</summary>
    public const string FromStyleSheet = "style sheet's generated content";

    private static string Around(string text, Match match)
    {
        var from = Math.Max(0, match.Index - 30);
        var to = Math.Min(text.Length, match.Index + match.Length + 30);
        return text[from..to];
    }

    private static List<ForeignPhrase> MakePhrases(string pageLanguage)
    {
        var page = Texts.For(pageLanguage);
        var other = Texts.For(pageLanguage == "es" ? "en" : "es");
        // A stretch the page's own language also uses (a product name, "WCAG 2.1 AA") is not foreign.
        var own = page.Entries.Values.SelectMany(Forms).Select(Plain).ToList();
        var phrases = new List<ForeignPhrase>();
        foreach (var (key, value) in other.Entries)
        {
            if (key.StartsWith("kit.", StringComparison.Ordinal) || key.StartsWith("mail.", StringComparison.Ordinal))
            {
                continue;
            }

            // A key the page's language lacks (not translated yet) shows in the other language: its phrases count.
            if (page.Entries.TryGetValue(key, out var translated) && translated.GetRawText() == value.GetRawText())
            {
                continue;
            }

            foreach (var form in Forms(value))
            {
                var longest = Placeholder().Split(Plain(form)).Select(f => f.Trim()).OrderByDescending(Words).FirstOrDefault();
                if (longest is null || Words(longest) < 3 || own.Any(o => o.Contains(longest, StringComparison.Ordinal)))
                {
                    continue;
                }

                phrases.Add(new ForeignPhrase(longest, key, Bounded(longest, RegexOptions.None)));
            }
        }

        phrases.AddRange(NeverOn[pageLanguage].Select(word => new ForeignPhrase(word, "never on a page in this language", Bounded(word, RegexOptions.IgnoreCase))));
        return phrases.DistinctBy(p => p.Text).ToList();
    }

    private static IEnumerable<string> Forms(JsonElement value) => value.ValueKind == JsonValueKind.Object
        ? value.EnumerateObject().Select(f => f.Value.GetString()!)
        : [value.GetString()!];

    /// <summary>A text as a page shows it: no markup (data-i18n-html), entities read, spaces single.</summary>
    private static string Plain(string text) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(text, "")), " ");

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));

    // A phrase matches as whole words: "Round " is not the end of "Ground ".
    private static Regex Bounded(string phrase, RegexOptions options) =>
        new((char.IsLetterOrDigit(phrase[0]) ? @"(?<![\p{L}\p{N}])" : "") + Regex.Escape(phrase) + (char.IsLetterOrDigit(phrase[^1]) ? @"(?![\p{L}\p{N}])" : ""), options | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // Text marked as another language (the language switch's "English" on a Spanish page) is said in that language, rightly.
    private const string ShownTextScript = """
        (lang) => {
          const foreign = (el) => { const marked = el.closest('[lang]'); return marked && marked !== document.documentElement && marked.lang.split('-')[0] !== lang; };
          let text = document.body.innerText;
          for (const el of document.body.querySelectorAll('[lang]')) {
            if (!foreign(el)) continue;
            const inner = el.innerText;
            if (inner && inner.trim()) text = text.replace(inner, ' ');
          }
          const names = ['aria-label', 'aria-description', 'aria-roledescription', 'alt', 'placeholder', 'title'];
          const attributes = [];
          for (const el of document.body.querySelectorAll(names.map((n) => `[${n}]`).join(','))) {
            if (!el.getClientRects().length || foreign(el)) continue;
            for (const name of names) { const value = el.getAttribute(name); if (value) attributes.push(value); }
          }
          const values = [...document.body.querySelectorAll('input:not([type=hidden]):not([type=file]):not([type=checkbox]):not([type=radio]), textarea')]
            .filter((el) => el.getClientRects().length && !foreign(el) && el.value).map((el) => el.value);
          const generated = [];
          const walk = (rules) => {
            for (const rule of rules) {
              if (rule.cssRules) walk(rule.cssRules);
              const content = rule.style && rule.style.content;
              if (content && /\p{L}/u.test(content) && !/^attr\(/.test(content)) generated.push(content);
            }
          };
          for (const sheet of document.styleSheets) { try { walk(sheet.cssRules); } catch { /* another origin's sheet */ } }
          return { title: document.title, text, attributes, values, generated };
        }
        """;
}
