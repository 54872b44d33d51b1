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

    public WeightTable(PlanningProblem problem)
    {
        p = problem;
        var m = problem.MenteeCount;
        var n = problem.MentorCount;
        weights = new short[m * n];
        allowed = new int[m][];
        var list = new List<int>(n);
        for (var i = 0; i < m; i++)
        {
            list.Clear();
            for (var j = 0; j < n; j++)
            {
                var w = Math.Min(short.MaxValue, problem.Scorer.Score(i, j));
                weights[(i * n) + j] = (short)w;
                Max = Math.Max(Max, w);
                if (problem.Allowed(i, j))
                {
                    list.Add(j);
                }
            }

            allowed[i] = [.. list];
        }

    }

    public int Max { get; }

    public int this[int mentee, int mentor] => weights[(mentee * p.MentorCount) + mentor];

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

            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tied));
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
