namespace FlashMentoring.Core.Planning;

/// <summary>How good a rotation is, in figures a host can show her director.</summary>
/// <param name="Score">Sum of the pair scores of every meeting.</param>
/// <param name="UpperBound">No rotation that seats as many people and honours the same pins can score more (a certified bound from the flow's dual); null when not computed.</param>
/// <param name="Gap">(UpperBound - Score) / UpperBound: 0 means provably optimal.</param>
/// <param name="Meetings">Mentee-mentor meetings in the plan.</param>
/// <param name="Rests">Rounds in which a mentee who is there sits out.</param>
/// <param name="PreferencesAsked">Mentors mentees asked for, counted per mentee.</param>
/// <param name="PreferencesSatisfiable">Of those, the ones no avoid list or host forbid rules out.</param>
/// <param name="PreferencesMet">Of those, the ones the plan seats together.</param>
/// <param name="TableSizeSpread">Largest difference between two tables' sizes in one round.</param>
/// <param name="MenteeRepeats">Times two mentees share a table again after having shared one before (at an earlier event too: then from their first table here).</param>
/// <param name="WorstOffMenteeScore">Lowest total score of any mentee who is seated at all.</param>
/// <param name="MeanMenteeScore">Average total score per mentee.</param>
/// <param name="CrossAgencyMeetings">Meetings between different agencies or OPDIVs.</param>
/// <param name="NeedsMatchedMeetings">Meetings where the mentor offers at least one of the mentee's needs.</param>
/// <param name="Violations">Broken hard rules, in words; empty for every plan the engine makes.</param>
public sealed record PlanQuality(
    long Score,
    long? UpperBound,
    double? Gap,
    int Meetings,
    int Rests,
    int PreferencesAsked,
    int PreferencesSatisfiable,
    int PreferencesMet,
    int TableSizeSpread,
    int MenteeRepeats,
    long WorstOffMenteeScore,
    double MeanMenteeScore,
    int CrossAgencyMeetings,
    int NeedsMatchedMeetings,
    IReadOnlyList<string> Violations)
{
    /// <summary>
    /// No rotation that seats every mentee in the same rounds (and keeps the same people apart) can have fewer
    /// mentee repeats than this: a count of tablemate places against the people there are to fill them.
    /// </summary>
    public int RepeatsLowerBound { get; init; }

    /// <summary>Of <see cref="MenteeRepeats"/>, the times two mentees who sat together at an earlier event do again.</summary>
    public int RepeatsWithPastTableMates { get; init; }

    /// <summary>
    /// Mentee-mentor pairs of this event that met at an earlier event and are not planned again, though they could have
    /// been (both in the room or both online, and both there in some round).
    /// </summary>
    public int PastPairsAvoided { get; init; }

    /// <summary>Pairs that met at an earlier event and meet again because the mentee asked for that mentor.</summary>
    public int PastPairsAskedAgain { get; init; }
}
