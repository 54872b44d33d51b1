using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Core.Planning;

/// <summary>Something that happened at the event, taking effect from a round on (1-based).</summary>
/// <param name="FromRound">The first round the change applies to.</param>
public abstract record RosterChange(int FromRound);

/// <summary>A mentee on the roster is not there before <paramref name="FromRound"/>.</summary>
public sealed record MenteeArrivesLate(string Key, int FromRound) : RosterChange(FromRound);

/// <summary>A mentee leaves (or never showed up) from <paramref name="FromRound"/> on.</summary>
public sealed record MenteeLeaves(string Key, int FromRound) : RosterChange(FromRound);

/// <summary>Someone not on the roster joins from <paramref name="FromRound"/>; a mentor gets a new table.</summary>
public sealed record WalkIn(Person Person, int FromRound) : RosterChange(FromRound);

/// <summary>A mentor stops hosting from <paramref name="FromRound"/> on; their table closes.</summary>
public sealed record MentorDropsOut(string Key, int FromRound) : RosterChange(FromRound);

/// <summary>A mentor's table opens only at <paramref name="FromRound"/>.</summary>
public sealed record MentorArrivesLate(string Key, int FromRound) : RosterChange(FromRound);

/// <summary>
/// Someone marked absent is back after all (mentee or mentor): they take part again from <paramref name="FromRound"/>,
/// except a mentor's planned breaks.
/// </summary>
public sealed record PersonReturns(string Key, int FromRound) : RosterChange(FromRound);

/// <summary>
/// Someone on the plan changes how they take part (online or in the room) for the rounds still to come: a mentee
/// sits only at tables of their new kind, a mentor's table becomes one. Held rounds stay as they were.
/// </summary>
public sealed record AttendsChanges(string Key, bool Online, int FromRound) : RosterChange(FromRound);

/// <summary>One person's table in one round before and after a re-plan (null: resting, or not hosting).</summary>
/// <param name="Key">The person's identity key.</param>
/// <param name="Name">Display name.</param>
/// <param name="Round">1-based round.</param>
/// <param name="FromTable">Table before.</param>
/// <param name="ToTable">Table after.</param>
public sealed record SeatChange(string Key, string Name, int Round, int? FromTable, int? ToTable);

/// <summary>The new plan and, per person and round, what moved.</summary>
/// <param name="Plan">The re-planned event.</param>
/// <param name="Changes">Every seat that differs from the old plan, in round order.</param>
public sealed record ReplanResult(PlanResult Plan, IReadOnlyList<SeatChange> Changes)
{
    /// <summary>
    /// The keys of everyone whose itinerary now reads differently: whoever moved (or whose table opened or closed),
    /// the mentor of every table someone left or joined, and everyone seated at those tables in that round, since
    /// an itinerary names the people at one's table. Nobody else needs to hear of the change.
    /// </summary>
    public IReadOnlyList<string> PeopleToTell()
    {
        var rotation = Plan.Rotation;
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Tell(string key)
        {
            if (seen.Add(key))
            {
                keys.Add(key);
            }
        }

        foreach (var change in Changes)
        {
            Tell(change.Key);
            foreach (var table in new[] { change.FromTable, change.ToTable })
            {
                if (table is not { } t || t > rotation.Mentors.Count)
                {
                    continue;
                }

                Tell(rotation.Mentors[t - 1].Key);
                foreach (var mentee in rotation.MenteesAt(change.Round, t - 1))
                {
                    Tell(rotation.Mentees[mentee].Key);
                }
            }
        }

        return keys;
    }
}

/// <summary>
/// Re-plans the rounds still to come. Rounds held stay as they were. Every later round keeps its old seating:
/// who is new or whose table closed takes a free seat (or, when the host allows it, one extra seat at a table),
/// and someone else moves only to keep the tables within one of each other or the rests even. Only when that
/// breaks a hard rule are the later rounds solved again, with a bonus for every pair the old plan had, and
/// matched back to the old rounds so that as many people as possible keep their old table.
/// </summary>
public static class Replanner
{
    /// <summary>Applies the changes after <paramref name="roundsHeld"/> rounds.</summary>
    /// <param name="current">The plan as it stands.</param>
    /// <param name="roundsHeld">Rounds already held, which stay as they were.</param>
    /// <param name="changes">What changed on the day.</param>
    /// <param name="cancellationToken">
    /// The caller's token: the later rounds solved again (the long way, seconds in a room of thousands) stop part-way,
    /// throwing <see cref="OperationCanceledException"/>, when it is cancelled.
    /// </param>
    public static ReplanResult Replan(PlanResult current, int roundsHeld, IReadOnlyList<RosterChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        var rounds = current.Settings.Rounds;
        ArgumentOutOfRangeException.ThrowIfNegative(roundsHeld);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(roundsHeld, rounds);
        foreach (var change in changes)
        {
            if (change.FromRound <= roundsHeld || change.FromRound > rounds + 1)
            {
                throw new ArgumentOutOfRangeException(nameof(changes), $"A change from round {change.FromRound} cannot apply after {Say.Count(roundsHeld, "round")} held of {rounds}.");
            }
        }

        var old = current.Rotation;
        var switches = changes.OfType<AttendsChanges>().ToDictionary(s => s.Key, s => s.Online, StringComparer.Ordinal);
        foreach (var key in switches.Keys.Where(k => old.MenteeIndex(k) < 0 && old.MentorIndex(k) < 0))
        {
            throw new ArgumentException($"Nobody with key {key} is on the plan.", nameof(changes));
        }

        Person Now(Person p) => switches.TryGetValue(p.Key, out var online) ? p with { Online = online, SaidOnline = online } : p;
        var mentees = old.Mentees.Select(Now).Concat(changes.OfType<WalkIn>().Where(w => !w.Person.CanMentor).Select(w => w.Person)).ToList();
        var mentors = old.Mentors.Select(Now).Concat(changes.OfType<WalkIn>().Where(w => w.Person.CanMentor).Select(w => w.Person)).ToList();
        var menteeMask = current.Attendance.Mentees.Concat(Enumerable.Repeat(0UL, mentees.Count - old.Mentees.Count)).ToArray();
        var mentorMask = current.Attendance.Mentors.Concat(Enumerable.Repeat(0UL, mentors.Count - old.Mentors.Count)).ToArray();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in mentees.Concat(mentors))
        {
            if (!keys.Add(person.Key))
            {
                throw new ArgumentException($"{person.Name} ({person.Key}) is already on the plan; a walk-in needs a new name or email.", nameof(changes));
            }
        }

        var menteeIndex = mentees.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var mentorIndex = mentors.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var all = rounds >= 64 ? ulong.MaxValue : (1UL << rounds) - 1;

        // Walk-ins first: their attendance is set, everything else only narrows it, so the order the host
        // entered the changes in does not matter.
        foreach (var change in changes.OrderBy(c => c is WalkIn ? 0 : 1))
        {
            // Held rounds are history: a change only touches rounds from the next one on.
            var from = change.FromRound - 1;
            var fromOn = all & ~((1UL << from) - 1);
            var notYet = all & ~((1UL << roundsHeld) - 1) & ~fromOn;
            switch (change)
            {
                case MenteeArrivesLate late:
                    menteeMask[Find(menteeIndex, late.Key)] &= ~notYet;
                    break;
                case MenteeLeaves leaves:
                    menteeMask[Find(menteeIndex, leaves.Key)] &= ~fromOn;
                    break;
                case MentorDropsOut drop:
                    mentorMask[Find(mentorIndex, drop.Key)] &= ~fromOn;
                    break;
                case MentorArrivesLate late:
                    mentorMask[Find(mentorIndex, late.Key)] &= ~notYet;
                    break;
                case PersonReturns back when menteeIndex.TryGetValue(back.Key, out var returning):
                    menteeMask[returning] |= fromOn;
                    break;
                case PersonReturns back:
                    var mentor = Find(mentorIndex, back.Key);
                    mentorMask[mentor] |= (mentors[mentor].RoundsOff ?? []).Aggregate(fromOn, (mask, off) => mask & ~(1UL << (off - 1)));
                    break;
                case WalkIn walkIn when walkIn.Person.CanMentor:
                    mentorMask[Find(mentorIndex, walkIn.Person.Key)] =
                        (walkIn.Person.RoundsOff ?? []).Aggregate(fromOn, (mask, off) => mask & ~(1UL << (off - 1)));
                    break;
                case WalkIn walkIn:
                    menteeMask[Find(menteeIndex, walkIn.Person.Key)] = fromOn;
                    break;
            }
        }

        var m = mentees.Count;
        var attendance = new Attendance(menteeMask, mentorMask);
        var scorer = new PairScorer(mentees, mentors, current.Settings);
        var oldSeats = old.CopySeats();
        var seats = new int[rounds * m];
        Array.Fill(seats, -1);
        for (var c = 0; c < rounds; c++)
        {
            Array.Copy(oldSeats, c * old.Mentees.Count, seats, c * m, old.Mentees.Count);
        }

        // First the least disruptive answer (LocalRepair): every later round keeps its old seating, and only the
        // people whose table closed, who are new, or who rest too often move. If that still breaks a hard rule,
        // re-solve the later rounds, and keep whichever answer breaks fewer.
        var repaired = (int[])seats.Clone();
        LocalRepair.Run(scorer, attendance, current.Settings, current.Constraints, repaired, old.Mentees.Count, roundsHeld);
        var plan = RotationEngine.Solve(scorer, current.Settings, current.Constraints, attendance, repaired, rounds, null, cancellationToken, history: roundsHeld);
        if (plan.Quality.Violations.Count > 0 && roundsHeld + 1 < rounds)
        {
            var local = plan;
            RepairRound(seats, roundsHeld, scorer, attendance, current.Settings.SeatsPerTable, current.Constraints);
            var previous = new Dictionary<long, int>();
            for (var c = roundsHeld + 1; c < rounds; c++)
            {
                for (var i = 0; i < old.Mentees.Count; i++)
                {
                    if (oldSeats[(c * old.Mentees.Count) + i] >= 0)
                    {
                        previous[PlanningProblem.Pack(i, oldSeats[(c * old.Mentees.Count) + i])] = c;
                    }
                }
            }

            plan = RotationEngine.Solve(scorer, current.Settings, current.Constraints, attendance, seats, roundsHeld + 1, previous, cancellationToken, history: roundsHeld);
            plan = MatchOldRounds(plan, oldSeats, old.Mentees.Count, roundsHeld + 1, roundsHeld);
            if (plan.Quality.Violations.Count >= local.Quality.Violations.Count)
            {
                plan = local;
            }
        }

        return Compare(current, plan, roundsHeld);
    }

    /// <summary>
    /// What changed between two plans of the same people (the second may add people at the end), from round
    /// <paramref name="roundsHeld"/> + 1 on: for a plan made again from scratch before the start, say.
    /// </summary>
    public static ReplanResult Compare(PlanResult before, PlanResult after, int roundsHeld)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new ReplanResult(after, Diff(before, after, roundsHeld));
    }

    private static bool AvoidEachOther(Person a, Person b) => a.Avoid.Contains(b.Key) || b.Avoid.Contains(a.Key);

    private static int Find(Dictionary<string, int> index, string key) =>
        index.TryGetValue(key, out var i) ? i : throw new ArgumentException($"Nobody with key {key} is on the plan.", nameof(key));

    /// <summary>
    /// One round: drop who is gone, seat who is new, lost their table or was resting (those who rested most first),
    /// then even the tables out with the fewest moves. A pair may not repeat one from an earlier round; the later
    /// rounds are solved again after this one.
    /// </summary>
    private static void RepairRound(int[] seats, int round, PairScorer scorer, Attendance attendance, int capacity, PlanConstraints constraints)
    {
        var m = scorer.Mentees.Count;
        var n = scorer.Mentors.Count;
        var number = round + 1;
        var met = new HashSet<long>();
        var restsSoFar = new int[m];
        for (var c = 0; c < round; c++)
        {
            for (var i = 0; i < m; i++)
            {
                if (seats[(c * m) + i] >= 0)
                {
                    met.Add(PlanningProblem.Pack(i, seats[(c * m) + i]));
                }
                else if (attendance.MenteeThere(i, c + 1))
                {
                    restsSoFar[i]++;
                }
            }
        }

        var forbidden = constraints.KeptApart(scorer);
        bool Legal(int i, int j) =>
            attendance.MentorThere(j, number) && !met.Contains(PlanningProblem.Pack(i, j)) && !scorer.KeptApart(i, j) &&
            !forbidden.Contains(PlanningProblem.Pack(i, j)) &&
            !Enumerable.Range(0, m).Any(k => k != i && seats[(round * m) + k] == j && AvoidEachOther(scorer.Mentees[i], scorer.Mentees[k]));

        var size = new int[n];
        var moved = new List<int>();
        var waiting = new List<int>();
        for (var i = 0; i < m; i++)
        {
            ref var seat = ref seats[(round * m) + i];
            if (!attendance.MenteeThere(i, number))
            {
                seat = -1;
            }
            else if (seat >= 0 && (!attendance.MentorThere(seat, number) || scorer.Apart(i, seat)))
            {
                seat = -1;
                moved.Add(i); // Their table closed, or one of them now takes part the other way.
            }
            else if (seat >= 0)
            {
                size[seat]++;
            }
            else
            {
                waiting.Add(i); // New, late, or resting in the old plan.
            }
        }

        var open = Enumerable.Range(0, n).Where(j => attendance.MentorThere(j, number)).ToList();
        if (open.Count == 0)
        {
            return;
        }

        // Online and in-room tables are balanced each among themselves (a hybrid event; otherwise one group).
        List<int> Group(bool online) => open.Where(j => scorer.Mentors[j].Online == online).ToList();
        foreach (var i in moved.Concat(waiting).OrderByDescending(i => restsSoFar[i]))
        {
            var mine = Group(scorer.Mentees[i].Online);
            var best = mine.Where(j => size[j] < capacity && Legal(i, j))
                           .OrderBy(j => size[j]).ThenByDescending(j => scorer.Score(i, j)).FirstOrDefault(-1);
            if (best >= 0 && size[best] == mine.Min(j => size[j]))
            {
                seats[(round * m) + i] = best;
                size[best]++;
            }
        }

        // Even out: move one mentee at a time from a fullest to an emptiest table.
        foreach (var group in new[] { Group(false), Group(true) }.Where(g => g.Count > 0))
        {
            for (var guard = 0; guard < m && group.Max(j => size[j]) - group.Min(j => size[j]) > 1; guard++)
            {
                var min = group.Min(j => size[j]);
                var max = group.Max(j => size[j]);
                var move = Enumerable.Range(0, m)
                    .Where(i => seats[(round * m) + i] is var j && j >= 0 && size[j] == max && group.Contains(j))
                    .SelectMany(i => group.Where(j => size[j] == min && Legal(i, j)).Select(j => (Mentee: i, To: j)))
                    .OrderByDescending(x => scorer.Score(x.Mentee, x.To))
                    .FirstOrDefault((Mentee: -1, To: -1));
                if (move.Mentee < 0)
                {
                    break;
                }

                size[seats[(round * m) + move.Mentee]]--;
                seats[(round * m) + move.Mentee] = move.To;
                size[move.To]++;
            }
        }
    }

    /// <summary>
    /// The solver numbers later rounds freely; give each new round the old round number it shares the most seats
    /// with, among rounds where exactly the same people are there (so no break or arrival is crossed).
    /// </summary>
    private static PlanResult MatchOldRounds(PlanResult plan, int[] oldSeats, int oldMentees, int firstFree, int roundsHeld)
    {
        var rotation = plan.Rotation;
        var m = rotation.Mentees.Count;
        var rounds = rotation.Rounds;
        var seats = rotation.CopySeats();
        var attendance = plan.Attendance;
        string Signature(int c) =>
            string.Concat(attendance.Mentees.Select(a => (a >> c) & 1)) + "|" + string.Concat(attendance.Mentors.Select(a => (a >> c) & 1));

        var result = (int[])seats.Clone();
        foreach (var group in Enumerable.Range(firstFree, rounds - firstFree).GroupBy(Signature))
        {
            var slots = group.ToList();
            var pairs = from x in slots
                        from y in slots
                        let same = Enumerable.Range(0, oldMentees).Count(i => seats[(x * m) + i] >= 0 && seats[(x * m) + i] == oldSeats[(y * oldMentees) + i])
                        orderby same descending, x, y
                        select (New: x, Old: y);
            var usedNew = new HashSet<int>();
            var usedOld = new HashSet<int>();
            foreach (var (x, y) in pairs)
            {
                if (!usedNew.Contains(x) && !usedOld.Contains(y))
                {
                    usedNew.Add(x);
                    usedOld.Add(y);
                    Array.Copy(seats, x * m, result, y * m, m);
                }
            }
        }

        var matched = new Rotation(rotation.Mentees, rotation.Mentors, rounds, rotation.SeatsPerTable, result, rotation.ExtraSeatWhenShort);
        var quality = PlanEvaluator.Evaluate(matched, plan.Scorer, attendance, plan.Constraints, roundsHeld: roundsHeld);
        return plan with { Rotation = matched, Quality = quality };
    }

    private static List<SeatChange> Diff(PlanResult beforePlan, PlanResult afterPlan, int roundsHeld)
    {
        var before = beforePlan.Rotation;
        var after = afterPlan.Rotation;
        var changes = new List<SeatChange>();
        var oldMentee = before.Mentees.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var oldMentor = before.Mentors.Select((p, i) => (p.Key, i)).ToDictionary(x => x.Key, x => x.i);
        for (var round = roundsHeld + 1; round <= after.Rounds; round++)
        {
            for (var i = 0; i < after.Mentees.Count; i++)
            {
                var person = after.Mentees[i];
                int? was = oldMentee.TryGetValue(person.Key, out var k) && before.MentorOf(round, k) is var j && j >= 0 ? j + 1 : null;
                int? now = after.MentorOf(round, i) is var t && t >= 0 ? t + 1 : null;
                if (was != now)
                {
                    changes.Add(new SeatChange(person.Key, person.Name, round, was, now));
                }
            }

            for (var j = 0; j < after.Mentors.Count; j++)
            {
                // A mentor's itinerary shows their table in every round they host, with or without mentees.
                var person = after.Mentors[j];
                var hadTable = oldMentor.TryGetValue(person.Key, out var k) && beforePlan.Attendance.MentorThere(k, round);
                var hasTable = afterPlan.Attendance.MentorThere(j, round);
                if (hadTable != hasTable)
                {
                    changes.Add(new SeatChange(person.Key, person.Name, round, hadTable ? k + 1 : null, hasTable ? j + 1 : null));
                }
            }
        }

        return changes;
    }
}
