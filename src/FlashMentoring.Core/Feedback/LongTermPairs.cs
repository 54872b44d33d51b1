using FlashMentoring.Core.Planning;

namespace FlashMentoring.Core.Feedback;

/// <summary>A mentee and a mentor who chose each other after the event.</summary>
/// <param name="Mentee">The mentee's key.</param>
/// <param name="Mentor">The mentor's key.</param>
/// <param name="MenteeRank">Where the mentee ranked the mentor (1 is first choice).</param>
/// <param name="MentorRank">Where the mentor ranked the mentee (1 is first), or null when mentors only tick.</param>
public sealed record MutualChoice(string Mentee, string Mentor, int MenteeRank, int? MentorRank = null)
{
    /// <summary>How much the pair is worth: the mentee's first choice most, a mentor's ranking breaking ties.</summary>
    public int Weight => (10 * (4 - Math.Clamp(MenteeRank, 1, 3))) + (MentorRank is { } r ? 4 - Math.Clamp(r, 1, 3) : 0);
}

/// <summary>
/// Turns mutual "keep in touch" choices into long-term mentoring pairs: the assignment of greatest total weight
/// in which no mentor has more than <c>mentorCap</c> mentees and no mentee more than <c>menteeCap</c> mentors
/// (HHS's program: five and one). Solved exactly as a min-cost flow on negated weights.
/// </summary>
public static class LongTermPairs
{
    /// <summary>The optimal set of pairs among the mutual choices.</summary>
    public static IReadOnlyList<MutualChoice> Assign(IReadOnlyList<MutualChoice> mutual, int mentorCap = 5, int menteeCap = 1)
    {
        ArgumentNullException.ThrowIfNull(mutual);
        ArgumentOutOfRangeException.ThrowIfLessThan(mentorCap, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(menteeCap, 1);
        var pairs = mutual.DistinctBy(c => (c.Mentee, c.Mentor)).ToList();
        var mentees = pairs.Select(c => c.Mentee).Distinct(StringComparer.Ordinal).ToList();
        var mentors = pairs.Select(c => c.Mentor).Distinct(StringComparer.Ordinal).ToList();
        var menteeNode = mentees.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => 1 + x.i, StringComparer.Ordinal);
        var mentorNode = mentors.Select((k, j) => (k, j)).ToDictionary(x => x.k, x => 1 + mentees.Count + x.j, StringComparer.Ordinal);
        var source = 0;
        var sink = 1 + mentees.Count + mentors.Count;
        var flow = new MinCostFlow(sink + 1);
        foreach (var node in menteeNode.Values)
        {
            flow.AddArc(source, node, menteeCap, 0);
        }

        foreach (var node in mentorNode.Values)
        {
            flow.AddArc(node, sink, mentorCap, 0);
        }

        // The flow stops once another unit would not lower the cost, so only pairs that add weight are taken.
        var arcs = pairs.Select(c => flow.AddArc(menteeNode[c.Mentee], mentorNode[c.Mentor], 1, -c.Weight)).ToList();
        flow.Solve(source, sink);
        return pairs.Where((_, k) => flow.Flow(arcs[k]) > 0).ToList();
    }
}
