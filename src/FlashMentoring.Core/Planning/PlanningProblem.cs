namespace FlashMentoring.Core.Planning;

/// <summary>
/// What the solver needs, in local round numbers 0..Rounds-1: who is there when, which pairs may not meet
/// (avoid lists, host forbids, pairs that met in rounds already held) and which must.
/// </summary>
internal sealed class PlanningProblem
{
    public required PairScorer Scorer { get; init; }

    public required int Rounds { get; init; }

    public required int Seats { get; init; }

    /// <summary>Bit r set: the mentee is there in local round r.</summary>
    public required ulong[] MenteeAvailable { get; init; }

    /// <summary>Bit r set: the mentor hosts in local round r.</summary>
    public required ulong[] MentorAvailable { get; init; }

    public HashSet<long> Forbidden { get; init; } = [];

    /// <summary>
    /// Per mentee, fair rests in rounds already held minus rests actually taken there; a mentee who already sat
    /// out more than their share gets a negative credit and is seated first from here on. Null for a fresh plan.
    /// </summary>
    public double[]? RestCredit { get; init; }

    public HashSet<long> Pinned { get; init; } = [];

    /// <summary>
    /// In a re-plan: the local round each pair met in under the old plan. Those pairs earn <see cref="StabilityBonus"/>
    /// (never counted in the reported score) and are coloured into their old round where it is free.
    /// </summary>
    public IReadOnlyDictionary<long, int>? Previous { get; init; }

    /// <summary>Weight that keeps an old pair unless a clearly better one is on offer.</summary>
    public const int StabilityBonus = 25;

    public int Stability(int mentee, int mentor) => Previous?.ContainsKey(Pack(mentee, mentor)) == true ? StabilityBonus : 0;

    /// <summary>
    /// Pairs of mentees (smaller index in the high half) who already sat together before the rounds planned here, at
    /// an earlier event or in a round already held, and how often: any further co-sitting is a repeat.
    /// </summary>
    public IReadOnlyDictionary<long, int>? PastTogether { get; init; }

    public int Seed { get; init; } = 1;

    public int CandidatesPerMentee { get; init; } = 48;

    /// <summary>Checked between steps and in the long loops: a caller who gives up stops the work, not only its answer.</summary>
    public CancellationToken Cancellation { get; init; }

    public int MenteeCount => Scorer.Mentees.Count;

    public int MentorCount => Scorer.Mentors.Count;

    public ulong AllRounds => Rounds >= 64 ? ulong.MaxValue : (1UL << Rounds) - 1;

    public static long Pack(int mentee, int mentor) => ((long)mentee << 32) | (uint)mentor;

    /// <summary>A pair of mentees as one number, the smaller index in the high half.</summary>
    public static long MenteePair(int x, int y) => x < y ? ((long)x << 32) | (uint)y : ((long)y << 32) | (uint)x;

    public bool Allowed(int mentee, int mentor) =>
        (MenteeAvailable[mentee] & MentorAvailable[mentor]) != 0 &&
        (Forbidden.Count == 0 || !Forbidden.Contains(Pack(mentee, mentor))) && !Scorer.KeptApart(mentee, mentor);
}
