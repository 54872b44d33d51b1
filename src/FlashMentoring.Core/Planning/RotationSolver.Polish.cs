namespace FlashMentoring.Core.Planning;

/// <summary>Step 4 of the solver: polish that keeps (Kempe) or nearly keeps (fairness) the score.</summary>
internal sealed partial class RotationSolver
{
    /// <summary>
    /// Fairness: the flow maximises the sum, which can leave one mentee with only weak matches. Swap two mentees'
    /// seats within a round when it lifts the worse-off of the two, spending at most a small share of the score.
    /// </summary>
    private void RaiseWorstOff(WeightTable weights)
    {
        var total = new long[m];
        long sum = 0;
        for (var e = 0; e < emMentee.Count; e++)
        {
            if (emColour[e] >= 0)
            {
                var w = weights[emMentee[e], seatMentor[emSeat[e]]];
                total[emMentee[e]] += w;
                sum += w;
            }
        }

        var budget = (long)(sum * FairnessBudget);
        var stuck = new HashSet<int>();
        for (var iteration = 0; iteration < 500 + (m / 10) && budget > 0; iteration++)
        {
            Check();
            var worst = -1;
            for (var i = 0; i < m; i++)
            {
                if (menteeUsed[i] != 0 && !stuck.Contains(i) && (worst < 0 || total[i] < total[worst]))
                {
                    worst = i;
                }
            }

            if (worst < 0)
            {
                break;
            }

            (int E1, int E2, long Gain, long Loss) best = (-1, -1, 0, 0);
            for (var c = 0; c < r; c++)
            {
                var e1 = atMentee[(worst * r) + c];
                if (e1 < 0)
                {
                    continue;
                }

                // Never trade away a pin or a met preference: the host and the mentee would both notice.
                var j1 = seatMentor[emSeat[e1]];
                if (p.Pinned.Contains(PlanningProblem.Pack(worst, j1)) || p.Scorer.PreferenceRank(worst, j1) > 0)
                {
                    continue;
                }

                // Only mentors the worst-off mentee would rather meet can lift them; look at who sits there.
                for (var j2 = 0; j2 < n; j2++)
                {
                    if (weights[worst, j2] <= weights[worst, j1])
                    {
                        continue;
                    }

                    foreach (var s2 in seatsOf[j2])
                    {
                        var e2 = atSeat[(s2 * r) + c];
                        if (e2 < 0)
                        {
                            continue;
                        }

                        var k = emMentee[e2];
                        var newWorst = total[worst] - weights[worst, j1] + weights[worst, j2];
                        var newOther = total[k] - weights[k, j2] + weights[k, j1];
                        var floor = Math.Min(newWorst, newOther);
                        var loss = (total[worst] + total[k]) - (newWorst + newOther);
                        if (floor <= total[worst] || loss > budget || floor - total[worst] <= best.Gain)
                        {
                            continue; // Cheap tests first: most swaps do not help.
                        }

                        if (!p.Pinned.Contains(PlanningProblem.Pack(k, j2)) && p.Scorer.PreferenceRank(k, j2) == 0 &&
                            CanMeet(worst, j2, c, leaving: k) && CanMeet(k, j1, c, leaving: worst))
                        {
                            best = (e1, e2, floor - total[worst], loss);
                        }
                    }
                }
            }

            if (best.E1 < 0)
            {
                stuck.Add(worst);
                continue;
            }

            var a = seatMentor[emSeat[best.E1]];
            var b = seatMentor[emSeat[best.E2]];
            var other = emMentee[best.E2];
            total[worst] += weights[worst, b] - weights[worst, a];
            total[other] += weights[other, a] - weights[other, b];
            SwapSeats(best.E1, best.E2);
            budget -= Math.Max(0, best.Loss);
            stuck.Clear();
        }
    }

    private void SwapSeats(int e1, int e2)
    {
        var i1 = emMentee[e1];
        var i2 = emMentee[e2];
        var c = emColour[e1];
        planned.Remove(PlanningProblem.Pack(i1, seatMentor[emSeat[e1]]));
        planned.Remove(PlanningProblem.Pack(i2, seatMentor[emSeat[e2]]));
        Uncolour(e1);
        Uncolour(e2);
        (emSeat[e1], emSeat[e2]) = (emSeat[e2], emSeat[e1]);
        SetColour(e1, c);
        SetColour(e2, c);
        planned.Add(PlanningProblem.Pack(i1, seatMentor[emSeat[e1]]));
        planned.Add(PlanningProblem.Pack(i2, seatMentor[emSeat[e2]]));
    }

    /// <summary>
    /// Swapping the two colours of a Kempe chain (the a/b-coloured component holding a mentee) keeps every pair,
    /// and so the score, and keeps each seat at one mentee a round; it moves a group of mentees between two rounds.
    /// A re-plan uses such swaps to put kept pairs back into the rounds the old plan (and the printed itineraries) had
    /// them in. A swap never seats two mentees who avoid each other together, nor unbalances a round.
    /// </summary>
    private void RestoreOldRounds()
    {
        const int MaxChain = 64;
        var attemptBudget = Math.Max(1_500, 4 * m); // Deterministic work cap: large rooms get proportionally fewer tries.
        const int AvoidPenalty = 1000;
        var tables = new List<int>[n * r];
        for (var t = 0; t < tables.Length; t++)
        {
            tables[t] = [];
        }

        for (var e = 0; e < emMentee.Count; e++)
        {
            if (emColour[e] >= 0)
            {
                tables[(seatMentor[emSeat[e]] * r) + emColour[e]].Add(emMentee[e]);
            }
        }

        var chain = new List<int>();
        var touched = new List<int>();
        var pending = new Stack<int>();
        var edgeStamp = new int[emMentee.Count];
        var tableStamp = new int[tables.Length];
        var stamp = 0;
        var attempts = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            var improved = false;
            foreach (var (i, a, b) in Starts())
            {
                if (attempts >= attemptBudget)
                {
                    break;
                }

                Check();
                stamp++;
                attempts++;
                if (!Collect(i, a, b, out var seatsKeepBoth))
                {
                    continue;
                }

                var before = Objective();
                Swap(a, b);
                if (Objective() >= before || (!seatsKeepBoth && !(Balanced(a) && Balanced(b))))
                {
                    Swap(a, b);
                }
                else
                {
                    improved = true;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        // Where to try a swap: a kept pair that sits in another round than it used to (its current round and its old one).
        IEnumerable<(int Mentee, int A, int B)> Starts()
        {
            for (var e = 0; e < emMentee.Count; e++)
            {
                var old = OldRound(e);
                if (emColour[e] >= 0 && old >= 0 && old != emColour[e])
                {
                    yield return (emMentee[e], emColour[e], old);
                }
            }
        }

        int OldRound(int e) =>
            p.Previous is not null && p.Previous.TryGetValue(PlanningProblem.Pack(emMentee[e], seatMentor[emSeat[e]]), out var old) && old < r ? old : -1;

        int Objective()
        {
            var total = 0;
            foreach (var t in touched)
            {
                total += TablePenalty(t);
            }

            foreach (var e in chain)
            {
                total += OldRound(e) is var old && old >= 0 && old != emColour[e] ? 1 : 0;
            }

            return total;
        }

        bool Collect(int mentee, int a, int b, out bool seatsKeepBoth)
        {
            chain.Clear();
            touched.Clear();
            pending.Clear();
            seatsKeepBoth = true;
            var both = (1UL << a) | (1UL << b);
            PushEdges(atMentee, mentee);
            while (pending.Count > 0)
            {
                var e = pending.Pop();
                if (edgeStamp[e] == stamp)
                {
                    continue;
                }

                edgeStamp[e] = stamp;
                chain.Add(e);
                if (chain.Count > MaxChain || (EdgeAllowed(emMentee[e], emSeat[e]) & both) != both)
                {
                    return false;
                }

                var seat = emSeat[e];
                seatsKeepBoth &= (seatUsed[seat] & both) == both;
                foreach (var t in new[] { (seatMentor[seat] * r) + a, (seatMentor[seat] * r) + b })
                {
                    if (tableStamp[t] != stamp)
                    {
                        tableStamp[t] = stamp;
                        touched.Add(t);
                    }
                }

                PushEdges(atMentee, emMentee[e]);
                PushEdges(atSeat, seat);
            }

            return true;

            void PushEdges(IList<int> at, int node)
            {
                foreach (var c in new[] { a, b })
                {
                    var e = at[(node * r) + c];
                    if (e >= 0 && edgeStamp[e] != stamp)
                    {
                        pending.Push(e);
                    }
                }
            }
        }

        void Swap(int a, int b)
        {
            foreach (var e in chain)
            {
                tables[(seatMentor[emSeat[e]] * r) + emColour[e]].Remove(emMentee[e]);
            }

            var colours = chain.Select(e => emColour[e]).ToArray();
            foreach (var e in chain)
            {
                Uncolour(e);
            }

            for (var k = 0; k < chain.Count; k++)
            {
                var e = chain[k];
                var c = colours[k] == a ? b : a;
                SetColour(e, c);
                tables[(seatMentor[emSeat[e]] * r) + c].Add(emMentee[e]);
            }
        }

        bool Balanced(int c)
        {
            int min = int.MaxValue, max = int.MinValue;
            for (var j = 0; j < n; j++)
            {
                if ((p.MentorAvailable[j] & (1UL << c)) != 0)
                {
                    min = Math.Min(min, tables[(j * r) + c].Count);
                    max = Math.Max(max, tables[(j * r) + c].Count);
                }
            }

            return max - min <= 1;
        }

        int TablePenalty(int t)
        {
            var list = tables[t];
            var penalty = 0;
            for (var x = 0; x < list.Count; x++)
            {
                for (var y = x + 1; y < list.Count; y++)
                {
                    var key = PlanningProblem.MenteePair(list[x], list[y]);
                    penalty += menteeAvoid.Contains(key) ? AvoidPenalty : 0;
                }
            }

            return penalty;
        }
    }

    /// <summary>
    /// Two mentees who avoid each other never share a table: the Kempe pass steers clear of it, and whatever is left
    /// (one round, or a chain too long to swap) is split here by swapping one of them with someone at another
    /// table of the same round; failing that, they sit the round out.
    /// </summary>
    private void SeparateAvoiders()
    {
        if (menteeAvoid.Count == 0)
        {
            return;
        }

        for (var e = 0; e < emMentee.Count; e++)
        {
            var c = emColour[e];
            var y = emMentee[e];
            var j1 = c >= 0 ? seatMentor[emSeat[e]] : -1;
            if (j1 < 0 || !Clashes(y, j1, c, -1))
            {
                continue;
            }

            Check();
            var swap = -1;
            for (var e2 = 0; e2 < emMentee.Count && swap < 0; e2++)
            {
                var z = emMentee[e2];
                var j2 = emColour[e2] == c ? seatMentor[emSeat[e2]] : -1;
                if (j2 >= 0 && j2 != j1 && !p.Pinned.Contains(PlanningProblem.Pack(y, j1)) && !p.Pinned.Contains(PlanningProblem.Pack(z, j2)) &&
                    CanMeet(y, j2, c, leaving: z) && CanMeet(z, j1, c, leaving: y))
                {
                    swap = e2;
                }
            }

            if (swap >= 0)
            {
                SwapSeats(e, swap);
            }
            else
            {
                notes.Add($"Round {c + 1}: {p.Scorer.Mentees[y].Name} rests; every other table either has someone they avoid or someone they met.");
                planned.Remove(PlanningProblem.Pack(y, j1));
                Uncolour(e);
            }
        }
    }

    private HashSet<long> MenteeAvoidPairs()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < m; i++)
        {
            index[p.Scorer.Mentees[i].Key] = i;
        }

        var set = new HashSet<long>();
        for (var i = 0; i < m; i++)
        {
            foreach (var key in p.Scorer.Mentees[i].Avoid)
            {
                if (index.TryGetValue(key, out var k))
                {
                    set.Add(PlanningProblem.MenteePair(i, k));
                }
            }
        }

        return set;
    }
}
