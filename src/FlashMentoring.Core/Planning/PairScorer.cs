using System.Numerics;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Core.Planning;

/// <summary>One reason a pair scores, for the host who asks "why these two?".</summary>
/// <param name="Reason">Plain words.</param>
/// <param name="Points">What the reason adds.</param>
public sealed record ScorePart(string Reason, int Points);

/// <summary>
/// Scores a mentee-mentor pair. Scores are pair-additive and non-negative, which is what lets the engine
/// certify its plan with a flow bound. Competencies are interned once so scoring is a few integer compares.
/// </summary>
public sealed class PairScorer
{
    private readonly IReadOnlyList<Person> mentees;
    private readonly IReadOnlyList<Person> mentors;
    private readonly PlanSettings settings;
    // Competency sets as bitsets of `words` 64-bit words each: one popcount per pair at the usual vocabulary size.
    private readonly int words;
    private readonly ulong[] needs;
    private readonly ulong[] goalTopics;
    private readonly ulong[] expertise;
    private readonly Dictionary<int, int>[] preferenceRank;
    private readonly HashSet<int>?[] avoided;
    private readonly int[] menteeRank;
    private readonly int[] mentorRank;
    private readonly int[] menteeAgency;
    private readonly int[] mentorAgency;
    private readonly int[] menteeTopAgency;
    private readonly int[] mentorTopAgency;
    private readonly bool[] menteeOnline;
    private readonly bool[] mentorOnline;

    /// <summary>Prepares the features of everybody once.</summary>
    public PairScorer(IReadOnlyList<Person> mentees, IReadOnlyList<Person> mentors, PlanSettings settings)
    {
        ArgumentNullException.ThrowIfNull(mentees);
        ArgumentNullException.ThrowIfNull(mentors);
        ArgumentNullException.ThrowIfNull(settings);
        this.mentees = mentees;
        this.mentors = mentors;
        this.settings = settings;

        var vocabulary = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int Intern(string c)
        {
            if (!vocabulary.TryGetValue(c, out var id))
            {
                id = vocabulary.Count;
                vocabulary[c] = id;
            }

            return id;
        }

        var expertiseIds = mentors.Select(p => p.Expertise.Select(Intern).ToArray()).ToArray();
        var needIds = mentees.Select(p => p.Needs.Select(Intern).ToArray()).ToArray();
        var goalIds = mentees.Select(p => p.Goals.Length == 0
                ? []
                : vocabulary.Where(v => v.Key.Length >= 3 && p.Goals.Contains(v.Key, StringComparison.OrdinalIgnoreCase)).Select(v => v.Value).ToArray())
            .ToArray();
        words = Math.Max(1, (vocabulary.Count + 63) / 64);
        expertise = Bits(expertiseIds);
        needs = Bits(needIds);
        goalTopics = Bits(goalIds);

        // Grades and agencies as small integers: the engine scores millions of pairs at the largest sizes.
        menteeRank = mentees.Select(p => p.Grade.Rank ?? -100).ToArray();
        mentorRank = mentors.Select(p => p.Grade.Rank ?? -100).ToArray();
        var agencies = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { [""] = 0 };
        int AgencyId(string a) => agencies.TryGetValue(a, out var id) ? id : agencies[a] = agencies.Count;
        menteeAgency = mentees.Select(p => AgencyId(p.Agency.Trim())).ToArray();
        mentorAgency = mentors.Select(p => AgencyId(p.Agency.Trim())).ToArray();
        menteeTopAgency = mentees.Select(p => AgencyId(p.TopAgency)).ToArray();
        mentorTopAgency = mentors.Select(p => AgencyId(p.TopAgency)).ToArray();

        menteeOnline = mentees.Select(p => p.Online).ToArray();
        mentorOnline = mentors.Select(p => p.Online).ToArray();
        Mixed = menteeOnline.Concat(mentorOnline).Distinct().Count() > 1;

        var mentorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < mentors.Count; j++)
        {
            mentorIndex[mentors[j].Key] = j;
        }

        var menteeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < mentees.Count; i++)
        {
            menteeIndex[mentees[i].Key] = i;
        }

        preferenceRank = new Dictionary<int, int>[mentees.Count];
        avoided = new HashSet<int>?[mentees.Count];
        for (var i = 0; i < mentees.Count; i++)
        {
            preferenceRank[i] = [];
            var rank = 0;
            foreach (var key in mentees[i].Prefers)
            {
                if (mentorIndex.TryGetValue(key, out var j) && !preferenceRank[i].ContainsKey(j))
                {
                    preferenceRank[i][j] = ++rank;
                }
            }

            foreach (var key in mentees[i].Avoid)
            {
                if (mentorIndex.TryGetValue(key, out var j))
                {
                    (avoided[i] ??= []).Add(j);
                }
            }
        }

        for (var j = 0; j < mentors.Count; j++)
        {
            foreach (var key in mentors[j].Avoid)
            {
                if (menteeIndex.TryGetValue(key, out var i))
                {
                    (avoided[i] ??= []).Add(j);
                }
            }
        }
    }

    /// <summary>Mentees, in the order the scorer indexes them.</summary>
    public IReadOnlyList<Person> Mentees => mentees;

    /// <summary>Mentors, in the order the scorer indexes them.</summary>
    public IReadOnlyList<Person> Mentors => mentors;

    /// <summary>True when either person lists the other under avoid.</summary>
    public bool Avoids(int mentee, int mentor) => avoided[mentee]?.Contains(mentor) == true;

    /// <summary>
    /// True when one of the two takes part online and the other in the room: a hard rule as strict as avoid, since
    /// they cannot meet at all. An online table is its mentor's video room.
    /// </summary>
    public bool Apart(int mentee, int mentor) => menteeOnline[mentee] != mentorOnline[mentor];

    /// <summary>True when some take part online and some in the room (a hybrid event).</summary>
    public bool Mixed { get; }

    /// <summary>True when the two may never sit together: one avoids the other, or they take part apart.</summary>
    public bool KeptApart(int mentee, int mentor) => Apart(mentee, mentor) || Avoids(mentee, mentor);

    /// <summary>A scorer for some of the mentees and mentors (indices into these), scoring each pair as this one does.</summary>
    internal PairScorer Part(IReadOnlyList<int> menteeIndices, IReadOnlyList<int> mentorIndices)
    {
        var part = new PairScorer(menteeIndices.Select(i => mentees[i]).ToList(), mentorIndices.Select(j => mentors[j]).ToList(), settings);
        // A choice keeps the rank it has on the whole roster: a second choice whose first choice takes part the other
        // way is still a second choice, and scores as one in the plan the host sees.
        var local = new Dictionary<int, int>();
        for (var k = 0; k < mentorIndices.Count; k++)
        {
            local[mentorIndices[k]] = k;
        }

        for (var k = 0; k < menteeIndices.Count; k++)
        {
            part.preferenceRank[k] = preferenceRank[menteeIndices[k]]
                .Where(x => local.ContainsKey(x.Key))
                .ToDictionary(x => local[x.Key], x => x.Value);
        }

        return part;
    }

    /// <summary>True when the mentee avoids, or is avoided by, some mentor.</summary>
    public bool HasAvoids(int mentee) => avoided[mentee] is not null;

    /// <summary>The mentee's rank for the mentor (1 = first choice), or 0 when not asked for.</summary>
    public int PreferenceRank(int mentee, int mentor) =>
        preferenceRank[mentee].Count == 0 ? 0 : preferenceRank[mentee].GetValueOrDefault(mentor);

    /// <summary>How many distinct mentors the mentee asked for that are on the roster.</summary>
    public int PreferencesAsked(int mentee) => preferenceRank[mentee].Count;

    /// <summary>The pair's score.</summary>
    public int Score(int mentee, int mentor)
    {
        var w = settings.Weights;
        var score = w.Meeting;
        var rank = PreferenceRank(mentee, mentor);
        if (rank > 0)
        {
            score += PreferencePoints(rank);
        }

        score += Math.Min(3, CountCommon(needs, mentee, expertise, mentor)) * w.NeedMatched;
        if (CountCommon(goalTopics, mentee, expertise, mentor) > 0)
        {
            score += w.GoalMatched;
        }

        if (GradeFits(mentee, mentor))
        {
            score += w.GradeFits;
        }

        score += AgencyPoints(mentee, mentor);
        return score;
    }

    /// <summary>The pair's score, reason by reason; the parts add up to <see cref="Score"/>.</summary>
    public IReadOnlyList<ScorePart> Explain(int mentee, int mentor)
    {
        var w = settings.Weights;
        var parts = new List<ScorePart> { new("a meeting", w.Meeting) };
        var rank = PreferenceRank(mentee, mentor);
        if (rank > 0)
        {
            parts.Add(new ScorePart($"asked for as choice {rank}", PreferencePoints(rank)));
        }

        var common = Math.Min(3, CountCommon(needs, mentee, expertise, mentor));
        if (common > 0)
        {
            parts.Add(new ScorePart($"{Say.Count(common, "need")} matched by expertise", common * w.NeedMatched));
        }

        if (CountCommon(goalTopics, mentee, expertise, mentor) > 0)
        {
            parts.Add(new ScorePart("goals mention the mentor's expertise", w.GoalMatched));
        }

        if (GradeFits(mentee, mentor))
        {
            parts.Add(new ScorePart($"grades fit the {settings.Format} format", w.GradeFits));
        }

        var agency = AgencyPoints(mentee, mentor);
        if (agency > 0)
        {
            parts.Add(new ScorePart(agency == w.OtherAgency ? "another agency" : "another OPDIV", agency));
        }

        return parts;
    }

    private int PreferencePoints(int rank) =>
        Math.Max(settings.Weights.FirstPreference / 3, settings.Weights.FirstPreference - (rank - 1) * settings.Weights.PreferenceStep);

    private bool GradeFits(int mentee, int mentor)
    {
        var a = mentorRank[mentor];
        var b = menteeRank[mentee];
        if (a < 0 || b < 0)
        {
            return false;
        }

        return settings.Format switch
        {
            MentoringFormat.SeniorToJunior => a >= b + 2,
            MentoringFormat.PeerToPeer => Math.Abs(a - b) <= 1,
            MentoringFormat.Reverse => b >= a + 2,
            _ => false,
        };
    }

    private int AgencyPoints(int mentee, int mentor)
    {
        if (mentorAgency[mentor] == 0 || menteeAgency[mentee] == 0)
        {
            return 0;
        }

        if (mentorTopAgency[mentor] != menteeTopAgency[mentee])
        {
            return settings.Weights.OtherAgency;
        }

        return mentorAgency[mentor] == menteeAgency[mentee] ? 0 : settings.Weights.OtherOpdiv;
    }

    private ulong[] Bits(int[][] sets)
    {
        var bits = new ulong[sets.Length * words];
        for (var x = 0; x < sets.Length; x++)
        {
            foreach (var id in sets[x])
            {
                bits[(x * words) + (id >> 6)] |= 1UL << (id & 63);
            }
        }

        return bits;
    }

    private int CountCommon(ulong[] a, int x, ulong[] b, int y)
    {
        var count = 0;
        for (var k = 0; k < words; k++)
        {
            count += BitOperations.PopCount(a[(x * words) + k] & b[(y * words) + k]);
        }

        return count;
    }
}
