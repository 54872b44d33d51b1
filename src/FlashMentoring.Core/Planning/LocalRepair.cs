namespace FlashMentoring.Core.Planning;

/// <summary>
/// The least disruptive re-plan of the rounds to come: every round keeps its old seating; only people who are
/// new, whose table closed or who rested take the free seats (at a smallest table, so the room stays balanced);
/// a table may take one extra mentee when the host allows it; and where rests come out uneven, someone who rests
/// too often takes the seat of someone who rested least, preferring people whose itinerary changes anyway.
/// Printed itineraries are out there: each move here is a person who must be found and told.
/// </summary>
internal sealed class LocalRepair
{
    private readonly PairScorer scorer;
    private readonly Attendance attendance;
    private readonly int[] seats;
    private readonly int[] old;
    private readonly int m;
    private readonly int n;
    private readonly int rounds;
    private readonly int held;
    private readonly int capacity;
    private readonly int extra;
    private readonly int oldMentees;
    private readonly HashSet<long> forbidden;
    private readonly HashSet<long> pastMates = new(PairHash.Instance);
    private readonly HashSet<long> pinned = [];
    private readonly Dictionary<int, List<int>> avoidedMentees = [];
    private readonly int[] size;
    private readonly int[] rests;

    private LocalRepair(PairScorer scorer, Attendance attendance, PlanSettings settings, PlanConstraints constraints, int[] seats, int oldMentees, int held)
    {
        this.scorer = scorer;
        this.attendance = attendance;
        this.seats = seats;
        this.oldMentees = oldMentees;
        this.held = held;
        old = (int[])seats.Clone();
        m = scorer.Mentees.Count;
        n = scorer.Mentors.Count;
        rounds = settings.Rounds;
        capacity = settings.SeatsPerTable;
        extra = settings.ExtraSeatWhenShort ? 1 : 0;
        size = new int[rounds * n];
        rests = new int[m];

        var menteeIndex = RotationEngine.Index(scorer.Mentees);
        var mentorIndex = RotationEngine.Index(scorer.Mentors);
        forbidden = constraints.KeptApart(scorer);
        foreach (var (first, second) in constraints.History.TableMates)
        {
            if (menteeIndex.TryGetValue(first, out var x) && menteeIndex.TryGetValue(second, out var y))
            {
                pastMates.Add(PlanningProblem.MenteePair(x, y));
            }
        }

        foreach (var (mentee, mentor) in constraints.Pins)
        {
            if (menteeIndex.TryGetValue(mentee, out var i) && mentorIndex.TryGetValue(mentor, out var j))
            {
                pinned.Add(PlanningProblem.Pack(i, j));
            }
        }

        for (var i = 0; i < m; i++)
        {
            foreach (var key in scorer.Mentees[i].Avoid)
            {
                if (menteeIndex.TryGetValue(key, out var k) && k != i)
                {
                    Avoiding(i).Add(k);
                    Avoiding(k).Add(i);
                }
            }
        }
    }

    /// <summary>
    /// Repairs <paramref name="seats"/> (round-major, the old seating with new mentees appended and resting) in
    /// place from round <paramref name="held"/> + 1 on. The caller checks the result and re-solves if a rule broke.
    /// </summary>
    public static void Run(PairScorer scorer, Attendance attendance, PlanSettings settings, PlanConstraints constraints, int[] seats, int oldMentees, int held)
    {
        var repair = new LocalRepair(scorer, attendance, settings, constraints, seats, oldMentees, held);
        repair.Repair();
    }

    private void Repair()
    {
        for (var c = held; c < rounds; c++)
        {
            Clear(c);
        }

        for (var c = 0; c < rounds; c++)
        {
            for (var i = 0; i < m; i++)
            {
                var j = Seat(c, i);
                if (j >= 0)
                {
                    size[(c * n) + j]++;
                }
                else if (attendance.MenteeThere(i, c + 1))
                {
                    rests[i]++;
                }
            }
        }

        // Twice: moving rests around can leave someone resting beside a seat that only they may take.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var c = held; c < rounds; c++)
            {
                SeatWaiting(c);
                EvenOut(c);
            }

            SpreadRests();
        }
    }

    private ref int Seat(int round, int mentee) => ref seats[(round * m) + mentee];

    private List<int> Avoiding(int mentee) =>
        avoidedMentees.TryGetValue(mentee, out var list) ? list : avoidedMentees[mentee] = [];

    /// <summary>Who is gone leaves their seat; whose table closed, or now meets the other way (online or in the room), stands up.</summary>
    private void Clear(int c)
    {
        for (var i = 0; i < m; i++)
        {
            ref var seat = ref Seat(c, i);
            if (!attendance.MenteeThere(i, c + 1) || (seat >= 0 && (!attendance.MentorThere(seat, c + 1) || scorer.Apart(i, seat))))
            {
                seat = -1;
            }
        }
    }

    /// <summary>True when the person reads a different itinerary now, or is new: moving them again costs nobody else.</summary>
    private bool Changed(int i)
    {
        if (i >= oldMentees)
        {
            return true;
        }

        for (var c = held; c < rounds; c++)
        {
            if (seats[(c * m) + i] != old[(c * m) + i])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Someone the old plan seated in this round and who stood up since (new, or their table closed).</summary>
    private bool Displaced(int c, int i) => i >= oldMentees || (old[(c * m) + i] >= 0 && Seat(c, i) < 0);

    /// <summary>A late arrival sits in their first round: sending them to rest then is no way to greet them.</summary>
    private bool Arrives(int c, int i) => c > 0 && !attendance.MenteeThere(i, c);

    private bool Open(int c, int j) => attendance.MentorThere(j, c + 1);

    /// <summary>A table open in round c of the same kind as the mentee's (online or in the room).</summary>
    private bool OpenTo(int c, int j, int i) => Open(c, j) && !scorer.Apart(i, j);

    private bool PinnedSeat(int c, int i) => Seat(c, i) is var j && j >= 0 && pinned.Contains(PlanningProblem.Pack(i, j));

    /// <summary>Whether mentee i may sit at table j in round c (ignoring <paramref name="leaving"/>, whose seat they would take).</summary>
    private bool Legal(int i, int j, int c, int leaving = -1)
    {
        if (!Open(c, j) || !attendance.MenteeThere(i, c + 1) || scorer.KeptApart(i, j) || forbidden.Contains(PlanningProblem.Pack(i, j)))
        {
            return false;
        }

        for (var r = 0; r < rounds; r++)
        {
            if (r != c && Seat(r, i) == j)
            {
                return false; // Nobody meets the same mentor twice.
            }
        }

        if (avoidedMentees.TryGetValue(i, out var avoided))
        {
            foreach (var k in avoided)
            {
                if (k != leaving && Seat(c, k) == j)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The smallest and largest table of round c among those mentee <paramref name="i"/> may use (all, when -1).</summary>
    private (int Min, int Max) Sizes(int c, int i = -1)
    {
        int min = int.MaxValue, max = int.MinValue;
        for (var j = 0; j < n; j++)
        {
            if (i < 0 ? Open(c, j) : OpenTo(c, j, i))
            {
                min = Math.Min(min, size[(c * n) + j]);
                max = Math.Max(max, size[(c * n) + j]);
            }
        }

        return (min, max);
    }

    /// <summary>
    /// Per table of round c: how many at it already sat with mentee i, in another round of this plan or at an earlier
    /// event (each would be a repeat).
    /// </summary>
    private int[] Again(int c, int i)
    {
        var again = new int[n];
        for (var k = 0; k < m; k++)
        {
            var j = Seat(c, k);
            if (k == i || j < 0)
            {
                continue;
            }

            again[j] += SatBefore(c, i, k) ? 1 : 0;
        }

        return again;
    }

    private void Move(int c, int i, int to)
    {
        ref var seat = ref Seat(c, i);
        if (seat >= 0)
        {
            size[(c * n) + seat]--;
        }
        else
        {
            rests[i]--;
        }

        seat = to;
        if (to >= 0)
        {
            size[(c * n) + to]++;
        }
        else
        {
            rests[i]++;
        }
    }

    /// <summary>
    /// Seats who waits in round c: those who rested most first, then those whose itinerary changes anyway. A seat
    /// at a smallest table first; else someone's seat, sending them on to a smallest table.
    /// The extra seat goes only to people who stood up (new, or their table closed), not to planned rests.
    /// </summary>
    private void SeatWaiting(int c)
    {
        if (Sizes(c).Min == int.MaxValue)
        {
            return; // No table open this round.
        }

        var waiting = Enumerable.Range(0, m)
            .Where(i => Seat(c, i) < 0 && attendance.MenteeThere(i, c + 1))
            .OrderByDescending(i => rests[i]).ThenByDescending(Changed).ThenBy(i => i)
            .ToList();
        foreach (var i in waiting)
        {
            if (!TrySeat(c, i, capacity) && extra > 0 && Displaced(c, i))
            {
                TrySeat(c, i, capacity + extra);
            }
        }
    }

    private bool TrySeat(int c, int i, int limit)
    {
        var min = Sizes(c, i).Min;
        if (min >= limit)
        {
            return false; // Every table is full: no seat to take, and no chain of two either.
        }

        var again = Again(c, i);
        var best = -1;
        for (var j = 0; j < n; j++)
        {
            // New faces first (a table where they would sit with someone again only when no other has a seat), then the score.
            if (size[(c * n) + j] == min && min < limit && Legal(i, j, c) &&
                (best < 0 || (again[j], -scorer.Score(i, j)).CompareTo((again[best], -scorer.Score(i, best))) < 0))
            {
                best = j;
            }
        }

        // A chain of two: take someone's seat and send them on to a smallest table. Taken when no free seat is legal, or
        // when every free one would seat the mentee with someone again and the chain seats both with new faces: one
        // more person to tell for a repeat spared, the price the re-plan's second way pays too.
        if (best < 0 || again[best] > 0)
        {
            var chain = Chain(c, i, min, limit, again);
            if (chain.Mentee >= 0 && (best < 0 || chain.Repeats < again[best]))
            {
                var seat = Seat(c, chain.Mentee);
                Move(c, chain.Mentee, chain.To);
                Move(c, i, seat);
                return true;
            }
        }

        if (best >= 0)
        {
            Move(c, i, best);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The best seat of someone else for mentee i in round c, with a smallest table for them to go on to: fewest repeats
    /// for the two, then someone whose itinerary changes anyway, then the score.
    /// </summary>
    private (int Mentee, int To, int Repeats) Chain(int c, int i, int min, int limit, int[] again)
    {
        var free = Enumerable.Range(0, n).Where(t => OpenTo(c, t, i) && size[(c * n) + t] == min && min < limit).ToList();
        if (free.Count == 0)
        {
            return (-1, -1, 0);
        }

        var at = new List<int>[n];
        for (var k = 0; k < m; k++)
        {
            if (Seat(c, k) is var j && j >= 0)
            {
                (at[j] ??= []).Add(k);
            }
        }

        var chain = (Mentee: -1, To: -1, Repeats: int.MaxValue, Cost: int.MaxValue, Score: int.MinValue);
        for (var k = 0; k < m; k++)
        {
            var j = Seat(c, k);
            if (j < 0 || PinnedSeat(c, k) || Arrives(c, k) || !Legal(i, j, c, leaving: k))
            {
                continue;
            }

            var cost = Changed(k) ? 0 : 1;
            var mine = again[j] - (SatBefore(c, i, k) ? 1 : 0);
            foreach (var t in free)
            {
                if (t == j || !Legal(k, t, c))
                {
                    continue;
                }

                var repeats = mine + (at[t] ?? []).Count(x => SatBefore(c, k, x));
                if ((repeats, cost, -scorer.Score(i, j)).CompareTo((chain.Repeats, chain.Cost, -chain.Score)) < 0)
                {
                    chain = (k, t, repeats, cost, scorer.Score(i, j));
                }
            }
        }

        return (chain.Mentee, chain.To, chain.Repeats);
    }

    /// <summary>Whether mentees a and b sat at one table before: in another round of this plan, or at an earlier event.</summary>
    private bool SatBefore(int c, int a, int b)
    {
        if (pastMates.Contains(PlanningProblem.MenteePair(a, b)))
        {
            return true;
        }

        for (var r = 0; r < rounds; r++)
        {
            if (r != c && Seat(r, a) >= 0 && Seat(r, a) == Seat(r, b))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Moves one mentee at a time from a fullest to an emptiest table, those already moved first; online tables and
    /// tables in the room each among themselves.
    /// </summary>
    private void EvenOut(int c)
    {
        foreach (var online in new[] { false, true })
        {
            EvenOut(c, online);
        }
    }

    private void EvenOut(int c, bool online)
    {
        bool Mine(int j) => Open(c, j) && scorer.Mentors[j].Online == online;
        for (var guard = 0; guard < m; guard++)
        {
            var group = Enumerable.Range(0, n).Where(Mine).Select(j => size[(c * n) + j]).ToList();
            if (group.Count == 0 || group.Max() - group.Min() <= 1)
            {
                return;
            }

            var (min, max) = (group.Min(), group.Max());
            var smallest = Enumerable.Range(0, n).Where(j => Mine(j) && size[(c * n) + j] == min).ToList();
            var move = (Mentee: -1, To: -1, Changed: false, Score: int.MinValue);
            for (var i = 0; i < m; i++)
            {
                var from = Seat(c, i);
                if (from < 0 || !Mine(from) || size[(c * n) + from] != max || PinnedSeat(c, i))
                {
                    continue;
                }

                var changed = Changed(i);
                foreach (var j in smallest)
                {
                    if (Legal(i, j, c) &&
                        (move.Mentee < 0 || (changed && !move.Changed) || (changed == move.Changed && scorer.Score(i, j) > move.Score)))
                    {
                        move = (i, j, changed, scorer.Score(i, j));
                    }
                }
            }

            if (move.Mentee < 0)
            {
                return;
            }

            Move(c, move.Mentee, move.To);
        }
    }

    /// <summary>
    /// The evaluator's fairness rule: nobody rests in a round while someone seated in it has rested two fewer
    /// times. Whoever rests too often takes the seat of someone who rested least, in the earliest round it can
    /// (a walk-in sits on arrival), someone already moved where possible, never someone who just arrived. Each
    /// swap lowers the sum of squared rests, so this ends.
    /// </summary>
    private void SpreadRests()
    {
        for (var guard = 0; guard < m * rounds; guard++)
        {
            if (!SwapOneRest())
            {
                return;
            }
        }
    }

    private bool SwapOneRest()
    {
        for (var c = held; c < rounds; c++)
        {
            // Online mentees and those in the room rest each among themselves: neither can take the other's seat.
            var fewest = new[] { int.MaxValue, int.MaxValue };
            for (var k = 0; k < m; k++)
            {
                if (Seat(c, k) >= 0)
                {
                    ref var group = ref fewest[scorer.Mentees[k].Online ? 1 : 0];
                    group = Math.Min(group, rests[k]);
                }
            }

            var resting = Enumerable.Range(0, m)
                .Where(i => Seat(c, i) < 0 && attendance.MenteeThere(i, c + 1) && rests[i] >= fewest[scorer.Mentees[i].Online ? 1 : 0] + 2)
                .OrderByDescending(i => rests[i]).ThenBy(i => i);
            foreach (var i in resting)
            {
                // Among seats as cheap to take (the same rests, someone moved anyway or not), one with new faces.
                var again = Again(c, i);
                var best = (Mentee: -1, Rests: int.MaxValue, Cost: int.MaxValue, Repeats: int.MaxValue, Score: int.MinValue);
                for (var k = 0; k < m; k++)
                {
                    var j = Seat(c, k);
                    if (j < 0 || rests[k] > rests[i] - 2 || PinnedSeat(c, k) || Arrives(c, k) || !Legal(i, j, c, leaving: k))
                    {
                        continue;
                    }

                    var cost = Changed(k) ? 0 : 1;
                    var repeats = again[j] - (SatBefore(c, i, k) ? 1 : 0);
                    var score = scorer.Score(i, j);
                    if ((rests[k], cost, repeats, -score).CompareTo((best.Rests, best.Cost, best.Repeats, -best.Score)) < 0)
                    {
                        best = (k, rests[k], cost, repeats, score);
                    }
                }

                if (best.Mentee >= 0)
                {
                    var seat = Seat(c, best.Mentee);
                    Move(c, best.Mentee, -1);
                    Move(c, i, seat);
                    return true;
                }
            }
        }

        return false;
    }
}
