namespace FlashMentoring.Core.Planning;

/// <summary>
/// Pair scores computed once (the flow, the pricing pass and the polish all read them), and the candidate
/// mentors per mentee: the best half by score plus a seeded random spread, so that a popular mentor cannot
/// crowd everyone else out of the candidate lists.
/// </summary>
internal sealed class WeightTable
{
    private readonly PlanningProblem p;
    private readonly short[] weights;
    private readonly int[][] allowed;
    private readonly int n; // Cached: the indexer runs millions of times and the count is an interface call.

    public WeightTable(PlanningProblem problem)
    {
        p = problem;
        var m = problem.MenteeCount;
        n = problem.MentorCount;
        weights = new short[m * n];
        allowed = new int[m][];

        // Mentees are independent, so large rosters score on every core; the result does not depend on the split.
        var maxima = new int[m];
        var mentors = n;
        var everyone = Enumerable.Range(0, n).ToArray();
        var mentorsAlwaysThere = problem.MentorAvailable.All(a => (a & problem.AllRounds) == problem.AllRounds);
        Parallel.For(0, m, new ParallelOptions { MaxDegreeOfParallelism = m * mentors >= 1_000_000 ? -1 : 1, CancellationToken = problem.Cancellation }, i =>
        {
            // Most mentees may meet every mentor: share one list instead of building 10,000 copies of it.
            var unrestricted = mentorsAlwaysThere && problem.Forbidden.Count == 0 && !problem.Scorer.HasAvoids(i) && !problem.Scorer.Mixed &&
                               problem.MenteeAvailable[i] != 0;
            var list = unrestricted ? null : new List<int>(mentors);
            var max = 0;
            for (var j = 0; j < mentors; j++)
            {
                var w = Math.Min(short.MaxValue, problem.Scorer.Score(i, j));
                weights[(i * mentors) + j] = (short)w;
                max = Math.Max(max, w);
                if (list is not null && problem.Allowed(i, j))
                {
                    list.Add(j);
                }
            }

            allowed[i] = list is null ? everyone : [.. list];
            maxima[i] = max;
        });
        Max = maxima.DefaultIfEmpty(0).Max();
    }

    public int Max { get; }

    public int this[int mentee, int mentor] => weights[(mentee * n) + mentor];

    public int AllowedCount(int mentee) => allowed[mentee].Length;

    public IReadOnlyList<int> AllowedMentors(int mentee) => allowed[mentee];

    public List<int>[] Candidates(int perMentee)
    {
        var random = new Random(p.Seed);
        var result = new List<int>[p.MenteeCount];
        for (var i = 0; i < p.MenteeCount; i++)
        {
            var all = allowed[i];
            if (perMentee <= 0 || all.Length <= perMentee)
            {
                result[i] = [.. all];
                continue;
            }

            // The best half by score, found with a histogram (scores are small integers) rather than a sort, ties
            // drawn at random so equal mentors are spread over the room; then a seeded random spread of the rest.
            var histogram = new int[Max + 2];
            foreach (var j in all)
            {
                histogram[this[i, j]]++;
            }

            var half = perMentee / 2;
            var threshold = Max + 1;
            var above = 0;
            while (threshold > 0 && above + histogram[threshold - 1] <= half)
            {
                above += histogram[--threshold];
            }

            // Everything scoring >= threshold fits; `half - above` more come from the next score down.
            var best = new List<int>(perMentee + 4);
            var tied = new List<int>();
            foreach (var j in all)
            {
                var w = this[i, j];
                if (w >= threshold)
                {
                    best.Add(j);
                }
                else if (w == threshold - 1)
                {
                    tied.Add(j);
                }
            }

            // A partial Fisher-Yates draws just the ties needed.
            for (var k = 0; k < half - best.Count && k < tied.Count; k++)
            {
                var pick = random.Next(k, tied.Count);
                (tied[k], tied[pick]) = (tied[pick], tied[k]);
            }

            best.AddRange(tied.Take(half - best.Count));
            var chosen = best.ToHashSet();
            for (var tries = 0; chosen.Count < perMentee && tries < perMentee * 8; tries++)
            {
                var j = all[random.Next(all.Length)];
                if (chosen.Add(j))
                {
                    best.Add(j);
                }
            }
            foreach (var j in all.Where(j => p.Pinned.Contains(PlanningProblem.Pack(i, j)) && !chosen.Contains(j)))
            {
                best.Add(j);
            }

            result[i] = best;
        }

        return result;
    }
}
