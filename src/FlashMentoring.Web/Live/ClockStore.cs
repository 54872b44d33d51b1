using FlashMentoring.Core.Live;
using FlashMentoring.Web.Data;

namespace FlashMentoring.Web.Live;

/// <summary>The clock as phones and the board receive it: absolute instants in UTC milliseconds, never "seconds left".</summary>
/// <param name="Phase">waiting, round, transition, paused or finished.</param>
/// <param name="Round">Current round (in a transition: the one just finished).</param>
/// <param name="Rounds">Rounds in the event.</param>
/// <param name="EndsAtMs">When the round or transition ends (Unix ms, UTC); null when not running.</param>
/// <param name="RemainingMs">While paused: what is left.</param>
/// <param name="Version">Changes with every transition; commands may quote it.</param>
/// <param name="ServerNowMs">The server's clock when this was made, for the client's offset estimate.</param>
public sealed record ClockView(string Phase, int Round, int Rounds, long? EndsAtMs, long? RemainingMs, int Version, long ServerNowMs);

/// <summary>Maps the stored clock columns to the domain's <see cref="ClockState"/> and back.</summary>
internal static class ClockStore
{
    public static EventTiming Timing(EventRecord e) =>
        new(e.Rounds, TimeSpan.FromMinutes(e.RoundMinutes), TimeSpan.FromMinutes(e.TransitionMinutes));

    public static ClockState Read(EventRecord e) => new(
        Enum.Parse<Phase>(e.ClockPhase),
        e.ClockRound,
        e.ClockEndsAt,
        e.ClockRemainingMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        e.ClockPausedFrom is { } from ? Enum.Parse<Phase>(from) : null,
        e.ClockVersion);

    /// <summary>Stores the clock as it stands at <paramref name="now"/>; the first time it is finished, that is when the event ended.</summary>
    public static void Write(EventRecord e, ClockState s, DateTimeOffset now)
    {
        e.ClockPhase = s.Phase.ToString();
        e.ClockRound = s.Round;
        e.ClockEndsAt = s.EndsAt;
        e.ClockRemainingMs = s.Remaining is { } r ? (long)r.TotalMilliseconds : null;
        e.ClockPausedFrom = s.PausedFrom?.ToString();
        e.ClockVersion = s.Version;
        if (s.Phase == Phase.Finished)
        {
            // Retention counts from here (Events/Retention). A finish found late, after the app was down, counts from
            // when it was found: the data is then kept a little longer, never less.
            e.EndedAt ??= now;
        }
    }

    /// <summary>The clock as it stands at <paramref name="now"/> (transitions whose time has come applied, not saved).</summary>
    public static ClockState Now(EventRecord e, DateTimeOffset now) => RoundClock.At(Read(e), Timing(e), now);

    /// <summary>The round people sit at now, or are walking to during the change of tables (paused or not); 0 before the start.</summary>
    public static int SeatedRound(ClockState clock)
    {
        var moving = clock.Phase == Phase.Transition || (clock.Phase == Phase.Paused && clock.PausedFrom == Phase.Transition);
        return clock.Phase == Phase.Waiting ? 0 : clock.Round + (moving ? 1 : 0);
    }

    /// <summary>What phones and the board see of the clock at <paramref name="now"/>.</summary>
    public static ClockView ViewNow(EventRecord e, DateTimeOffset now) => View(e, Now(e, now), now);

    public static ClockView View(EventRecord e, ClockState s, DateTimeOffset now) => new(
        s.Phase.ToString().ToLowerInvariant(),
        s.Round,
        e.Rounds,
        s.EndsAt?.ToUnixTimeMilliseconds(),
        s.Remaining is { } r ? (long)r.TotalMilliseconds : null,
        s.Version,
        now.ToUnixTimeMilliseconds());
}
