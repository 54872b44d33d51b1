using FlashMentoring.Core.Planning;

namespace FlashMentoring.Core.Wording;

/// <summary>
/// Conversation starters, one per round: a table that has twenty minutes and no idea where to begin spends five of them
/// on small talk. Plain words, one question each, in the direction the event's mentoring runs.
/// </summary>
public static class RoundPrompts
{
    /// <summary>The longest prompt a host may write: it has to fit on a phone, the board and a printed table sign.</summary>
    public const int MaxLength = 200;

    private static readonly string[] Open =
    [
        "What is one thing you wish you had known in your first year here?",
        "What skill are you working on now, and how?",
        "Tell each other about a project that went better than expected.",
        "What does a good day at work look like for you?",
        "Who helped your career most, and what did they do?",
        "What would you try if you knew it could not fail?",
        "How do you find out about jobs and details outside your own office?",
        "What is one thing you will do differently after today?",
    ];

    private static readonly string[] SeniorToJunior =
    [
        "Mentees: what are you hoping to grow in this year?",
        "Mentor: what was a turning point in your career?",
        "How do you prepare for a promotion or a new role?",
        "What makes a supervisor trust you with more?",
        "How do you get noticed for good work without bragging?",
        "What is a mistake you learned the most from?",
        "Which training or detail was worth the most to you?",
        "What one step can each mentee take next month?",
    ];

    private static readonly string[] PeerToPeer =
    [
        "What are you working on that others here might not know about?",
        "What is one tool or habit that saves you time every week?",
        "Where are you stuck right now? Ask the table.",
        "How does your office handle a busy season?",
        "What did you learn from a recent training or detail?",
        "Who else here should you be talking to, and why?",
        "What would make your team's work easier?",
        "What will you follow up on with someone at this table?",
    ];

    private static readonly string[] Reverse =
    [
        "Mentor: what do you know well that the others here might not?",
        "Which new tool should everyone at this table try?",
        "How do newer staff like to get feedback?",
        "What do people early in their careers wish leaders knew?",
        "Show one shortcut or app you use every day.",
        "What makes a meeting worth it for you?",
        "What would you change first if you ran the office?",
        "What will each senior take back to their team?",
    ];

    /// <summary>The starters for an event of this format, round 1 first; rounds past the end start over.</summary>
    public static IReadOnlyList<string> Defaults(MentoringFormat format) => format switch
    {
        MentoringFormat.SeniorToJunior => SeniorToJunior,
        MentoringFormat.PeerToPeer => PeerToPeer,
        MentoringFormat.Reverse => Reverse,
        _ => Open,
    };

    /// <summary>
    /// The prompt of a round: the host's own where they wrote or picked one (an empty one means none), the format's
    /// default otherwise; null when the round has none.
    /// </summary>
    public static string? For(MentoringFormat format, IReadOnlyList<string> chosen, int round)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        if (round <= chosen.Count)
        {
            return string.IsNullOrWhiteSpace(chosen[round - 1]) ? null : chosen[round - 1];
        }

        var defaults = Defaults(format);
        return defaults[(round - 1) % defaults.Count];
    }
}
