using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
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
    /// or swaps them with a mentee seated there.
    /// </summary>
    public static MoveOutcome Move(PlanResult plan, int sent, MoveRequest move)
    {
        var rotation = plan.Rotation;
        var i = move.Mentee is null ? -1 : rotation.MenteeIndex(move.Mentee);
        if (i < 0)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Unknown mentee", $"No mentee '{move.Mentee}' in this plan; choose one from the list.");
        }

        var round = move.Round;
        if (round < 1 || round > rotation.Rounds || move.Table < 1 || move.Table > rotation.Mentors.Count)
        {
            return Refuse(StatusCodes.Status400BadRequest, "No such round or table", $"Choose a round from 1 to {rotation.Rounds} and a table from 1 to {rotation.Mentors.Count}.");
        }

        var mentee = rotation.Mentees[i];
        var j = move.Table - 1;
        var mentor = rotation.Mentors[j];
        if (round <= sent)
        {
            return Refuse(StatusCodes.Status409Conflict, "That round has begun", sent >= rotation.Rounds
                ? $"Round {round} has begun and it is the last one: there is no round left to change."
                : $"Round {round} has begun, or people are already changing tables for it: phones show its tables. Move {mentee.Name} in a round to come, from round {sent + 1} on.");
        }

        if (!plan.Attendance.MenteeThere(i, round))
        {
            return Refuse(StatusCodes.Status409Conflict, "Not there that round", $"{mentee.Name} is not there in round {round} (marked absent, or joining later). Mark them here first.");
        }

        if (!plan.Attendance.MentorThere(j, round))
        {
            return Refuse(StatusCodes.Status409Conflict, "No table that round", $"{mentor.Name} does not host Table {move.Table} in round {round} (a break, or marked absent). Choose another table.");
        }

        var from = rotation.MentorOf(round, i);
        if (from == j)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Already there", $"{mentee.Name} already sits at Table {move.Table} in round {round}.");
        }

        if (from >= 0 && Pinned(plan, i, from))
        {
            return Refuse(StatusCodes.Status409Conflict, "Pinned pair", $"You pinned {mentee.Name} to {rotation.Mentors[from].Name}, and they meet in round {round}. Clear the pin first, or move {mentee.Name} in another round.");
        }

        var seated = rotation.MenteesAt(round, j);
        var k = -1;
        if (move.SwapWith is { } swapKey)
        {
            k = rotation.MenteeIndex(swapKey);
            if (k < 0 || !seated.Contains(k))
            {
                return Refuse(StatusCodes.Status400BadRequest, "Not at that table", $"'{swapKey}' does not sit at Table {move.Table} in round {round}; swap with someone who does: {Names(rotation, seated)}.");
            }
        }

        if (CannotSit(plan, i, j, round, seated.Where(x => x != k)) is { } why)
        {
            return Refuse(StatusCodes.Status409Conflict, "Not moved", why);
        }

        if (k < 0 && seated.Count >= rotation.SeatsPerTable)
        {
            var tablemates = seated.Select(x => Pick(rotation.Mentees[x], null)).ToList();
            return Refuse(StatusCodes.Status409Conflict, "That table is full", $"Table {move.Table} is full in round {round}: {Names(rotation, seated)}. Swap {mentee.Name} with one of them, or choose a table with a free seat.", tablemates);
        }

        var other = k >= 0 ? rotation.Mentees[k] : null;
        if (other is not null)
        {
            if (Pinned(plan, k, j))
            {
                return Refuse(StatusCodes.Status409Conflict, "Pinned pair", $"You pinned {other.Name} to {mentor.Name}, and they meet in round {round}. Swap with someone else at Table {move.Table}.");
            }

            if (from >= 0 && CannotSit(plan, k, from, round, rotation.MenteesAt(round, from).Where(x => x != i)) is { } whyNot)
            {
                return Refuse(StatusCodes.Status409Conflict, "Not swapped", whyNot);
            }
        }

        var seats = rotation.CopySeats();
        var m = rotation.Mentees.Count;
        seats[((round - 1) * m) + i] = j;
        if (k >= 0)
        {
            seats[((round - 1) * m) + k] = from;
        }

        var summary = $"{mentee.Name} moves to Table {move.Table} ({mentor.Name}) in round {round}" +
            (other is null ? "" : from >= 0 ? $"; {other.Name} takes their seat at Table {from + 1}" : $"; {other.Name} rests that round instead");
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
    private static string? CannotSit(PlanResult plan, int i, int j, int round, IEnumerable<int> tablemates)
    {
        var rotation = plan.Rotation;
        var mentee = rotation.Mentees[i];
        var mentor = rotation.Mentors[j];
        if (plan.Scorer.Apart(i, j))
        {
            return $"{mentee.Name} takes part {Where(mentee)} and Table {j + 1} ({mentor.Name}) is {Where(mentor)}, so they cannot meet. Choose one of the {(mentee.Online ? "online tables" : "tables in the room")}.";
        }

        var again = Enumerable.Range(1, rotation.Rounds).FirstOrDefault(r => r != round && rotation.MentorOf(r, i) == j);
        if (again > 0)
        {
            return $"{mentee.Name} already meets {mentor.Name} in round {again}; this would make them meet twice. Choose another table, or change round {again} instead.";
        }

        if (plan.Scorer.Avoids(i, j))
        {
            return $"{mentee.Name} and {mentor.Name} asked not to be seated together (the roster's avoid column). Choose another table.";
        }

        if (plan.Constraints.Forbids.Contains((mentee.Key, mentor.Key)))
        {
            return $"You forbade {mentee.Name} with {mentor.Name}. Clear the forbid first, or choose another table.";
        }

        foreach (var k in tablemates)
        {
            var other = rotation.Mentees[k];
            if (mentee.Avoid.Contains(other.Key) || other.Avoid.Contains(mentee.Key))
            {
                return $"{mentee.Name} and {other.Name} asked not to share a table, and {other.Name} sits at Table {j + 1} in round {round}. Choose another table.";
            }
        }

        return null;
    }

    /// <summary>How the person takes part, as the end of "takes part ..." or "is ...".</summary>
    public static string Where(Person person) => person.Online ? "online" : "in the room";

    private static bool Pinned(PlanResult plan, int mentee, int mentor) =>
        plan.Constraints.Pins.Contains((plan.Rotation.Mentees[mentee].Key, plan.Rotation.Mentors[mentor].Key));

    private static string Names(Rotation rotation, IEnumerable<int> mentees) => string.Join(", ", mentees.Select(x => rotation.Mentees[x].Name));

    private static MoveOutcome Refuse(int status, string title, string detail, IReadOnlyList<PickPerson>? tablemates = null) =>
        new(null, "", new MoveRefusal(status, title, detail, tablemates));
}
