using System.Text.Json;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;

namespace FlashMentoring.Web.Registration;

/// <summary>
/// A profile as the registration form, the profile page and the host's edit send it (and as a pending update keeps
/// it). <c>Consent</c> is read by registration only. <c>Attends</c> (online or in person; null keeps what is stored)
/// matters in a hybrid event; <c>TimeZone</c> is the browser's IANA zone, kept when this server knows it; <c>Language</c>
/// is the language they read ("es"; null keeps what is stored): their e-mails and itinerary are written in it.
/// </summary>
public sealed record ProfileForm(
    string? Name,
    string? Email,
    string? Role,
    string? Agency = null,
    string? Location = null,
    string? Grade = null,
    IReadOnlyList<string>? Formats = null,
    IReadOnlyList<string>? Expertise = null,
    IReadOnlyList<string>? Needs = null,
    string? Goals = null,
    bool? Consent = null,
    string? Attends = null,
    string? TimeZone = null,
    string? Language = null);

/// <summary>A profile once cleaned and checked: every field as it will be stored.</summary>
public sealed record CleanProfile(
    string Name,
    string? Email,
    string Role,
    string Agency,
    string Location,
    string Grade,
    IReadOnlyList<string> Formats,
    IReadOnlyList<string> Expertise,
    IReadOnlyList<string> Needs,
    string Goals,
    string? Attends = null,
    string? TimeZone = null,
    string? Language = null)
{
    /// <summary>The form it reads back as (a pending update, the profile page).</summary>
    public ProfileForm ToForm() => new(Name, Email, Role, Agency, Location, Grade, Formats, Expertise, Needs, Goals, Attends: Attends, TimeZone: TimeZone, Language: Language);
}

/// <summary>
/// The rules of a self-made profile: the roster's own cleaning and limits (Core/Roster/PersonFields), so a registered
/// person is stored exactly as the same person on a roster line would be, plus what only a form needs (the role as a
/// word, lists as lists, the e-mail required).
/// </summary>
public static class ProfileRules
{
    /// <summary>How a person may like to meet, as the form offers it (free text is allowed too).</summary>
    public static readonly IReadOnlyList<string> Formats = ["In person", "Online", "One-on-one", "Small group", "Reverse mentoring", "Peer mentoring"];

    /// <summary>Entries a list may hold: the roster's limit.</summary>
    public static readonly int MaxListEntries = new RosterLimits().MaxListEntries;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Cleans and checks a form; either the clean profile or the problems, keyed by field, in words the form shows next
    /// to the field, in the reader's language. Control characters and direction overrides are dropped, white space
    /// collapsed; text that looks like a spreadsheet formula or HTML stays text (the CSV export and the pages escape it).
    /// The limits are the roster's (PersonFields); only the words are the form's own.
    /// </summary>
    public static (CleanProfile? Profile, Dictionary<string, string[]> Errors) Check(ProfileForm form, bool emailRequired, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(texts);
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors.TryAdd(field, [message]);

        foreach (var (field, value) in new[] { ("name", form.Name), ("email", form.Email), ("agency", form.Agency), ("location", form.Location), ("grade", form.Grade), ("goals", form.Goals) })
        {
            if (value is { Length: > PersonFields.MaxLength })
            {
                Add(field, texts.T("profile.problem.tooLong", ("length", value.Length), ("max", PersonFields.MaxLength)));
            }
        }

        var name = PersonFields.CleanName(form.Name);
        if (name.Length == 0)
        {
            Add("name", texts.T("profile.problem.nameBlank"));
        }
        else if (name.Length > PersonFields.MaxNameLength)
        {
            Add("name", texts.T("profile.problem.nameLong", ("length", name.Length), ("max", PersonFields.MaxNameLength)));
        }

        var email = PersonFields.CleanEmail(form.Email);
        if (email is null && emailRequired)
        {
            Add("email", texts.T("profile.problem.emailBlank"));
        }
        else if (email is not null && !PersonFields.LooksLikeEmail(email))
        {
            Add("email", texts.T("profile.problem.emailBad", ("email", email)));
        }

        var role = form.Role?.Trim().ToLowerInvariant();
        if (role is not ("mentor" or "mentee" or "both"))
        {
            Add("role", texts.T("profile.problem.role"));
        }

        if (!PersonFields.TryReadAttends(form.Attends, out var online))
        {
            Add("attends", texts.T("profile.problem.attends"));
        }

        // Blank keeps what is stored (the event's language until they choose); a code the app does not speak is refused,
        // not dropped: the person would otherwise get e-mails in a language they did not pick, without being told.
        var language = Languages.Clean(form.Language);
        if (language is null && !string.IsNullOrWhiteSpace(form.Language))
        {
            Add("language", texts.T("profile.problem.language", ("codes", string.Join(", ", Texts.Languages.Select(l => l.Code))), ("value", form.Language.Trim())));
        }

        var formats = List("formats", form.Formats, errors, texts);
        var expertise = List("expertise", form.Expertise, errors, texts);
        var needs = List("needs", form.Needs, errors, texts);
        return errors.Count > 0
            ? (null, errors)
            : (new CleanProfile(name, email, role!, Text(form.Agency), Text(form.Location), Text(form.Grade), formats, expertise, needs, Text(form.Goals),
                Roster.People.AttendsName(online), PersonFields.KnownTimeZone(form.TimeZone), language), errors);
    }

    /// <summary>The engine's person for a clean profile (a new row is made from it).</summary>
    public static Person ToPerson(CleanProfile profile, int order)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var role = profile.Role switch
        {
            "mentor" => Role.Mentor,
            "both" => Role.Both,
            _ => Role.Mentee,
        };
        return new Person(order, role, profile.Name, profile.Email, profile.Agency, profile.Location, Core.Roster.Grade.Parse(profile.Grade),
            profile.Expertise, profile.Needs, profile.Goals, [], [])
        {
            SaidOnline = Roster.People.SaidOnline(profile.Attends),
            TimeZone = profile.TimeZone,
        };
    }

    /// <summary>
    /// Writes a clean profile onto a row, keeping what the form does not hold (choices, breaks, the key, the seats).
    /// True when anything a plan shows (name, role, agency, expertise, needs) changed. Attends, the time zone and the
    /// language are kept when the form leaves them out.
    /// </summary>
    public static bool Apply(PersonRecord record, CleanProfile profile)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(profile);
        var f = record.Profile;
        var shown = record.Name != profile.Name || f.Declared != profile.Role || f.Agency != profile.Agency ||
                    !f.Expertise.SequenceEqual(profile.Expertise) || !f.Needs.SequenceEqual(profile.Needs) || f.Grade != profile.Grade;
        record.Name = profile.Name;
        f.Declared = profile.Role;
        f.Email = profile.Email;
        f.Agency = profile.Agency;
        f.Location = profile.Location;
        var grade = Core.Roster.Grade.Parse(profile.Grade);
        f.Grade = grade.Text;
        f.GradeRank = grade.Rank;
        f.Formats = [.. profile.Formats];
        f.Expertise = [.. profile.Expertise];
        f.Needs = [.. profile.Needs];
        f.Goals = profile.Goals;
        f.Attends = profile.Attends ?? f.Attends;
        f.TimeZone = profile.TimeZone ?? f.TimeZone;
        record.Language = profile.Language ?? record.Language;
        return shown;
    }

    /// <summary>The stored profile as the form shows it.</summary>
    public static ProfileForm FormOf(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var f = record.Profile;
        return new ProfileForm(record.Name, f.Email, f.Declared, f.Agency, f.Location, f.Grade, f.Formats, f.Expertise, f.Needs, f.Goals, Attends: f.Attends, TimeZone: f.TimeZone, Language: record.Language);
    }

    /// <summary>A pending update as stored (JSON of the clean form).</summary>
    public static string Serialize(CleanProfile profile) => JsonSerializer.Serialize(profile.ToForm(), Json);

    /// <summary>A stored pending update, or null when there is none (or it no longer reads).</summary>
    public static ProfileForm? Pending(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrEmpty(record.Profile.PendingUpdate))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ProfileForm>(record.Profile.PendingUpdate, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True for someone who may host a table: declared mentor or both, or seated as a mentor.</summary>
    public static bool CanMentor(PersonRecord p) => p is not null && (p.Profile.Declared is "mentor" or "both" || p.Seating.Table is not null);

    /// <summary>True for someone who may sit at a table and so choose mentors.</summary>
    public static bool CanBeMentee(PersonRecord p) => p is not null && p.Profile.Declared is "mentee" or "both";

    /// <summary>
    /// True when the form would move a seated person of a hybrid event to the other kind of table: the plan must be
    /// changed for that (the check-in desk's switch does it), not only the profile.
    /// </summary>
    public static bool ChangesSeatedMode(EventRecord e, PersonRecord p, CleanProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return ChangesSeatedMode(e, p, profile.Attends);
    }

    /// <summary>True when <paramref name="attends"/> (online, in-person, or null = not said) would move a seated person of a hybrid event to the other kind of table.</summary>
    public static bool ChangesSeatedMode(EventRecord e, PersonRecord p, string? attends)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(p);
        return e.Mode == EventRecord.Hybrid && Planned(p) && attends is { } wanted &&
               (wanted == EventRecord.Online) != (Online.OnlineRooms.Attends(e, p.Profile) == EventRecord.Online);
    }

    /// <summary>True when the current plan seats the person.</summary>
    public static bool Planned(PersonRecord p) => p is not null && (p.Seating.Table is not null || p.Seating.Seats.Count > 0);

    private static string Text(string? value) => PersonFields.CleanName(value);

    // A list is cleaned entry by entry (split on ; as a roster cell is, so the CSV export reads back the same),
    // de-duplicated ignoring case, and held to the roster's limits: entries, and length once joined.
    private static List<string> List(string field, IReadOnlyList<string>? values, Dictionary<string, string[]> errors, Texts texts)
    {
        var entries = (values ?? [])
            .SelectMany(v => (v ?? "").Split([';', '|', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .Select(PersonFields.CleanName)
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var joined = string.Join(';', entries).Length;
        if (entries.Count > MaxListEntries)
        {
            errors.TryAdd(field, [texts.T("profile.problem.listTooMany", ("count", entries.Count), ("max", MaxListEntries))]);
        }
        else if (joined > PersonFields.MaxLength)
        {
            errors.TryAdd(field, [texts.T("profile.problem.listTooLong", ("length", joined), ("max", PersonFields.MaxLength))]);
        }

        return entries;
    }
}
