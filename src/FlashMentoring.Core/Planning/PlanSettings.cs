namespace FlashMentoring.Core.Planning;

/// <summary>Which way mentoring runs, which decides the grade relation the engine favours.</summary>
public enum MentoringFormat
{
    /// <summary>No grade preference.</summary>
    Open,

    /// <summary>The mentor is at least two grades above the mentee.</summary>
    SeniorToJunior,

    /// <summary>Mentor and mentee within one grade of each other.</summary>
    PeerToPeer,

    /// <summary>The junior teaches: the mentor is at least two grades below the mentee.</summary>
    Reverse,
}

/// <summary>Points per reason a pair scores. All non-negative, so seating more people never lowers the score.</summary>
public sealed record ScoringWeights
{
    /// <summary>Every meeting is worth something: a seat beats a rest.</summary>
    public int Meeting { get; init; } = 10;

    /// <summary>The mentee asked for this mentor first; later ranks earn less (see <see cref="PreferenceStep"/>).</summary>
    public int FirstPreference { get; init; } = 60;

    /// <summary>How much each later rank loses.</summary>
    public int PreferenceStep { get; init; } = 10;

    /// <summary>Per need of the mentee that the mentor lists as expertise (up to three).</summary>
    public int NeedMatched { get; init; } = 15;

    /// <summary>When the mentee's goals mention a competency the mentor offers.</summary>
    public int GoalMatched { get; init; } = 5;

    /// <summary>When the grade relation fits the event's format.</summary>
    public int GradeFits { get; init; } = 12;

    /// <summary>Mentor from another agency.</summary>
    public int OtherAgency { get; init; } = 8;

    /// <summary>Same agency, another OPDIV.</summary>
    public int OtherOpdiv { get; init; } = 4;
}

/// <summary>What the host chose for the event's rotation.</summary>
public sealed record PlanSettings
{
    /// <summary>Creates settings; throws for values no event can have.</summary>
    public PlanSettings(int rounds, int seatsPerTable, MentoringFormat format = MentoringFormat.Open, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rounds, MaxRounds);
        ArgumentOutOfRangeException.ThrowIfLessThan(seatsPerTable, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seatsPerTable, MaxSeatsPerTable);
        Rounds = rounds;
        SeatsPerTable = seatsPerTable;
        Format = format;
        Seed = seed;
    }

    /// <summary>Most rounds an event can have.</summary>
    public const int MaxRounds = 40;

    /// <summary>Most mentees at one table.</summary>
    public const int MaxSeatsPerTable = 20;

    /// <summary>Number of rounds.</summary>
    public int Rounds { get; }

    /// <summary>Mentees per table (1 is one-on-one).</summary>
    public int SeatsPerTable { get; }

    /// <summary>The grade relation to favour.</summary>
    public MentoringFormat Format { get; }

    /// <summary>Breaks ties; the same seed gives the same plan.</summary>
    public int Seed { get; }

    /// <summary>Points per reason.</summary>
    public ScoringWeights Weights { get; init; } = new();

    /// <summary>
    /// On the day, a table may take one mentee more than <see cref="SeatsPerTable"/> when the room runs short, so
    /// that someone whose table closed, or who walked in, sits rather than rests. Planned rests stay as planned.
    /// </summary>
    public bool ExtraSeatWhenShort { get; init; }

    /// <summary>Largest number of candidate mentors the engine keeps per mentee before pricing the rest; 0 keeps all.</summary>
    public int CandidatesPerMentee { get; init; } = 48;
}

/// <summary>Host decisions the engine must obey on top of the roster.</summary>
/// <param name="Pins">Pairs that must meet (mentee key, mentor key).</param>
/// <param name="Forbids">Pairs that must not meet (mentee key, mentor key).</param>
public sealed record PlanConstraints(IReadOnlyList<(string Mentee, string Mentor)> Pins, IReadOnlyList<(string Mentee, string Mentor)> Forbids)
{
    /// <summary>No pins and no forbids.</summary>
    public static readonly PlanConstraints None = new([], []);

    /// <summary>Who met whom at the programme's earlier events (none by default).</summary>
    public PlanHistory History { get; init; } = PlanHistory.None;

    /// <summary>
    /// Pairs that may not meet, as (mentee index, mentor index) packed by <see cref="PlanningProblem.Pack"/>: the host's
    /// forbids, and pairs that met at an earlier event unless the mentee asked for that mentor again or the host pinned them.
    /// </summary>
    internal HashSet<long> KeptApart(PairScorer scorer)
    {
        var menteeIndex = RotationEngine.Index(scorer.Mentees);
        var mentorIndex = RotationEngine.Index(scorer.Mentors);
        var pins = Pins.ToHashSet();
        var apart = new HashSet<long>(PairHash.Instance);
        foreach (var (mentee, mentor) in Forbids)
        {
            if (menteeIndex.TryGetValue(mentee, out var i) && mentorIndex.TryGetValue(mentor, out var j))
            {
                apart.Add(PlanningProblem.Pack(i, j));
            }
        }

        foreach (var (mentee, mentor) in History.MetPairs)
        {
            if (menteeIndex.TryGetValue(mentee, out var i) && mentorIndex.TryGetValue(mentor, out var j) &&
                scorer.PreferenceRank(i, j) == 0 && !pins.Contains((mentee, mentor)))
            {
                apart.Add(PlanningProblem.Pack(i, j));
            }
        }

        return apart;
    }
}
