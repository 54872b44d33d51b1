using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Planning;

/// <summary>
/// The baseline hosts use today: mentees split into groups, one per table, and every group moves one table
/// clockwise each round. It ignores preferences, needs, agencies and avoid lists, and repeats once the rounds
/// outnumber the tables. Kept to measure the engine against, never to seat a real event.
/// </summary>
public static class ClockwiseRotation
{
    /// <summary>Seats the roster by moving each group one table on per round.</summary>
    public static PlanResult Plan(RoleAssignment roles, PlanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(settings);
        var m = roles.Mentees.Count;
        var n = roles.Mentors.Count;
        var seats = new int[m * settings.Rounds];
        Array.Fill(seats, -1);
        var capacity = n * settings.SeatsPerTable;
        for (var round = 0; round < settings.Rounds && n > 0; round++)
        {
            for (var i = 0; i < m; i++)
            {
                // Everyone beyond the room's seats waits in a queue that also moves on each round.
                var place = (i + (round * Math.Max(0, m - capacity))) % Math.Max(m, 1);
                if (place < capacity)
                {
                    seats[(round * m) + i] = ((place % n) + round) % n;
                }
            }
        }

        var scorer = new PairScorer(roles.Mentees, roles.Mentors, settings);
        var attendance = Attendance.FromPeople(roles.Mentees, roles.Mentors, settings.Rounds);
        var rotation = new Rotation(roles.Mentees, roles.Mentors, settings.Rounds, settings.SeatsPerTable, seats);
        return new PlanResult(rotation, PlanEvaluator.Evaluate(rotation, scorer, attendance), scorer, settings, PlanConstraints.None, attendance, []);
    }
}
