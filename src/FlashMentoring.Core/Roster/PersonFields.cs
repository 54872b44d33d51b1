using System.Globalization;
using System.Text;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Core.Roster;

/// <summary>A typed field of a person that cannot be taken as it is, and what to change.</summary>
/// <param name="Field">The field: name, email, agency, ...</param>
/// <param name="Message">What is wrong and what to do, in words a host can act on.</param>
public sealed record FieldProblem(string Field, string Message);

/// <summary>
/// The rules a person's fields follow, wherever the person comes from (a roster line, a walk-in): the same
/// name always cleans to the same text and the same identity key, and the same field is refused the same way.
/// </summary>
public static class PersonFields
{
    /// <summary>Longest field accepted, in characters (before cleaning).</summary>
    public const int MaxLength = 1_000;

    /// <summary>Longest name accepted: it goes on a badge, a table sign and a phone's greeting.</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// Collapses runs of white space (newlines included) to one space, drops control characters and bidirectional
    /// overrides, embeddings, isolates and marks, and composes accents (NFC).
    /// </summary>
    public static string CleanName(string? name)
    {
        var source = name ?? "";
        var sb = new StringBuilder(source.Length);
        var space = false;
        foreach (var c in source)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (char.IsControl(c) || IsBidiControl(c))
            {
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    // U+202E and its kin reorder the text around them: a name could show on a badge or the board as something else
    // than what it is, or spill its direction into the text beside it. Names need none of them to display correctly.
    private static bool IsBidiControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    /// <summary>The stored form of an e-mail: trimmed and lower-case; null when blank.</summary>
    public static string? CleanEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();

    /// <summary>True for something shaped like name@agency.gov: one @ with text on both sides, no white space.</summary>
    public static bool LooksLikeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>A field longer than <see cref="MaxLength"/>, or null.</summary>
    public static FieldProblem? TooLong(string field, string? value) =>
        value is { Length: > MaxLength }
            ? new FieldProblem(field, $"The {field} field is {value.Length:N0} characters long; the most is {MaxLength:N0}.")
            : null;

    /// <summary>What is wrong with a name once cleaned (blank, or longer than <paramref name="maxLength"/>), or null.</summary>
    public static FieldProblem? CheckName(string cleaned, int maxLength = MaxNameLength)
    {
        ArgumentNullException.ThrowIfNull(cleaned);
        return cleaned.Length == 0 ? new FieldProblem("name", "The name is blank. Every person needs a name.")
            : cleaned.Length > maxLength ? new FieldProblem("name", $"The name is {cleaned.Length:N0} characters long; the most is {maxLength:N0}.")
            : null;
    }

    /// <summary>What is wrong with a (trimmed, non-blank) e-mail, or null.</summary>
    public static FieldProblem? CheckEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return LooksLikeEmail(email) ? null
            : new FieldProblem("email", $"\"{email}\" is not an email address (expected something like name@agency.gov). Fix it or leave the field empty.");
    }

    /// <summary>The words <see cref="TryReadAttends"/> takes, for messages that say what to write.</summary>
    public const string AttendsWords = "online (or remote, virtual, video), in person (or in-person, onsite, room), or leave it blank";

    /// <summary>
    /// Reads how someone takes part as a roster, a form or a helper writes it: "online", "remote", "virtual", "video" are
    /// online (true); "in person", "in-person", "onsite", "room" are in the room (false); blank is not said (null).
    /// False for any other word.
    /// </summary>
    public static bool TryReadAttends(string? text, out bool? online)
    {
        online = null;
        switch ((text ?? "").Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-'))
        {
            case "":
                return true;
            case "online" or "remote" or "virtual" or "video":
                online = true;
                return true;
            case "in-person" or "inperson" or "person" or "onsite" or "on-site" or "room" or "in-the-room":
                online = false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The IANA id of a place's time zone for what was written (see <see cref="ReadTimeZone"/>), or null.</summary>
    public static string? KnownTimeZone(string? id) => ReadTimeZone(id, out _);

    /// <summary>
    /// Reads a time zone as a roster, a form or a stored row gives it: a place's IANA id ("America/Denver"), "UTC" or
    /// "Etc/UTC" is kept, a Windows name ("Mountain Standard Time") becomes its place's id. Anything else is null, with
    /// a <paramref name="problem"/> to show: an abbreviation such as EST names the place to write instead, since it is
    /// a fixed offset that ignores daylight saving time. Blank is null without a problem.
    /// </summary>
    public static string? ReadTimeZone(string? text, out string? problem)
    {
        problem = null;
        var id = (text ?? "").Trim();
        if (id.Length == 0)
        {
            return null;
        }

        if (id.Length <= MaxTimeZoneLength)
        {
            if (id is "UTC" or "Etc/UTC")
            {
                return id;
            }

            // A region's id follows its place's daylight saving rules; a Windows name (no '/') is mapped to its region.
            if (id.Contains('/', StringComparison.Ordinal) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId)
            {
                return id;
            }

            if (!id.Contains('/', StringComparison.Ordinal) && TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var region) && region.Contains('/', StringComparison.Ordinal))
            {
                return region;
            }

            if (Abbreviations.TryGetValue(id, out var place))
            {
                problem = $"\"{id}\" is an abbreviation, not a place, and its clock ignores daylight saving time: write {place} instead.";
                return null;
            }
        }

        problem = $"\"{Shorten(id)}\" is not a place's time zone: write one as Region/City, such as America/Denver or Europe/Paris.";
        return null;
    }

    /// <summary>The longest time zone id stored.</summary>
    public const int MaxTimeZoneLength = 64;

    // US and a few common abbreviations (and the POSIX names tz keeps for them), with the region people mean by them.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EST"] = "America/New_York", ["EDT"] = "America/New_York", ["EST5EDT"] = "America/New_York", ["ET"] = "America/New_York",
        ["CST"] = "America/Chicago", ["CDT"] = "America/Chicago", ["CST6CDT"] = "America/Chicago", ["CT"] = "America/Chicago",
        ["MST"] = "America/Denver (or America/Phoenix for Arizona)", ["MDT"] = "America/Denver", ["MST7MDT"] = "America/Denver", ["MT"] = "America/Denver",
        ["PST"] = "America/Los_Angeles", ["PDT"] = "America/Los_Angeles", ["PST8PDT"] = "America/Los_Angeles", ["PT"] = "America/Los_Angeles",
        ["AKST"] = "America/Anchorage", ["AKDT"] = "America/Anchorage",
        ["HST"] = "Pacific/Honolulu", ["HAST"] = "Pacific/Honolulu",
        ["GMT"] = "UTC (or Europe/London for UK time)", ["BST"] = "Europe/London",
        ["CET"] = "Europe/Paris or Europe/Berlin", ["CEST"] = "Europe/Paris or Europe/Berlin",
    };

    private static string Shorten(string text) => text.Length <= MaxTimeZoneLength ? text : text[..MaxTimeZoneLength] + "...";

    /// <summary>The words <see cref="TryReadLanguage"/> takes, for messages that say what to write: "en, es (or English, Español, Spanish)".</summary>
    public static string LanguageWords =>
        string.Join(", ", Texts.Languages.Select(l => l.Code)) + " (or " + string.Join(", ", Texts.Languages.SelectMany(l => NamesOf(l.Code)).Distinct(StringComparer.OrdinalIgnoreCase)) + ")";

    /// <summary>
    /// Reads a language as a roster or a form writes it: a code the app speaks ("es"), the language's own name
    /// ("Español", "espanol") or its English name ("Spanish"), in any case. Blank is null and true; anything else
    /// is null and false.
    /// </summary>
    public static bool TryReadLanguage(string? text, out string? code)
    {
        code = null;
        var written = (text ?? "").Trim();
        if (written.Length == 0)
        {
            return true;
        }

        // A regional tag ("es-MX", "en_US") is its language.
        var primary = written.Replace('_', '-').Split('-')[0];
        foreach (var language in Texts.Languages)
        {
            if (Same(primary, language.Code) || NamesOf(language.Code).Any(name => Same(written, name)))
            {
                code = language.Code;
                return true;
            }
        }

        return false;
    }

    // The language's name for itself and in English ("Español", "Spanish"), as people write them in a spreadsheet.
    private static IEnumerable<string> NamesOf(string code)
    {
        var culture = CultureInfo.GetCultureInfo(code);
        var own = Texts.For(code).Name;
        return new[] { own, culture.EnglishName }.Distinct(StringComparer.OrdinalIgnoreCase);
    }

    // Case and accents aside: "espanol" and "ESPAÑOL" are "Español".
    private static bool Same(string a, string b) =>
        string.Compare(a, b, CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0;

    /// <summary>
    /// Someone added by hand (a walk-in): the same cleaning and checks as a roster line. Either a person or the
    /// problems, one per field, so a form can show each next to its field.
    /// </summary>
    public static (Person? Person, IReadOnlyList<FieldProblem> Problems) WalkIn(string? name, Role role, string? email = null, string? agency = null, string? grade = null)
    {
        var problems = new List<FieldProblem>();
        var cleanName = CleanName(name);
        var cleanEmail = CleanEmail(email);
        var cleanAgency = (agency ?? "").Trim();
        void Add(FieldProblem? problem)
        {
            if (problem is not null && problems.All(p => p.Field != problem.Field))
            {
                problems.Add(problem);
            }
        }

        Add(TooLong("name", name));
        Add(TooLong("email", email));
        Add(TooLong("agency", agency));
        Add(TooLong("grade", grade));
        Add(CheckName(cleanName));
        if (cleanEmail is not null)
        {
            Add(CheckEmail(cleanEmail));
        }

        return problems.Count > 0
            ? (null, problems)
            : (new Person(0, role, cleanName, cleanEmail, cleanAgency, "", Grade.Parse(grade), [], [], "", [], []), problems);
    }
}
