using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Web.Plans;

/// <summary>
/// How big a plan (or a kit) may be. An event's host, who reached it with the host key, plans up to the engine's
/// limits; the planner and the kits anyone may use without an event are sized to a real room, so that one anonymous
/// request costs seconds, not minutes (docs/performance.md, "Limits of work without an event").
/// </summary>
/// <param name="MaxRounds">Rounds.</param>
/// <param name="MaxSeatsPerTable">Mentees a table.</param>
/// <param name="MaxPeople">Mentors and mentees together (roster lines, or a blank kit's tables and seats).</param>
/// <param name="ForEvent">True for an event's own limits; the messages of the others say to create an event for more.</param>
public sealed record PlanLimits(int MaxRounds, int MaxSeatsPerTable, int MaxPeople, bool ForEvent)
{
    /// <summary>An event's roster, planned by its host.</summary>
    public static readonly PlanLimits Event = new(PlanSettings.MaxRounds, PlanSettings.MaxSeatsPerTable, RosterUpload.MaxLines, ForEvent: true);

    /// <summary>
    /// The planner and kits without an event: a typical event is 100 mentees and 25 mentors in 6 rounds of 4 at a
    /// table, a big one a few hundred people; 1,000 people, 12 rounds and 10 at a table cover them with room to
    /// spare, and the slowest shape inside them plans in about 3 s and prints a blank kit in about 8 s on one core.
    /// </summary>
    public static readonly PlanLimits WithoutEvent = new(12, 10, 1_000, ForEvent: false);

    /// <summary>What to do about a limit, in English: nothing for an event's own, else create an event.</summary>
    public string Advice => AdviceIn(Texts.English);

    /// <summary>What to do about a limit in <paramref name="texts"/>' language, with a space before it (empty for an event's own).</summary>
    public string AdviceIn(Texts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return ForEvent ? "" : " " + texts.T("plan.settings.advice", ("people", Event.MaxPeople.ToString("N0", texts.Culture)), ("rounds", Event.MaxRounds), ("seats", Event.MaxSeatsPerTable));
    }
}
