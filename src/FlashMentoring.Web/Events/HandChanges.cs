using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;

namespace FlashMentoring.Web.Events;

/// <summary>A mentee or mentor as the host's pickers list them; a mentor with their table.</summary>
public sealed record PickPerson(string Key, string Name, string Agency, int? Table);

/// <summary>Why a move by hand was refused, in words a host can act on; for a full table, who sits there.</summary>
internal sealed record MoveRefusal(int Status, string Title, string Detail, IReadOnlyList<PickPerson>? Tablemates = null);

/// <summary>A move by hand: the new plan and what it does in words, or why not.</summary>
internal sealed record MoveOutcome(PlanResult? Plan, string Summary, MoveRefusal? Refusal);

/// <summary>
/// The host's changes by hand that do not ask the engine: moving one mentee to another table in one round (everyone
/// else keeps their seat), and putting back the plan from before the last change.
/// </summary>
internal static class HandChanges
{
    /// <summary>
    /// Moves a mentee to a table in a round phones have not sent anyone to yet (after the first <paramref name="sent"/>),
    /// or swaps them with a mentee seated there. Its words (the summary, a refusal) are in <paramref name="texts"/>.
    /// </summary>
    public static MoveOutcome Move(PlanResult plan, int sent, MoveRequest move, Texts texts)
    {
        var rotation = plan.Rotation;
        var i = move.Mentee is null ? -1 : rotation.MenteeIndex(move.Mentee);
        if (i < 0)
        {
            return Refuse(StatusCodes.Status400BadRequest, texts.T("host.said.unknownMenteeTitle"), texts.T("host.said.unknownMentee", ("key", move.Mentee)));
        }

        var round = move.Round;
        if (round < 1 || round > rotation.Rounds || move.Table < 1 || move.Table > rotation.Mentors.Count)
        {
            return Refuse(StatusCodes.Status400BadRequest, texts.T("host.said.noSuchSeatTitle"), texts.T("host.said.noSuchSeat", ("rounds", rotation.Rounds), ("tables", rotation.Mentors.Count)));
        }

        var mentee = rotation.Mentees[i];
        var j = move.Table - 1;
        var mentor = rotation.Mentors[j];
        (string, object?) who = ("mentee", mentee.Name), inRound = ("round", round), table = ("table", move.Table);
        if (round <= sent)
        {
            return Refuse(StatusCodes.Status409Conflict, texts.T("host.said.begunTitle"), sent >= rotation.Rounds
                ? texts.T("host.said.begunLast", inRound)
                : texts.T("host.said.begun", inRound, who, ("next", sent + 1)));
        }

        if (!plan.Attendance.MenteeThere(i, round))
        {
            return Refuse(StatusCodes.Status409Conflict, texts.T("host.said.notThereTitle"), texts.T("host.said.notThere", who, inRound));
        }

        if (!plan.Attendance.MentorThere(j, round))
        {
            return Refuse(StatusCodes.Status409Conflict, texts.T("host.said.noTableTitle"), texts.T("host.said.noTable", ("mentor", mentor.Name), table, inRound));
        }

        var from = rotation.MentorOf(round, i);
        if (from == j)
        {
            return Refuse(StatusCodes.Status400BadRequest, texts.T("host.said.alreadyThereTitle"), texts.T("host.said.alreadyThere", who, table, inRound));
        }

        if (from >= 0 && Pinned(plan, i, from))
        {
            return Refuse(StatusCodes.Status409Conflict, texts.T("host.said.pinnedTitle"), texts.T("host.said.pinnedMentee", who, ("mentor", rotation.Mentors[from].Name), inRound));
        }

        var seated = rotation.MenteesAt(round, j);
        var k = -1;
        if (move.SwapWith is { } swapKey)
        {
            k = rotation.MenteeIndex(swapKey);
            if (k < 0 || !seated.Contains(k))
            {
                return Refuse(StatusCodes.Status400BadRequest, texts.T("host.said.notAtTableTitle"), texts.T("host.said.notAtTable", ("key", swapKey), table, inRound, ("names", Names(rotation, seated))));
            }
        }

        if (CannotSit(plan, i, j, round, seated.Where(x => x != k), texts) is { } why)
        {
            return Refuse(StatusCodes.Status409Conflict, texts.T("host.adjust.notMoved"), why);
        }

        if (k < 0 && seated.Count >= rotation.SeatsPerTable)
        {
            var tablemates = seated.Select(x => Pick(rotation.Mentees[x], null)).ToList();
            return Refuse(StatusCodes.Status409Conflict, texts.T("host.said.fullTitle"), texts.T("host.said.full", table, inRound, ("names", Names(rotation, seated)), who), tablemates);
        }

        var other = k >= 0 ? rotation.Mentees[k] : null;
        if (other is not null)
        {
            if (Pinned(plan, k, j))
            {
                return Refuse(StatusCodes.Status409Conflict, texts.T("host.said.pinnedTitle"), texts.T("host.said.pinnedOther", ("other", other.Name), ("mentor", mentor.Name), inRound, table));
            }

            if (from >= 0 && CannotSit(plan, k, from, round, rotation.MenteesAt(round, from).Where(x => x != i), texts) is { } whyNot)
            {
                return Refuse(StatusCodes.Status409Conflict, texts.T("host.said.notSwappedTitle"), whyNot);
            }
        }

        var seats = rotation.CopySeats();
        var m = rotation.Mentees.Count;
        seats[((round - 1) * m) + i] = j;
        if (k >= 0)
        {
            seats[((round - 1) * m) + k] = from;
        }

        (string, object?) named = ("mentor", mentor.Name);
        var summary = other is null ? texts.T("host.said.moves", who, table, named, inRound)
            : from >= 0 ? texts.T("host.said.movesSwap", who, table, named, inRound, ("other", other.Name), ("from", from + 1))
            : texts.T("host.said.movesSwapRests", who, table, named, inRound, ("other", other.Name));
        return new MoveOutcome(Rebuild(plan, seats, plan.Constraints, plan.Quality.UpperBound), summary, null);
    }

    /// <summary>What undo needs to put <paramref name="before"/> back; <paramref name="producedVersion"/> is the version the change saves as.</summary>
    public static PlanBefore Snapshot(PlanResult before, string label, int firstRound, int producedVersion)
    {
        var rotation = before.Rotation;
        return new PlanBefore
        {
            Label = label,
            FirstRound = firstRound,
            PlanVersion = producedVersion,
            UpperBound = before.Quality.UpperBound,
            Pins = before.Constraints.Pins.Select(p => new KeyPair { Mentee = p.Mentee, Mentor = p.Mentor }).ToList(),
            Forbids = before.Constraints.Forbids.Select(p => new KeyPair { Mentee = p.Mentee, Mentor = p.Mentor }).ToList(),
            Seats = rotation.Mentees.Select((p, i) => new MenteeTables
            {
                Mentee = p.Key,
                Tables = Enumerable.Range(1, rotation.Rounds).Select(r => rotation.MentorOf(r, i) + 1).ToList(),
            }).ToList(),
        };
    }

    /// <summary>The plan a snapshot holds, for the same people as <paramref name="current"/>; null when they differ.</summary>
    public static PlanResult? Restore(PlanResult current, PlanBefore before)
    {
        var rotation = current.Rotation;
        var tables = before.Seats.ToDictionary(s => s.Mentee, s => s.Tables, StringComparer.Ordinal);
        var m = rotation.Mentees.Count;
        if (tables.Count != m)
        {
            return null;
        }

        var seats = new int[rotation.Rounds * m];
        for (var i = 0; i < m; i++)
        {
            if (!tables.TryGetValue(rotation.Mentees[i].Key, out var planned) || planned.Count != rotation.Rounds || planned.Any(t => t < 0 || t > rotation.Mentors.Count))
            {
                return null;
            }

            for (var r = 0; r < rotation.Rounds; r++)
            {
                seats[(r * m) + i] = planned[r] - 1;
            }
        }

        var constraints = current.Constraints with { Pins = before.Pins.Select(p => (p.Mentee, p.Mentor)).ToList(), Forbids = before.Forbids.Select(p => (p.Mentee, p.Mentor)).ToList() };
        return Rebuild(current, seats, constraints, before.UpperBound);
    }

    /// <summary>The first round whose seats differ, where phones would be sent elsewhere; after the last round when none does.</summary>
    public static int FirstChangedRound(ReplanResult result, int held) =>
        result.Changes.Count == 0 ? held + 1 : result.Changes.Min(c => c.Round);

    public static PickPerson Pick(Person person, int? table) => new(person.Key, person.Name, person.Agency, table);

    private static PlanResult Rebuild(PlanResult plan, int[] seats, PlanConstraints constraints, long? upperBound)
    {
        var rotation = plan.Rotation;
        var roles = new RoleAssignment(rotation.Mentors, rotation.Mentees);
        return PlanStore.WithBound(RotationEngine.Restore(roles, plan.Settings, constraints, plan.Attendance, seats), upperBound);
    }

    /// <summary>Why mentee <paramref name="i"/> may not sit at table <paramref name="j"/> in the round with these tablemates; null when they may.</summary>
    private static string? CannotSit(PlanResult plan, int i, int j, int round, IEnumerable<int> tablemates, Texts texts)
    {
        var rotation = plan.Rotation;
        var mentee = rotation.Mentees[i];
        var mentor = rotation.Mentors[j];
        (string, object?) who = ("mentee", mentee.Name), named = ("mentor", mentor.Name);
        if (plan.Scorer.Apart(i, j))
        {
            return texts.T(mentee.Online ? "host.said.apartOnline" : "host.said.apartInRoom", who, ("table", j + 1), named);
        }

        var again = Enumerable.Range(1, rotation.Rounds).FirstOrDefault(r => r != round && rotation.MentorOf(r, i) == j);
        if (again > 0)
        {
            return texts.T("host.said.twice", who, named, ("round", again));
        }

        if (plan.Scorer.Avoids(i, j))
        {
            return texts.T("host.said.avoids", who, named);
        }

        if (plan.Constraints.Forbids.Contains((mentee.Key, mentor.Key)))
        {
            return texts.T("host.said.forbidden", who, named);
        }

        foreach (var k in tablemates)
        {
            var other = rotation.Mentees[k];
            if (mentee.Avoid.Contains(other.Key) || other.Avoid.Contains(mentee.Key))
            {
                return texts.T("host.said.avoidsTablemate", who, ("other", other.Name), ("table", j + 1), ("round", round));
            }
        }

        return null;
    }

    private static bool Pinned(PlanResult plan, int mentee, int mentor) =>
        plan.Constraints.Pins.Contains((plan.Rotation.Mentees[mentee].Key, plan.Rotation.Mentors[mentor].Key));

    private static string Names(Rotation rotation, IEnumerable<int> mentees) => string.Join(", ", mentees.Select(x => rotation.Mentees[x].Name));

    private static MoveOutcome Refuse(int status, string title, string detail, IReadOnlyList<PickPerson>? tablemates = null) =>
        new(null, "", new MoveRefusal(status, title, detail, tablemates));
}
