using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;

namespace FlashMentoring.Web.Online;

/// <summary>
/// What a new event mode does to a plan made before the start: the people whose attending changes, and a plan in
/// which online mentees sit only at online tables and in-room mentees only at tables in the room.
/// </summary>
public static class ModeChange
{
    /// <summary>The keys of the plan's people who attend online under the event's mode as it is now.</summary>
    public static IReadOnlySet<string> OnlineKeys(EventRecord e, PlanResult plan, IReadOnlyDictionary<string, PersonRecord> people)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(people);
        return plan.Rotation.Mentors.Concat(plan.Rotation.Mentees)
            .Where(p => people.TryGetValue(p.Key, out var row) && OnlineRooms.Attends(e, row.Profile) == EventRecord.Online)
            .Select(p => p.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The plan for the event's (already changed) mode: the same seats when they keep the rule, else the re-planner's
    /// repair of them (as few moves as it can), else a plan made afresh.
    /// </summary>
    public static PlanResult Replan(EventRecord e, PlanResult before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(before);
        // The helper's mapping, the one every plan restore uses, so the plan made here reads back the same.
        var roles = new RoleAssignment(before.Rotation.Mentors.Select(p => People.InMode(e, p)).ToList(), before.Rotation.Mentees.Select(p => People.InMode(e, p)).ToList());
        var same = PlanStore.WithBound(RotationEngine.Restore(roles, before.Settings, before.Constraints, before.Attendance, before.Rotation.CopySeats()), before.Quality.UpperBound);
        if (KeepsOnlineRule(same))
        {
            return same;
        }

        var repaired = Replanner.Replan(same, 0, []).Plan;
        return KeepsOnlineRule(repaired) ? repaired : RotationEngine.Plan(roles, before.Settings, before.Constraints, before.Attendance, cancellationToken);
    }

    /// <summary>Whether every seat joins an online mentee with an online mentor and an in-room one with one in the room.</summary>
    public static bool KeepsOnlineRule(PlanResult plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rotation = plan.Rotation;
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            for (var i = 0; i < rotation.Mentees.Count; i++)
            {
                var j = rotation.MentorOf(round, i);
                if (j >= 0 && rotation.Mentees[i].Online != rotation.Mentors[j].Online)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
