using FlashMentoring.Core.Live;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;

namespace FlashMentoring.Web.Online;

/// <summary>A mentee expected in an online table's room this round.</summary>
/// <param name="Status">Their check-in status: expected, arrived, late or absent.</param>
public sealed record PresencePerson(long PersonId, string Name, bool InRoom, bool Missing, string Status);

/// <summary>One online table this round: its mentor, its room and its mentees.</summary>
public sealed record PresenceTable(int Table, string Mentor, long MentorId, bool MentorInRoom, string? Link, IReadOnlyList<PresencePerson> People);

/// <summary>Who is in which video room in the round on; <c>Late</c> once a minute of it has gone.</summary>
/// <param name="Phase">The clock's phase: Waiting, Round, Transition, Paused or Finished.</param>
public sealed record PresenceView(int Round, string Phase, DateTimeOffset? RoundStartedAt, bool Late, IReadOnlyList<PresenceTable> Tables);

/// <summary>The host's view of the video rooms during a round, from the clock and the people's presence columns.</summary>
public static class HostPresence
{
    /// <summary>How long into a round someone who has not said they are in the room counts as not joined.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When the round on started, or null when no round is on (a paused round counts). Worked out from the clock:
    /// its end less the round's length, so a minute added or a pause moves it later, never earlier; nobody is called
    /// late early.
    /// </summary>
    public static DateTimeOffset? RoundStartedAt(EventRecord e, ClockState clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(clock);
        var length = TimeSpan.FromMinutes(e.RoundMinutes);
        return clock switch
        {
            { Phase: Phase.Round, EndsAt: { } ends } => ends - length,
            { Phase: Phase.Paused, PausedFrom: Phase.Round, Remaining: { } left } => now - (length - left),
            _ => null,
        };
    }

    /// <summary>The presence of every online table in the round on; round 0 and no tables when none is on.</summary>
    public static PresenceView View(EventRecord e, EventPlan? plan, IReadOnlyList<PersonRecord> people, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(people);
        var clock = ClockStore.Now(e, now);
        var started = RoundStartedAt(e, clock, now);
        if (started is null || plan is null)
        {
            return new PresenceView(0, clock.Phase.ToString(), null, false, []);
        }

        var round = clock.Round;
        var byKey = people.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var online = OnlineTables.OnlineByTable(plan);
        var rotation = plan.Plan.Rotation;
        var tables = new List<PresenceTable>();
        for (var j = 0; j < rotation.Mentors.Count; j++)
        {
            if (!online[j] || !plan.Plan.Attendance.MentorThere(j, round) || !byKey.TryGetValue(rotation.Mentors[j].Key, out var mentor))
            {
                continue;
            }

            var seated = rotation.MenteesAt(round, j)
                .Select(i => byKey.GetValueOrDefault(rotation.Mentees[i].Key))
                .OfType<PersonRecord>()
                .Select(p => new PresencePerson(p.Id, p.Name, p.InRoomRound == round, p.MissingRound == round, p.Status))
                .ToList();
            tables.Add(new PresenceTable(j + 1, mentor.Name, mentor.Id, mentor.InRoomRound == round, OnlineRooms.LinkFor(e, j + 1, true), seated));
        }

        return new PresenceView(round, clock.Phase.ToString(), started, now >= started + Grace, tables);
    }
}
