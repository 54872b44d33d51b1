using System.Diagnostics;
using System.Numerics;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Core.Planning;

/// <summary>What the solver found, in local rounds.</summary>
internal sealed record SolverResult(int[] Seats, long? UpperBound, IReadOnlyList<string> Notes, IReadOnlyList<StepTiming> Timings);

/// <summary>
/// The rotation engine's core, in four steps:
/// 1. which pairs meet: a maximum-weight b-matching by min-cost flow, with degree bounds that every
///    hard-rule-feasible rotation must meet (so the flow's dual is an upper bound on every such rotation);
/// 2. when they meet: each mentor's meetings are split over "seats" of at most one mentee per round, and the
///    bipartite mentee-seat multigraph is edge-coloured with one colour per round (König: max degree colours
///    suffice), which keeps every table within one of the others and seats each mentee once a round;
/// 3. repairs for what availability (breaks, late arrivals) can leave over: fill empty seats, rebalance;
/// 4. polish that keeps the score or loses at most a set budget: seat swaps that raise the worst-off mentee,
///    in a re-plan, Kempe-chain swaps that put kept pairs back into their old rounds; then a local search for new
///    faces (<see cref="RepeatSearch"/>: round swaps that keep every pair, and score-neutral trades) that cuts
///    mentee-mentee repeats; in a re-plan each seat it moves away from the old plan costs two fifths of a repeat.
/// </summary>
internal sealed partial class RotationSolver
{
    private const double FairnessBudget = 0.005;
    private readonly PlanningProblem p;
    private readonly int m;
    private readonly int n;
    private readonly int r;
    private readonly List<string> notes = [];

    // Seat-level state: edge e joins mentee emMentee[e] to seat emSeat[e] in round emColour[e] (-1: uncoloured).
    private readonly List<int> emMentee = [];
    private readonly List<int> emSeat = [];
    private readonly List<int> emColour = [];
    private readonly List<int> seatMentor = [];
    private readonly List<int>[] seatsOf;
    private readonly List<int> atSeat = [];
    private readonly List<ulong> seatUsed = [];
    private readonly int[] atMentee;
    private readonly ulong[] menteeUsed;
    private readonly HashSet<long> planned = [];
    private readonly HashSet<long> menteeAvoid;

    private RotationSolver(PlanningProblem problem)
    {
        p = problem;
        m = problem.MenteeCount;
        n = problem.MentorCount;
        r = problem.Rounds;
        seatsOf = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        atMentee = new int[m * r];
        Array.Fill(atMentee, -1);
        menteeUsed = new ulong[m];
        menteeAvoid = MenteeAvoidPairs();
    }

    public static SolverResult Solve(PlanningProblem problem)
    {
        var solver = new RotationSolver(problem);
        return solver.Run();
    }

    private SolverResult Run()
    {
        if (m == 0 || n == 0)
        {
            return new SolverResult(Enumerable.Repeat(-1, m * r).ToArray(), 0, notes, []);
        }

        var clock = Stopwatch.StartNew();
        var timings = new List<StepTiming>();
        void Mark(string step)
        {
            p.Cancellation.ThrowIfCancellationRequested();
            timings.Add(new StepTiming(step, clock.Elapsed.TotalMilliseconds));
            clock.Restart();
        }

        Check();
        var weights = new WeightTable(p);
        Mark("score pairs");
        var (pairs, bound) = ChoosePairs(weights);
        Mark("choose pairs (min-cost flow)");
        Colour(pairs);
        Mark("assign rounds (edge colouring)");
        Fill(weights);
        Balance(weights);
        Mark("repair");
        // A fresh plan is polished for fairness and new peers. A re-plan keeps the old seats instead: the issue is
        // "later rounds change as little as the hard rules allow" (printed itineraries are out there).
        var fresh = p.Previous is null;
        if (fresh)
        {
            RaiseWorstOff(weights);
        }

        Mark("fairness swaps");
        if (!fresh)
        {
            RestoreOldRounds();
            Mark("old rounds back (Kempe swaps)");
        }

        if (p.Seats > 1)
        {
            var found = Seats();
            RepeatSearch.Run(p, weights, found, menteeAvoid);
            Reseat(found);
        }

        Mark("new faces (repeat search)");
        SeparateAvoiders();
        Fill(weights); // A swap can free a seat for someone an availability gap left resting.
        var seats = Seats();
        return new SolverResult(seats, bound, notes, timings);
    }

    /// <summary>The seating as it stands, round-major: the mentor of each mentee in each round, -1 for a rest.</summary>
    private int[] Seats()
    {
        var seats = new int[m * r];
        Array.Fill(seats, -1);
        for (var e = 0; e < emMentee.Count; e++)
        {
            if (emColour[e] >= 0)
            {
                seats[(emColour[e] * m) + emMentee[e]] = seatMentor[emSeat[e]];
            }
        }

        return seats;
    }

    /// <summary>Takes a seating back in (after the repeat search moved people between rounds and tables).</summary>
    private void Reseat(int[] seats)
    {
        for (var e = 0; e < emMentee.Count; e++)
        {
            Uncolour(e);
        }

        emMentee.Clear();
        emSeat.Clear();
        emColour.Clear();
        planned.Clear();
        for (var c = 0; c < r; c++)
        {
            for (var i = 0; i < m; i++)
            {
                if (seats[(c * m) + i] >= 0)
                {
                    AddEdge(i, seats[(c * m) + i], c);
                }
            }
        }
    }

    // ---- Step 1: which pairs meet -------------------------------------------------------------------------

    private (List<(int Mentee, int Mentor)> Pairs, long? Bound) ChoosePairs(WeightTable weights)
    {
        var full = p.AllRounds;
        var roundMentors = new int[r];
        var roundMentees = new int[r];
        for (var c = 0; c < r; c++)
        {
            var bit = 1UL << c;
            roundMentors[c] = p.MentorAvailable.Count(a => (a & bit) != 0);
            roundMentees[c] = p.MenteeAvailable.Count(a => (a & bit) != 0);
        }

        var seated = new int[r];
        for (var c = 0; c < r; c++)
        {
            seated[c] = Math.Min(roundMentees[c], p.Seats * roundMentors[c]);
        }

        // Degree bounds any rotation obeying the hard rules must meet.
        var mentorLo = new int[n];
        var mentorHi = new int[n];
        for (var j = 0; j < n; j++)
        {
            for (var c = 0; c < r; c++)
            {
                if ((p.MentorAvailable[j] & (1UL << c)) == 0 || roundMentors[c] == 0)
                {
                    continue;
                }

                var q = seated[c] / roundMentors[c];
                mentorLo[j] += q;
                mentorHi[j] += q + (seated[c] % roundMentors[c] > 0 ? 1 : 0);
            }
        }

        // Rests, when seats run short, are spread evenly: each mentee's share of a round's rests, except that a
        // mentee who can meet too few mentors (avoid lists, repeats) is "held back" and rests more by force;
        // those forced rests come off everyone else's share. Two or three passes settle who is held back.
        var menteeLo = new int[m];
        var menteeHi = new int[m];
        var allowedCount = new int[m];
        var available = new int[m];
        for (var i = 0; i < m; i++)
        {
            available[i] = BitOperations.PopCount(p.MenteeAvailable[i] & full);
            allowedCount[i] = weights.AllowedCount(i);
        }

        var held = new bool[m];
        var rests = new double[m];
        for (var pass = 0; pass < 5; pass++)
        {
            var forced = new double[r];
            var free = new int[r];
            for (var i = 0; i < m; i++)
            {
                for (var c = 0; c < r; c++)
                {
                    if ((p.MenteeAvailable[i] & full & (1UL << c)) == 0)
                    {
                        continue;
                    }

                    if (held[i])
                    {
                        forced[c] += (available[i] - allowedCount[i]) / (double)available[i];
                    }
                    else
                    {
                        free[c]++;
                    }
                }
            }

            var changed = false;
            for (var i = 0; i < m; i++)
            {
                double share = 0;
                for (var c = 0; c < r; c++)
                {
                    if ((p.MenteeAvailable[i] & full & (1UL << c)) != 0 && free[c] > 0)
                    {
                        share += Math.Max(0, roundMentees[c] - seated[c] - forced[c]) / free[c];
                    }
                }

                // Rounding guard: 3.9999999 rests is 4.
                rests[i] = Math.Max(0, Math.Round(share + (p.RestCredit?[i] ?? 0), 9));
                var nowHeld = allowedCount[i] < available[i] - Math.Ceiling(rests[i]);
                changed |= nowHeld != held[i];
                held[i] = nowHeld;
            }

            if (!changed)
            {
                break;
            }
        }

        for (var i = 0; i < m; i++)
        {
            menteeHi[i] = Math.Min(allowedCount[i], available[i] - (int)Math.Floor(rests[i]));
            menteeLo[i] = Math.Min(menteeHi[i], available[i] - (int)Math.Ceiling(rests[i]));
            if (held[i])
            {
                notes.Add($"{p.Scorer.Mentees[i].Name} can meet only {Say.Count(allowedCount[i], "mentor")} (no repeats, avoid lists), so rests more than others.");
            }
        }

        var maxWeight = Math.Max(1, weights.Max + PlanningProblem.StabilityBonus);
        var span = Math.Min(m, n) + 2L;
        long pinBonus = (maxWeight * span) + 1;
        long big = (pinBonus * span) + 1;
        var candidates = weights.Candidates(p.CandidatesPerMentee);
        var maxBonus = (p.Pinned.Count > 0 ? pinBonus : 0) + (p.Previous is null ? 0 : PlanningProblem.StabilityBonus);
        var source = 0;
        var sink = m + n + 1;
        var flow = new MinCostFlow(m + n + 2) { Cancellation = p.Cancellation };
        for (var i = 0; i < m; i++)
        {
            if (menteeLo[i] > 0)
            {
                flow.AddArc(source, 1 + i, menteeLo[i], -big);
            }

            if (menteeHi[i] > menteeLo[i])
            {
                flow.AddArc(source, 1 + i, menteeHi[i] - menteeLo[i], 0);
            }
        }

        var pairArcs = new List<(int Arc, int Mentee, int Mentor)>();
        for (var i = 0; i < m; i++)
        {
            foreach (var j in candidates[i])
            {
                pairArcs.Add((flow.AddArc(1 + i, 1 + m + j, 1, -ArcWeight(i, j)), i, j));
            }
        }

        for (var j = 0; j < n; j++)
        {
            if (mentorLo[j] > 0)
            {
                flow.AddArc(1 + m + j, sink, mentorLo[j], -big);
            }

            if (mentorHi[j] > mentorLo[j])
            {
                flow.AddArc(1 + m + j, sink, mentorHi[j] - mentorLo[j], 0);
            }
        }

        flow.Solve(source, sink);
        // Price every pair left out of the candidate lists; those that would improve the flow join it and the
        // flow is re-optimised from where it stands. At the end no left-out pair can improve it, so it is optimal
        // over all pairs and its dual bounds every rotation.
        while (true)
        {
            var added = new List<(int Mentee, int Mentor)>();
            var mark = new int[n];
            for (var i = 0; i < m; i++)
            {
                Check();
                if (candidates[i].Count == weights.AllowedCount(i))
                {
                    continue;
                }

                foreach (var j in candidates[i])
                {
                    mark[j] = i + 1;
                }

                // The plain score plus the largest bonus filters out almost every pair before the exact test.
                var slack = flow.Potential[1 + i] - maxBonus;
                foreach (var j in weights.AllowedMentors(i))
                {
                    if (mark[j] != i + 1 && slack - weights[i, j] - flow.Potential[1 + m + j] < 0 &&
                        flow.ReducedCost(1 + i, 1 + m + j, -ArcWeight(i, j)) < 0)
                    {
                        added.Add((i, j));
                    }
                }
            }

            foreach (var (i, j) in added)
            {
                candidates[i].Add(j);
            }

            if (added.Count == 0)
            {
                break;
            }

            var ids = flow.Reoptimize(source, sink, added.Select(x => (1 + x.Mentee, 1 + m + x.Mentor, 1, -ArcWeight(x.Mentee, x.Mentor))).ToList());
            pairArcs.AddRange(ids.Select((id, k) => (id, added[k].Mentee, added[k].Mentor)));
        }

        var pairs = new List<(int, int)>();
        var pinsMet = 0;
        foreach (var (arc, i, j) in pairArcs)
        {
            if (flow.Flow(arc) > 0)
            {
                pairs.Add((i, j));
                if (p.Pinned.Contains(PlanningProblem.Pack(i, j)))
                {
                    pinsMet++;
                }
            }
        }

        foreach (var pin in p.Pinned)
        {
            var (i, j) = ((int)(pin >> 32), (int)(uint)pin);
            if (!pairs.Contains((i, j)))
            {
                notes.Add($"The pin {p.Scorer.Mentees[i].Name} with {p.Scorer.Mentors[j].Name} cannot be met without breaking a hard rule.");
            }
        }

        long? bound = null;
        if (p.Previous is null)
        {
            // Weak duality on the whole pair set (left-out pairs included). Subtract the bonuses every rotation
            // in the same class (as many people seated, the same pins met) earns, leaving the score's bound.
            var saturatedBonus = SaturatedBonus(pairs, menteeLo, mentorLo);
            var lower = flow.LowerBound(source, sink, menteeHi.Sum(), []);
            bound = -lower - (big * saturatedBonus) - (pinBonus * pinsMet);
        }

        return (pairs, bound);

        long ArcWeight(int i, int j) =>
            weights[i, j] + (p.Pinned.Contains(PlanningProblem.Pack(i, j)) ? pinBonus : 0) + p.Stability(i, j);

        long SaturatedBonus(List<(int Mentee, int Mentor)> pairs, int[] lo, int[] mlo)
        {
            var degMentee = new int[m];
            var degMentor = new int[n];
            foreach (var (i, j) in pairs)
            {
                degMentee[i]++;
                degMentor[j]++;
            }

            long total = 0;
            for (var i = 0; i < m; i++)
            {
                total += Math.Min(degMentee[i], lo[i]);
            }

            for (var j = 0; j < n; j++)
            {
                total += Math.Min(degMentor[j], mlo[j]);
            }

            return total;
        }
    }

    // ---- Step 2: when they meet -----------------------------------------------------------------------------

    private void Colour(List<(int Mentee, int Mentor)> pairs)
    {
        // Split each mentor's meetings over seats of at most one mentee a round. In a re-plan an old pair goes to a
        // seat that is free in its old round, and keeps that round; König's path flips colour the rest.
        var keep = new List<(int Edge, int Colour)>();
        foreach (var group in pairs.GroupBy(x => x.Mentor).OrderBy(g => g.Key))
        {
            Check();
            var j = group.Key;
            var perSeat = Math.Max(1, BitOperations.PopCount(p.MentorAvailable[j] & p.AllRounds));
            var seats = Enumerable.Range(0, (group.Count() + perSeat - 1) / perSeat).Select(_ => NewSeat(j)).ToArray();
            var load = new int[seats.Length];
            var taken = new ulong[seats.Length];
            var ordered = group.Select(x => (x.Mentee, Old: p.Previous?.GetValueOrDefault(PlanningProblem.Pack(x.Mentee, j), -1) ?? -1))
                               .OrderByDescending(x => x.Old >= 0);
            foreach (var (i, old) in ordered)
            {
                var bit = old >= 0 && old < r ? 1UL << old : 0;
                var k = -1;
                for (var x = 0; x < seats.Length && bit != 0; x++)
                {
                    if (load[x] < perSeat && (taken[x] & bit) == 0)
                    {
                        k = x;
                        break;
                    }
                }

                if (k < 0)
                {
                    k = Array.FindIndex(load, l => l < perSeat);
                }
                else
                {
                    taken[k] |= bit;
                    keep.Add((emMentee.Count, old));
                }

                load[k]++;
                emMentee.Add(i);
                emSeat.Add(seats[k]);
                emColour.Add(-1);
                planned.Add(PlanningProblem.Pack(i, j));
            }
        }

        foreach (var (e, c) in keep)
        {
            if ((menteeUsed[emMentee[e]] & (1UL << c)) == 0 && (EdgeAllowed(emMentee[e], emSeat[e]) & (1UL << c)) != 0)
            {
                SetColour(e, c);
            }
        }

        var uncoloured = 0;
        for (var e = 0; e < emMentee.Count; e++)
        {
            if ((e & 1023) == 0)
            {
                Check();
            }

            if (emColour[e] < 0 && !TryColour(e))
            {
                uncoloured++;
            }
        }

        if (uncoloured > 0)
        {
            // Only availability (breaks, late arrivals) can get here; König guarantees the rest.
            notes.Add($"{Say.Count(uncoloured, "meeting")} did not fit the rounds people are there for; the engine re-seated around them.");
            for (var e = 0; e < emMentee.Count; e++)
            {
                if (emColour[e] < 0)
                {
                    planned.Remove(PlanningProblem.Pack(emMentee[e], seatMentor[emSeat[e]]));
                }
            }
        }
    }

    private bool TryColour(int e)
    {
        var u = emMentee[e];
        var v = emSeat[e];
        var allowed = EdgeAllowed(u, v);
        var freeU = allowed & ~menteeUsed[u];
        var freeV = allowed & ~seatUsed[v];
        if ((freeU & freeV) != 0)
        {
            SetColour(e, BitOperations.TrailingZeroCount(freeU & freeV));
            return true;
        }

        // Flip an alternating path so that a colour becomes free at both ends (König's argument): from the seat
        // along a, b, a, ... frees a there; from the mentee along b, a, b, ... frees b there. A fresh plan takes
        // the first path found; a re-plan takes the shortest, since every flipped edge moves someone's round.
        // The colour the edge ends up with must suit both people; the other colour of the path need not.
        (List<int> Path, int First, int Other, int Colour)? best = null;
        for (var fu = p.AllRounds & ~menteeUsed[u]; fu != 0; fu &= fu - 1)
        {
            var a = BitOperations.TrailingZeroCount(fu);
            for (var fv = p.AllRounds & ~seatUsed[v]; fv != 0; fv &= fv - 1)
            {
                var b = BitOperations.TrailingZeroCount(fv);
                foreach (var (start, isSeat, first, other) in new[] { (v, true, a, b), (u, false, b, a) })
                {
                    if ((allowed & (1UL << first)) == 0)
                    {
                        continue;
                    }

                    var path = AlternatingPath(start, isSeat, first, other);
                    if (path is not null && (best is null || path.Count < best.Value.Path.Count))
                    {
                        best = (path, first, other, first);
                    }
                }

                if (best is not null && p.Previous is null)
                {
                    break;
                }
            }

            if (best is not null && p.Previous is null)
            {
                break;
            }
        }

        if (best is { } flip)
        {
            foreach (var pe in flip.Path)
            {
                Uncolour(pe);
            }

            for (var k = 0; k < flip.Path.Count; k++)
            {
                SetColour(flip.Path[k], k % 2 == 0 ? flip.Other : flip.First);
            }

            SetColour(e, flip.Colour);
            return true;
        }

        return false;
    }

    private readonly HashSet<int> onPath = [];

    /// <summary>The maximal path from a node along edges coloured a, b, a, ...; null when an edge on it cannot take the other colour.</summary>
    private List<int>? AlternatingPath(int node, bool isSeat, int a, int b)
    {
        onPath.Clear();
        var path = new List<int>();
        var colour = a;
        while (true)
        {
            var e = isSeat ? atSeat[(node * r) + colour] : atMentee[(node * r) + colour];
            if (e < 0 || onPath.Contains(e))
            {
                return path;
            }

            var other = colour == a ? b : a;
            if ((EdgeAllowed(emMentee[e], emSeat[e]) & (1UL << other)) == 0)
            {
                return null;
            }

            onPath.Add(e);
            path.Add(e);
            node = isSeat ? emMentee[e] : emSeat[e];
            isSeat = !isSeat;
            colour = other;
        }
    }

    private void Check() => p.Cancellation.ThrowIfCancellationRequested();

    private ulong EdgeAllowed(int mentee, int seat) =>
        p.MenteeAvailable[mentee] & p.MentorAvailable[seatMentor[seat]] & p.AllRounds;

    private int NewSeat(int mentor)
    {
        var s = seatMentor.Count;
        seatMentor.Add(mentor);
        seatUsed.Add(0);
        for (var c = 0; c < r; c++)
        {
            atSeat.Add(-1);
        }

        seatsOf[mentor].Add(s);
        return s;
    }

    private void SetColour(int e, int c)
    {
        emColour[e] = c;
        atMentee[(emMentee[e] * r) + c] = e;
        atSeat[(emSeat[e] * r) + c] = e;
        menteeUsed[emMentee[e]] |= 1UL << c;
        seatUsed[emSeat[e]] |= 1UL << c;
    }

    private void Uncolour(int e)
    {
        var c = emColour[e];
        if (c < 0)
        {
            return;
        }

        atMentee[(emMentee[e] * r) + c] = -1;
        atSeat[(emSeat[e] * r) + c] = -1;
        menteeUsed[emMentee[e]] &= ~(1UL << c);
        seatUsed[emSeat[e]] &= ~(1UL << c);
        emColour[e] = -1;
    }

    // ---- Step 3: repairs ------------------------------------------------------------------------------------

    private int TableSize(int mentor, int c)
    {
        var size = 0;
        foreach (var s in seatsOf[mentor])
        {
            if (atSeat[(s * r) + c] >= 0)
            {
                size++;
            }
        }

        return size;
    }

    private int FreeSeat(int mentor, int c)
    {
        foreach (var s in seatsOf[mentor])
        {
            if (atSeat[(s * r) + c] < 0)
            {
                return s;
            }
        }

        return NewSeat(mentor);
    }

    /// <summary>
    /// Whether the mentee may sit at the mentor's table in round c: allowed, not met in another round, both there,
    /// and nobody at the table (but <paramref name="leaving"/>, who is about to go) is someone they avoid.
    /// </summary>
    private bool CanMeet(int mentee, int mentor, int c, int leaving = -1) =>
        p.Allowed(mentee, mentor) && !planned.Contains(PlanningProblem.Pack(mentee, mentor)) &&
        ((p.MenteeAvailable[mentee] & p.MentorAvailable[mentor]) & (1UL << c)) != 0 &&
        !Clashes(mentee, mentor, c, leaving);

    private bool Clashes(int mentee, int mentor, int c, int leaving)
    {
        if (menteeAvoid.Count == 0)
        {
            return false;
        }

        foreach (var s in seatsOf[mentor])
        {
            var e = atSeat[(s * r) + c];
            if (e >= 0 && emMentee[e] != mentee && emMentee[e] != leaving && menteeAvoid.Contains(PlanningProblem.MenteePair(mentee, emMentee[e])))
            {
                return true;
            }
        }

        return false;
    }

    private int[] Sizes(int c)
    {
        var sizes = new int[n];
        for (var j = 0; j < n; j++)
        {
            sizes[j] = (p.MentorAvailable[j] & (1UL << c)) != 0 ? TableSize(j, c) : -1;
        }

        return sizes;
    }

    /// <summary>Seats mentees who are there but resting while an open seat keeps the room balanced.</summary>
    private void Fill(WeightTable weights)
    {
        for (var c = 0; c < r; c++)
        {
            var bit = 1UL << c;
            var sizes = Sizes(c);
            var hosts = sizes.Count(s => s >= 0);
            if (hosts == 0)
            {
                continue;
            }

            // Again until nothing changes: a seat taken raises the smallest size, which can open a table that
            // an earlier mentee could not use.
            for (var changed = true; changed;)
            {
                Check();
                changed = false;
                for (var i = 0; i < m; i++)
                {
                    if ((p.MenteeAvailable[i] & bit) == 0 || (menteeUsed[i] & bit) != 0)
                    {
                        continue;
                    }

                    var min = sizes.Where(s => s >= 0).Min();
                    var best = -1;
                    for (var j = 0; j < n; j++)
                    {
                        if (sizes[j] == min && min < p.Seats && CanMeet(i, j, c) && (best < 0 || weights[i, j] > weights[i, best]))
                        {
                            best = j;
                        }
                    }

                    if (best >= 0)
                    {
                        AddEdge(i, best, c);
                        sizes[best]++;
                        changed = true;
                    }
                }
            }
        }
    }

    /// <summary>Moves mentees from the fullest to the emptiest table of a round until they differ by at most one.</summary>
    private void Balance(WeightTable weights)
    {
        for (var c = 0; c < r; c++)
        {
            var sizes = Sizes(c);
            for (var guard = 0; guard < m; guard++)
            {
                Check();
                var live = Enumerable.Range(0, n).Where(j => sizes[j] >= 0).ToList();
                if (live.Count == 0)
                {
                    break;
                }

                var big = live.MaxBy(j => sizes[j]);
                var small = live.MinBy(j => sizes[j]);
                if (sizes[big] - sizes[small] <= 1)
                {
                    break;
                }

                var moved = false;
                foreach (var to in live.Where(j => sizes[j] == sizes[small]))
                {
                    foreach (var from in live.Where(j => sizes[j] == sizes[big]))
                    {
                        var e = Enumerable.Range(0, emMentee.Count)
                            .Where(x => emColour[x] == c && seatMentor[emSeat[x]] == from && CanMeet(emMentee[x], to, c) &&
                                        !p.Pinned.Contains(PlanningProblem.Pack(emMentee[x], from)))
                            .OrderByDescending(x => weights[emMentee[x], to])
                            .FirstOrDefault(-1);
                        if (e >= 0)
                        {
                            MoveEdge(e, to);
                            sizes[from]--;
                            sizes[to]++;
                            moved = true;
                            break;
                        }
                    }

                    if (moved)
                    {
                        break;
                    }
                }

                if (!moved)
                {
                    // Nobody at a full table may move to the short one (they met, or avoid each other): balance is
                    // a hard rule, so the mentee at the fullest table with the fewest rests sits this round out.
                    var rest = Enumerable.Range(0, emMentee.Count)
                        .Where(x => emColour[x] == c && seatMentor[emSeat[x]] == big)
                        .OrderBy(x => p.Pinned.Contains(PlanningProblem.Pack(emMentee[x], big)))
                        .ThenBy(x => BitOperations.PopCount(menteeUsed[emMentee[x]]) - BitOperations.PopCount(p.MenteeAvailable[emMentee[x]] & p.AllRounds))
                        .ThenBy(x => weights[emMentee[x], big])
                        .First();
                    notes.Add($"Round {c + 1}: {p.Scorer.Mentees[emMentee[rest]].Name} rests to keep tables within one of each other; nobody else could move to table {small + 1}.");
                    planned.Remove(PlanningProblem.Pack(emMentee[rest], big));
                    Uncolour(rest);
                    sizes[big]--;
                }
            }
        }
    }

    private void AddEdge(int mentee, int mentor, int c)
    {
        var s = FreeSeat(mentor, c);
        emMentee.Add(mentee);
        emSeat.Add(s);
        emColour.Add(-1);
        SetColour(emMentee.Count - 1, c);
        planned.Add(PlanningProblem.Pack(mentee, mentor));
    }

    private void MoveEdge(int e, int mentor)
    {
        var c = emColour[e];
        var i = emMentee[e];
        planned.Remove(PlanningProblem.Pack(i, seatMentor[emSeat[e]]));
        Uncolour(e);
        emSeat[e] = FreeSeat(mentor, c);
        SetColour(e, c);
        planned.Add(PlanningProblem.Pack(i, mentor));
    }
}
