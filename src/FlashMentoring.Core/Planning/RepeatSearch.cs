namespace FlashMentoring.Core.Planning;

/// <summary>
/// New faces at every table: a local search that cuts mentee-mentee repeats without touching anything the engine
/// promised. Two kinds of move, both aimed at a pair of mentees who share a table again:
/// <list type="bullet">
/// <item>Round swaps. For two rounds a and b, draw a graph with a node per table and an arc per mentee from their table in
/// a to their table in b. Swapping the two rounds of every mentee on a directed cycle keeps each table's size in both
/// rounds, every mentee-mentor pair (so the score, preferences and pins) and everyone's rests; it only changes who sits
/// with whom. A Kempe chain is the special case where the cycle is forced. Mentees who rest in either round stay out
/// of it: moving a rest to another round could leave them resting beside a free seat.</item>
/// <item>Trades. Two mentees in one round swap tables when neither gives up a mentor they asked for or were pinned to,
/// the score does not fall, the worse-off of the two is not worse off, and no rule breaks.</item>
/// </list>
/// In a re-plan every seat away from the old plan (and the printed itinerary) costs two fifths of a repeat: a move may
/// change two seats to spare one repeat, and prefers people whose seats changed anyway.
/// Moves are accepted by simulated annealing on the number of repeats (a pair who sat together at an earlier event, or
/// in a round already held, starts at one), with a deterministic random source and a bounded number of moves; the best
/// seating seen is the one returned.
/// </summary>
internal sealed class RepeatSearch
{
    private const int AvoidPenalty = 5_000;

    // The objective's units: a repeat is worth five, a seat moved away from the old plan (in a re-plan) two.
    private const int RepeatWeight = 5;
    private const int MoveCost = 2;
    private const int DepthLimit = 4;
    private const int CyclesPerMove = 6;
    private const int TradeSample = 24;

    private readonly PlanningProblem p;
    private readonly WeightTable weights;
    private readonly HashSet<long> avoid;
    private readonly int m;
    private readonly int n;
    private readonly int r;
    private readonly int[] seat;
    private readonly List<int>[] members;
    private readonly long[] total;
    private readonly bool[] rests;
    private readonly Random random;

    // In a re-plan, the old plan's mentor of each mentee in each round (-1: none), from PlanningProblem.Previous.
    private readonly int[]? oldMentor;

    // How often each pair of mentees sits together (plus one for pairs who did before this plan): a flat table for
    // rooms up to 1,000 mentees (4 MB). Beyond, each mentee keeps a short list of the mentees with a higher index they
    // sit with (a few dozen at most, and scanning it is several times faster than a hash look-up), and the counts from
    // before this plan stay in a map of their own.
    private readonly int[]? flat;
    private readonly Mate[][]? mates;
    private readonly int[]? mateCount;
    private readonly Dictionary<long, int>? before;
    private readonly List<long> conflicts = [];
    private readonly HashSet<long> listed = new(PairHash.Instance);
    private long objective;

    private RepeatSearch(PlanningProblem problem, WeightTable weights, int[] seats, HashSet<long> menteeAvoid)
    {
        p = problem;
        this.weights = weights;
        avoid = menteeAvoid;
        m = problem.MenteeCount;
        n = problem.MentorCount;
        r = problem.Rounds;
        seat = seats;
        random = new Random(problem.Seed);
        if (problem.Previous is { } previous)
        {
            oldMentor = new int[m * r];
            Array.Fill(oldMentor, -1);
            foreach (var (pair, c) in previous)
            {
                oldMentor[(c * m) + (int)(pair >> 32)] = (int)(uint)pair;
            }
        }
        if ((long)m * m <= 1_000_000)
        {
            flat = new int[m * m];
            foreach (var (key, times) in problem.PastTogether ?? new Dictionary<long, int>())
            {
                flat[((int)(key >> 32) * m) + (int)(uint)key] = times;
            }
        }
        else
        {
            mates = new Mate[m][];
            mateCount = new int[m];
            before = problem.PastTogether is { Count: > 0 } past ? new Dictionary<long, int>(past, PairHash.Instance) : null;
        }

        members = new List<int>[n * r];
        for (var t = 0; t < members.Length; t++)
        {
            members[t] = [];
        }

        total = new long[m];
        rests = new bool[m];
        for (var c = 0; c < r; c++)
        {
            for (var i = 0; i < m; i++)
            {
                var j = seat[(c * m) + i];
                if (j >= 0)
                {
                    total[i] += weights[i, j];
                    Join(i, j, c);
                }
                else if ((p.MenteeAvailable[i] & (1UL << c)) != 0)
                {
                    rests[i] = true;
                }
            }
        }
    }

    /// <summary>Improves the seating in place.</summary>
    public static void Run(PlanningProblem problem, WeightTable weights, int[] seats, HashSet<long> menteeAvoid) =>
        new RepeatSearch(problem, weights, seats, menteeAvoid).Anneal();

    private void Anneal()
    {
        if (conflicts.Count == 0)
        {
            return;
        }

        // Work grows with the room and with how much there is to fix, and is capped so that a 10,000-mentee plan
        // stays within its time. The temperature stays fairly high (a repeat comes back one move in 50 at the end): tried
        // on the hard cases (a hybrid room, a second event of the same people, 10,000 mentees), cooling to "only equal or
        // better" froze the walk among equal seatings sooner than it found a better one.
        var budget = Math.Min(60L * m + (400L * conflicts.Count), 600_000L);
        const double Hot = 0.6;
        const double Cold = 0.25;
        var best = objective;
        var sinceBest = new List<Move>();
        var stall = Math.Clamp(budget / 3, 5_000L, 60_000L); // Steps without a new best before giving up: what is left may be forced.
        var bestAt = 0L;
        for (var step = 0L; step < budget && step - bestAt < stall && conflicts.Count > 0; step++)
        {
            if ((step & 1023) == 0)
            {
                p.Cancellation.ThrowIfCancellationRequested();
            }

            var temperature = RepeatWeight * Hot * Math.Pow(Cold / Hot, step / (double)budget);
            if (!PickConflict(out var x, out var y, out var a))
            {
                continue;
            }

            var k = random.Next(2) == 0 ? x : y;
            // One round has no second round to swap with: trades only (earlier events' tablemates can still part).
            var move = r < 2 || random.NextDouble() < 0.25 ? BestTrade(k, a) : BestCycle(k, a);
            if (move is not { } chosen || (chosen.Delta > 0 && random.NextDouble() >= Math.Exp(-chosen.Delta / temperature)))
            {
                continue;
            }

            Apply(chosen);
            sinceBest.Add(chosen);
            if (objective < best)
            {
                best = objective;
                bestAt = step;
                sinceBest.Clear();
            }
        }

        // Go back to the best seating seen: every move undoes itself.
        for (var k = sinceBest.Count - 1; k >= 0; k--)
        {
            Apply(sinceBest[k]);
        }
    }

    /// <summary>A swap of rounds A and B for the listed mentees, or (B &lt; 0) a trade of tables in round A between two mentees.</summary>
    private readonly record struct Move(int A, int B, int[] Mentees, long Delta);

    private void Apply(Move move)
    {
        if (move.B < 0)
        {
            Trade(move.Mentees[0], move.Mentees[1], move.A);
        }
        else
        {
            SwapRounds(move.Mentees, move.A, move.B);
        }
    }

    /// <summary>A pair of mentees who share a table again, and a round in this plan where they do.</summary>
    private bool PickConflict(out int x, out int y, out int a)
    {
        x = y = a = -1;
        while (conflicts.Count > 0)
        {
            var at = random.Next(conflicts.Count);
            var key = conflicts[at];
            (x, y) = ((int)(key >> 32), (int)(uint)key);
            var together = Count(key);
            var rounds = 0;
            if (together >= 2 || (together >= 1 && avoid.Contains(key)))
            {
                for (var c = 0; c < r; c++)
                {
                    var j = seat[(c * m) + x];
                    if (j >= 0 && j == seat[(c * m) + y] && random.Next(++rounds) == 0)
                    {
                        a = c;
                    }
                }
            }

            if (rounds > 0)
            {
                return true;
            }

            // Stale: the pair no longer repeats, or only in rounds this search cannot move.
            conflicts[at] = conflicts[^1];
            conflicts.RemoveAt(conflicts.Count - 1);
            listed.Remove(key);
        }

        return false;
    }

    // ---- Round swaps along a cycle ----------------------------------------------------------------------------

    private readonly List<int> path = [];
    private readonly List<int[]> found = [];
    private int depth;

    private Move? BestCycle(int k, int a)
    {
        var b = random.Next(r - 1);
        b += b >= a ? 1 : 0;
        if (seat[(b * m) + k] < 0)
        {
            return null;
        }

        // Shortest cycles first: they move fewest people and cost least to try.
        found.Clear();
        for (depth = 2; depth <= DepthLimit && found.Count == 0; depth++)
        {
            path.Clear();
            path.Add(k);
            Extend(seat[(a * m) + k], seat[(b * m) + k], a, b);
        }

        Move? best = null;
        foreach (var cycle in found)
        {
            var before = objective;
            SwapRounds(cycle, a, b);
            var delta = objective - before;
            SwapRounds(cycle, a, b);
            if (best is null || delta < best.Value.Delta)
            {
                best = new Move(a, b, cycle, delta);
                if (delta < 0)
                {
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Depth-first from a table back to the start table, each step along a mentee who sits at the table in round a to
    /// where they sit in round b; records the cycles found.
    /// </summary>
    private void Extend(int start, int node, int a, int b)
    {
        if (node == start)
        {
            found.Add([.. path]);
            return;
        }

        if (path.Count >= depth || found.Count >= CyclesPerMove)
        {
            return;
        }

        var list = members[(node * r) + a];
        var offset = list.Count == 0 ? 0 : random.Next(list.Count);
        for (var s = 0; s < list.Count && found.Count < CyclesPerMove; s++)
        {
            var z = list[(s + offset) % list.Count];
            var next = seat[(b * m) + z];
            if (next < 0 || path.Contains(z))
            {
                continue;
            }

            path.Add(z);
            Extend(start, next, a, b);
            path.RemoveAt(path.Count - 1);
        }
    }

    private void SwapRounds(int[] cycle, int a, int b)
    {
        foreach (var z in cycle)
        {
            var ta = seat[(a * m) + z];
            var tb = seat[(b * m) + z];
            Leave(z, ta, a);
            Leave(z, tb, b);
            Join(z, tb, a);
            Join(z, ta, b);
        }
    }

    // ---- Trades within a round ----------------------------------------------------------------------------------

    private Move? BestTrade(int k, int a)
    {
        var j1 = seat[(a * m) + k];
        if (j1 < 0 || Fixed(k, j1))
        {
            return null;
        }

        Move? best = null;
        for (var s = 0; s < TradeSample; s++)
        {
            var z = random.Next(m);
            var j2 = seat[(a * m) + z];
            if (j2 < 0 || j2 == j1 || Fixed(z, j2) || !MayTrade(k, j1, z, j2, a))
            {
                continue;
            }

            var before = objective;
            Trade(k, z, a);
            var delta = objective - before;
            Trade(k, z, a);
            if (best is null || delta < best.Value.Delta)
            {
                best = new Move(a, -1, [k, z], delta);
            }
        }

        return best;
    }

    /// <summary>In a re-plan, whether a seat is not where the old plan (and the printed itinerary) has that mentee.</summary>
    private bool Moved(int mentee, int mentor, int c) => oldMentor is not null && oldMentor[(c * m) + mentee] != mentor;

    private bool Fixed(int mentee, int mentor) =>
        p.Pinned.Contains(PlanningProblem.Pack(mentee, mentor)) || p.Scorer.PreferenceRank(mentee, mentor) > 0;

    /// <summary>
    /// Whether mentees x (at j1) and y (at j2) may swap tables in round c: both pairs allowed and new to each, the score
    /// not lower, and the worse-off of the two no worse off.
    /// </summary>
    private bool MayTrade(int x, int j1, int y, int j2, int c)
    {
        // A mentee who rests in some round may rest there only because they already met every table with a seat
        // free; giving up a mentor could break that, so they keep theirs.
        if (rests[x] || rests[y])
        {
            return false;
        }

        var before = weights[x, j1] + weights[y, j2];
        var after = weights[x, j2] + weights[y, j1];
        if (after < before || !p.Allowed(x, j2) || !p.Allowed(y, j1) || Meets(x, j2) || Meets(y, j1))
        {
            return false;
        }

        var bit = 1UL << c;
        if ((p.MentorAvailable[j1] & p.MentorAvailable[j2] & bit) == 0)
        {
            return false;
        }

        var floor = Math.Min(total[x], total[y]);
        return Math.Min(total[x] - weights[x, j1] + weights[x, j2], total[y] - weights[y, j2] + weights[y, j1]) >= floor;
    }

    private bool Meets(int mentee, int mentor)
    {
        for (var c = 0; c < r; c++)
        {
            if (seat[(c * m) + mentee] == mentor)
            {
                return true;
            }
        }

        return false;
    }

    private void Trade(int x, int y, int c)
    {
        var j1 = seat[(c * m) + x];
        var j2 = seat[(c * m) + y];
        Leave(x, j1, c);
        Leave(y, j2, c);
        Join(x, j2, c);
        Join(y, j1, c);
        total[x] += weights[x, j2] - weights[x, j1];
        total[y] += weights[y, j1] - weights[y, j2];
    }

    // ---- Tables and pair counts ---------------------------------------------------------------------------------

    private void Leave(int mentee, int mentor, int c)
    {
        var list = members[(mentor * r) + c];
        list.Remove(mentee);
        seat[(c * m) + mentee] = -1;
        objective -= Moved(mentee, mentor, c) ? MoveCost : 0;
        foreach (var other in list)
        {
            var key = PlanningProblem.MenteePair(mentee, other);
            var now = Count(key) - 1;
            Set(key, now);
            objective -= (now >= 1 ? RepeatWeight : 0) + (avoid.Count > 0 && avoid.Contains(key) ? AvoidPenalty : 0);
        }
    }

    private void Join(int mentee, int mentor, int c)
    {
        var list = members[(mentor * r) + c];
        seat[(c * m) + mentee] = mentor;
        objective += Moved(mentee, mentor, c) ? MoveCost : 0;
        foreach (var other in list)
        {
            var key = PlanningProblem.MenteePair(mentee, other);
            var before = Count(key);
            Set(key, before + 1);
            var clash = avoid.Count > 0 && avoid.Contains(key);
            objective += (before >= 1 ? RepeatWeight : 0) + (clash ? AvoidPenalty : 0);
            if ((before >= 1 || clash) && listed.Add(key))
            {
                conflicts.Add(key);
            }
        }

        list.Add(mentee);
    }

    private int Count(long key)
    {
        var (x, y) = ((int)(key >> 32), (int)(uint)key);
        if (flat is not null)
        {
            return flat[(x * m) + y];
        }

        var list = mates![x];
        for (var k = 0; k < mateCount![x]; k++)
        {
            if (list[k].Partner == y)
            {
                return list[k].Times + (before?.GetValueOrDefault(key) ?? 0);
            }
        }

        return before?.GetValueOrDefault(key) ?? 0;
    }

    private void Set(long key, int value)
    {
        var (x, y) = ((int)(key >> 32), (int)(uint)key);
        if (flat is not null)
        {
            flat[(x * m) + y] = value;
            return;
        }

        var times = value - (before?.GetValueOrDefault(key) ?? 0);
        var list = mates![x] ??= new Mate[8];
        ref var count = ref mateCount![x];
        for (var k = 0; k < count; k++)
        {
            if (list[k].Partner == y)
            {
                if (times == 0)
                {
                    list[k] = list[--count];
                }
                else
                {
                    list[k].Times = times;
                }

                return;
            }
        }

        if (times != 0)
        {
            if (count == list.Length)
            {
                Array.Resize(ref mates[x], list.Length * 2);
                list = mates[x];
            }

            list[count++] = new Mate { Partner = y, Times = times };
        }
    }

    private struct Mate
    {
        public int Partner;
        public int Times;
    }
}
