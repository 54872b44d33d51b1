using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Online;

namespace FlashMentoring.Web.Roster;

/// <summary>A person's stored row and the engine's <see cref="Person"/>: the same fields, no parsing either way.</summary>
internal static class People
{
    /// <summary>
    /// The engine's person for a stored row, with the key it was stored under, online as the event's mode and their
    /// own word decide (<see cref="OnlineRooms.Attends"/>).
    /// </summary>
    public static Person ToCore(EventRecord e, PersonRecord p)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(p);
        var f = p.Profile;
        return new(p.Order, ParseRole(f.Declared), p.Name, f.Email, f.Agency, f.Location, new Grade(f.Grade, f.GradeRank),
            f.Expertise, f.Needs, f.Goals, f.Prefers, f.Avoid, f.Breaks.Count == 0 ? null : f.Breaks)
        {
            Key = p.Key,
            SaidOnline = SaidOnline(f.Attends),
            Online = OnlineRooms.Attends(e, f) == EventRecord.Online,
            TimeZone = f.TimeZone,
            Language = Hosting.Languages.Clean(p.Language),
        };
    }

    /// <summary>The same person with <see cref="Person.Online"/> as the event's mode and their own word decide.</summary>
    public static Person InMode(EventRecord e, Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person with { Online = OnlineRooms.Attends(e, new PersonProfile { Attends = AttendsName(person.SaidOnline) }) == EventRecord.Online };
    }

    /// <summary>
    /// A file's line for someone already stored: what the line leaves blank (must meet, no thanks, how they take part,
    /// their time zone) keeps what the person chose themselves.
    /// </summary>
    public static Person KeepOwnChoices(Person line, PersonRecord kept)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(kept);
        return KeepHowTheyTakePart(line, kept) with
        {
            Prefers = line.Prefers.Count > 0 ? line.Prefers : kept.Profile.Prefers,
            Avoid = line.Avoid.Count > 0 ? line.Avoid : kept.Profile.Avoid,
        };
    }

    /// <summary>
    /// A file's line for anyone already stored: a blank attends, time zone or language keeps the stored one, whoever set
    /// it (the person, the host, the check-in desk or an earlier file).
    /// </summary>
    public static Person KeepHowTheyTakePart(Person line, PersonRecord kept)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(kept);
        return line with
        {
            SaidOnline = line.SaidOnline ?? SaidOnline(kept.Profile.Attends),
            TimeZone = line.TimeZone ?? kept.Profile.TimeZone,
            Language = line.Language ?? Hosting.Languages.Clean(kept.Language),
        };
    }

    /// <summary>The stored word for how someone said they take part: online, in-person, or null when not said.</summary>
    public static string? AttendsName(bool? online) => online switch
    {
        true => EventRecord.Online,
        false => EventRecord.InPerson,
        null => null,
    };

    /// <summary>The stored word read back: true online, false in the room, null not said.</summary>
    public static bool? SaidOnline(string? attends) => attends switch
    {
        EventRecord.Online => true,
        EventRecord.InPerson => false,
        _ => null,
    };

    /// <summary>A new row with a fresh personal link.</summary>
    public static PersonRecord NewRecord(Guid eventId, Person person, string source, int order)
    {
        var (token, hash) = HostKeys.NewPersonToken();
        var record = new PersonRecord { EventId = eventId, Key = person.Key, Name = person.Name, Role = RoleName(person.Role), Token = token, TokenHash = hash };
        SetProfile(record, person, source, order);
        return record;
    }

    /// <summary>Copies a person's profile onto their row (a new roster may change a name, an agency, a need).</summary>
    public static void SetProfile(PersonRecord record, Person person, string source, int order)
    {
        record.Name = person.Name;
        record.Source = source;
        record.Order = order;
        var f = record.Profile;
        f.Declared = RoleName(person.Role);
        f.Email = person.Email;
        f.Agency = person.Agency;
        f.Location = person.Location;
        f.Grade = person.Grade.Text;
        f.GradeRank = person.Grade.Rank;
        f.Expertise = [.. person.Expertise];
        f.Needs = [.. person.Needs];
        f.Goals = person.Goals;
        f.Prefers = [.. person.Prefers];
        f.Avoid = [.. person.Avoid];
        f.Breaks = [.. person.RoundsOff ?? []];
        f.Attends = AttendsName(person.SaidOnline);
        f.TimeZone = person.TimeZone;

        // A person without a language of their own (a form that does not ask) leaves the one stored: the switch on their
        // phone may have set it.
        record.Language = person.Language ?? record.Language;
    }

    public static string RoleName(Role role) => role switch
    {
        Role.Mentor => "mentor",
        Role.Both => "both",
        _ => "mentee",
    };

    private static Role ParseRole(string role) => role switch
    {
        "mentor" => Role.Mentor,
        "both" => Role.Both,
        _ => Role.Mentee,
    };
}
