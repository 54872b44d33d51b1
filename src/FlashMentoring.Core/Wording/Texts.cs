using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Humanizer;

namespace FlashMentoring.Core.Wording;

/// <summary>A language the app speaks: its code ("es") and its own name for itself ("Español").</summary>
/// <param name="Code">The two-letter code used in links (<c>lang=es</c>) and on people.</param>
/// <param name="Name">The language's name in that language, as a switch shows it.</param>
public sealed record Language(string Code, string Name);

/// <summary>
/// Every user-facing sentence in one language, read from the top-level <c>locales/{code}/*.json</c> files (embedded
/// in this assembly). Each file holds one area ("phone", "kit", ...); its keys are read as <c>area.key</c>. A value is a
/// text with <c>{name}</c> placeholders, or, for counts, an object of plural forms (<c>one</c>, <c>other</c>, and
/// <c>zero</c> where a language wants it). Adding a language is adding a folder beside <c>locales/en</c>.
/// </summary>
public sealed class Texts
{
    /// <summary>The language every other is checked against, and the one a missing or unknown code falls back to.</summary>
    public const string Default = "en";

    private static readonly Lazy<FrozenDictionary<string, Texts>> All = new(Load);

    private readonly FrozenDictionary<string, JsonElement> entries;

    private Texts(string code, FrozenDictionary<string, JsonElement> entries)
    {
        Code = code;
        this.entries = entries;
        Culture = CultureInfo.GetCultureInfo(code);
        Name = entries.TryGetValue("common.language.name", out var name) ? name.GetString() ?? code : code;
    }

    /// <summary>The languages there are files for, English first.</summary>
    public static IReadOnlyList<Language> Languages { get; } =
        All.Value.Values.OrderBy(t => t.Code == Default ? 0 : 1).ThenBy(t => t.Code, StringComparer.Ordinal).Select(t => new Language(t.Code, t.Name)).ToList();

    /// <summary>The English texts.</summary>
    public static Texts English => All.Value[Default];

    /// <summary>The language's code, e.g. "es".</summary>
    public string Code { get; }

    /// <summary>The language's own name for itself.</summary>
    public string Name { get; }

    /// <summary>The culture for dates, times, numbers, ordinals and durations in this language.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Every key and its raw value (a string, or an object of plural forms).</summary>
    public IReadOnlyDictionary<string, JsonElement> Entries => entries;

    /// <summary>True when the app speaks <paramref name="code"/> (a two-letter code; case does not matter).</summary>
    public static bool Knows(string? code) => code is not null && All.Value.ContainsKey(code.Trim().ToLowerInvariant());

    /// <summary>The texts in <paramref name="code"/>, or English when the app does not speak it (or none is given).</summary>
    public static Texts For(string? code) =>
        code is not null && All.Value.TryGetValue(code.Trim().ToLowerInvariant(), out var texts) ? texts : English;

    /// <summary>
    /// The first language of an Accept-Language header (by quality, then order) that the app speaks, or null.
    /// "es-MX,es;q=0.9,en;q=0.8" gives "es".
    /// </summary>
    public static string? Best(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage))
        {
            return null;
        }

        var ranked = acceptLanguage.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((part, order) =>
            {
                var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                var quality = pieces.Skip(1).Select(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase) && double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : (double?)null).FirstOrDefault(q => q is not null) ?? 1;
                return (Tag: pieces[0], Quality: quality, Order: order);
            })
            .Where(x => x.Quality > 0)
            .OrderByDescending(x => x.Quality).ThenBy(x => x.Order);
        foreach (var (tag, _, _) in ranked)
        {
            var primary = tag.Split('-')[0];
            if (Knows(primary))
            {
                return primary.ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>The text of <paramref name="key"/> with its placeholders filled, e.g. <c>T("phone.table", ("table", 19))</c>.</summary>
    public string T(string key, params (string Name, object? Value)[] values) => Fill(Raw(key, null), values);

    /// <summary>The form of <paramref name="key"/> for <paramref name="count"/> (its <c>{n}</c> is the count, written in this language).</summary>
    public string Plural(string key, int count, params (string Name, object? Value)[] values) =>
        Fill(Raw(key, count), [("n", count.ToString("N0", Culture)), .. values]);

    /// <summary>"3rd", "3.º" (or "3.ª" for a feminine noun such as "ronda"), through Humanizer's locale packages.</summary>
    public string Ordinal(int number, bool feminine = false) =>
        number.Ordinalize(feminine ? GrammaticalGender.Feminine : GrammaticalGender.Masculine, Culture);

    /// <summary>"2 minutes", "2 minutos": a duration in the largest unit that fits.</summary>
    public string Duration(TimeSpan span) =>
        span.Humanize(precision: 1, culture: Culture, maxUnit: TimeUnit.Hour, minUnit: TimeUnit.Second);

    private string Raw(string key, int? count)
    {
        if (!entries.TryGetValue(key, out var value) && (ReferenceEquals(this, English) || !English.entries.TryGetValue(key, out value)))
        {
            throw new KeyNotFoundException($"No text '{key}' in locales/{Code} or locales/{Default}.");
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        // Plural forms: "zero" when given and the count is 0, "one" for 1 (English and Spanish agree), else "other".
        var form = count switch
        {
            0 when value.TryGetProperty("zero", out _) => "zero",
            1 => "one",
            _ => "other",
        };
        return (value.TryGetProperty(form, out var text) ? text : value.GetProperty("other")).GetString()!;
    }

    private string Fill(string template, (string Name, object? Value)[] values)
    {
        if (values.Length == 0 || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var text = new StringBuilder(template);
        foreach (var (name, value) in values)
        {
            text.Replace("{" + name + "}", value is IFormattable f ? f.ToString(null, Culture) : value?.ToString());
        }

        return text.ToString();
    }

    private static FrozenDictionary<string, Texts> Load()
    {
        // Resources are named locales/{code}/{area}.json (see the project file).
        var assembly = typeof(Texts).Assembly;
        var byLanguage = new Dictionary<string, Dictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("locales/", StringComparison.Ordinal)))
        {
            var parts = resource.Split('/');
            var (code, area) = (parts[1], Path.GetFileNameWithoutExtension(parts[2]));
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var json = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var entries = byLanguage.TryGetValue(code, out var e) ? e : byLanguage[code] = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                entries[$"{area}.{property.Name}"] = property.Value.Clone();
            }
        }

        return byLanguage.ToFrozenDictionary(kv => kv.Key, kv => new Texts(kv.Key, kv.Value.ToFrozenDictionary(StringComparer.Ordinal)), StringComparer.Ordinal);
    }
}
