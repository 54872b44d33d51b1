using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Roster;

/// <summary>A person's stored row and the engine's <see cref="Person"/>: the same fields, no parsing either way.</summary>
internal static class People
{
    /// <summary>The engine's person for a stored row, with the key it was stored under.</summary>
    public static Person ToCore(PersonRecord p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var f = p.Profile;
        return new(p.Order, ParseRole(f.Declared), p.Name, f.Email, f.Agency, f.Location, new Grade(f.Grade, f.GradeRank),
            f.Expertise, f.Needs, f.Goals, f.Prefers, f.Avoid, f.Breaks.Count == 0 ? null : f.Breaks)
        {
            Key = p.Key,
        };
    }

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
