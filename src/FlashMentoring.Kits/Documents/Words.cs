using System.Collections.Concurrent;
using System.Globalization;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Kits.Documents;

/// <summary>
/// The kit's wording in one language: its texts (locales/{code}/kit.json, keys under "kit."), and dates, times and
/// numbers the way that language writes them.
/// </summary>
internal sealed class Words
{
    /// <summary>A line to write on in a blank kit.</summary>
    public const string Blank = "______________________________";

    private static readonly ConcurrentDictionary<string, Words> ByCode = new(StringComparer.Ordinal);

    private readonly string shortTime;
    private readonly string shortTimeWithoutDesignator;

    private Words(Texts texts)
    {
        Texts = texts;
        Culture = texts.Culture;
        Alphabetical = StringComparer.Create(Culture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);
        shortTime = Culture.DateTimeFormat.ShortTimePattern;
        shortTimeWithoutDesignator = shortTime.Replace("tt", "", StringComparison.Ordinal).Trim();
    }

    /// <summary>The kit's words in a language the app speaks (English for any other code).</summary>
    public static Words For(string? code)
    {
        var texts = Texts.For(code);
        return ByCode.GetOrAdd(texts.Code, _ => new Words(texts));
    }

    public static Words English => For(Texts.Default);

    public Texts Texts { get; }

    /// <summary>"en", "es".</summary>
    public string Code => Texts.Code;

    public CultureInfo Culture { get; }

    /// <summary>Family names sort as a reader of the language expects: case and accents aside (Ávila with Avila).</summary>
    public StringComparer Alphabetical { get; }

    /// <summary>The kit text <c>kit.{key}</c> with its placeholders filled.</summary>
    public string T(string key, params (string Name, object? Value)[] values) => Texts.T("kit." + key, values);

    /// <summary>The kit text <c>kit.{key}</c> for a count (its <c>{n}</c>).</summary>
    public string Plural(string key, int count, params (string Name, object? Value)[] values) => Texts.Plural("kit." + key, count, values);

    /// <summary>"9:00 AM" in English, "9:00" (a 24-hour clock) in Spanish.</summary>
    public string Time(DateTimeOffset t) => t.ToString(shortTime, Culture);

    /// <summary>"9:00-9:15 AM", or "11:50 AM-12:05 PM" across noon; "9:00-9:15" on a 24-hour clock.</summary>
    public string Span(DateTimeOffset from, DateTimeOffset to) =>
        shortTime.Contains("tt", StringComparison.Ordinal) && from.ToString("tt", Culture) == to.ToString("tt", Culture)
            ? $"{from.ToString(shortTimeWithoutDesignator, Culture)}-{Time(to)}"
            : $"{Time(from)}-{Time(to)}";

    /// <summary>"Tuesday, December 1, 2026"; "martes, 1 de diciembre de 2026".</summary>
    public string Date(DateTimeOffset t) => t.ToString(Culture.DateTimeFormat.LongDatePattern, Culture);

    public string Number(int n) => n.ToString(Culture);

    /// <summary>"Round 3", "Ronda 3".</summary>
    public string Round(int n) => T("round", ("n", Number(n)));

    /// <summary>"Table 4", "Mesa 4".</summary>
    public string Table(int n) => T("table", ("n", Number(n)));

    public static string List(IReadOnlyList<string> items) => string.Join(", ", items);

    public static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
}
