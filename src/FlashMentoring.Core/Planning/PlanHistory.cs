namespace FlashMentoring.Core.Planning;

/// <summary>One meeting at an earlier event: a mentee at a mentor's table in a round.</summary>
/// <param name="Event">The earlier event's name (meetings of one event, round and table sat together).</param>
/// <param name="Round">The round, from 1.</param>
/// <param name="Table">The table, from 1.</param>
/// <param name="Mentor">The mentor's identity key (<see cref="Roster.Person.KeyOf"/>: the e-mail in lower case).</param>
/// <param name="Mentee">The mentee's identity key.</param>
public sealed record PastMeeting(string Event, int Round, int Table, string Mentor, string Mentee);

/// <summary>
/// Who met whom at a programme's earlier events. A mentee-mentor pair that met before is not planned again unless the
/// mentee asked for that mentor; two mentees who sat at one table before count as a repeat if they do again.
/// </summary>
/// <param name="Meetings">The earlier meetings; people who are not in this event are ignored.</param>
public sealed class PlanHistory(IReadOnlyList<PastMeeting> Meetings)
{
    /// <summary>The earlier meetings.</summary>
    public IReadOnlyList<PastMeeting> Meetings { get; } = Meetings;

    /// <summary>No earlier events.</summary>
    public static readonly PlanHistory None = new([]);

    /// <summary>Mentee-mentor pairs that met before (mentee key, mentor key).</summary>
    public IReadOnlySet<(string Mentee, string Mentor)> MetPairs { get; } = Meetings.Select(x => (x.Mentee, x.Mentor)).ToHashSet();

    /// <summary>Pairs of mentees who sat at one table before, the smaller key (ordinal) first.</summary>
    public IReadOnlySet<(string First, string Second)> TableMates { get; } = Meetings
            .GroupBy(x => (x.Event, x.Round, x.Table))
            .SelectMany(g =>
            {
                var keys = g.Select(x => x.Mentee).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                return keys.SelectMany((a, k) => keys.Skip(k + 1).Select(b => (a, b)));
            })
            .ToHashSet();
}
