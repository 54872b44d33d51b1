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

    // The starters are texts like any other (locales/{code}/prompts.json): eight per format, keyed format.round.
    private const int PerFormat = 8;

    /// <summary>The starters for an event of this format in <paramref name="texts"/>' language (English when null), round 1 first; rounds past the end start over.</summary>
    public static IReadOnlyList<string> Defaults(MentoringFormat format, Texts? texts = null) =>
        [.. Enumerable.Range(1, PerFormat).Select(r => (texts ?? Texts.English).T(Key(format, r)))];

    /// <summary>
    /// The text key of a round's prompt when it is the format's default ("prompts.open.3"), so a page can word it in its
    /// reader's language; null when the host wrote or picked the round's own (or none).
    /// </summary>
    public static string? DefaultKey(MentoringFormat format, IReadOnlyList<string> chosen, int round)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        return round <= chosen.Count ? null : Key(format, round);
    }

    /// <summary>
    /// The prompt of a round: the host's own where they wrote or picked one (an empty one means none), the format's
    /// default otherwise; null when the round has none.
    /// </summary>
    public static string? For(MentoringFormat format, IReadOnlyList<string> chosen, int round, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        if (round <= chosen.Count)
        {
            return string.IsNullOrWhiteSpace(chosen[round - 1]) ? null : chosen[round - 1];
        }

        return (texts ?? Texts.English).T(Key(format, round));
    }

    private static string Key(MentoringFormat format, int round)
    {
        var area = format switch
        {
            MentoringFormat.SeniorToJunior => "seniorToJunior",
            MentoringFormat.PeerToPeer => "peerToPeer",
            MentoringFormat.Reverse => "reverse",
            _ => "open",
        };
        return $"prompts.{area}.{((round - 1) % PerFormat) + 1}";
    }
}
