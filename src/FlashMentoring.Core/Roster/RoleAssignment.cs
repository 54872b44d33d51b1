namespace FlashMentoring.Core.Roster;

/// <summary>Who hosts a table and who moves, once the <c>both</c> people are placed.</summary>
/// <param name="Mentors">Table hosts, in roster order; table numbers follow this order.</param>
/// <param name="Mentees">People who move between tables, in roster order.</param>
public sealed record RoleAssignment(IReadOnlyList<Person> Mentors, IReadOnlyList<Person> Mentees)
{
    /// <summary>
    /// Mentors host; mentees move. A <c>both</c> person hosts only while the room is short of seats:
    /// the fewest of them (senior first) host so that every remaining mentee has a seat; the rest move.
    /// </summary>
    public static RoleAssignment From(IReadOnlyList<Person> people, int seatsPerTable)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentOutOfRangeException.ThrowIfLessThan(seatsPerTable, 1);
        var duplicate = people.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{duplicate.First().Name} ({duplicate.Key}) appears {duplicate.Count()} times; each person needs their own name or email.", nameof(people));
        }

        var n = people.Count(p => p.Role == Role.Mentor);
        var m = people.Count(p => p.Role == Role.Mentee);
        var both = people.Where(p => p.Role == Role.Both)
                         .OrderByDescending(p => p.Grade.Rank ?? 0)
                         .ToList();
        var b = both.Count;
        var hosts = (int)Math.Ceiling((m + b - (double)n * seatsPerTable) / (seatsPerTable + 1));
        hosts = Math.Clamp(hosts, n == 0 && b > 0 ? 1 : 0, b);
        var hosting = both.Take(hosts).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        var mentors = people.Where(p => p.Role == Role.Mentor || hosting.Contains(p.Key)).ToList();
        var mentees = people.Where(p => p.Role == Role.Mentee || (p.Role == Role.Both && !hosting.Contains(p.Key))).ToList();
        return new RoleAssignment(mentors, mentees);
    }
}
