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
/// <param name="MenteeRepeats">Times two mentees share a table again after having shared one before.</param>
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
    IReadOnlyList<string> Violations);
