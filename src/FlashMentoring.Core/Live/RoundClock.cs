namespace FlashMentoring.Core.Live;

/// <summary>Where the event stands.</summary>
public enum Phase
{
    /// <summary>Not started yet.</summary>
    Waiting,

    /// <summary>A round is on.</summary>
    Round,

    /// <summary>Between two rounds: people move to their next table.</summary>
    Transition,

    /// <summary>The host paused the clock.</summary>
    Paused,

    /// <summary>All rounds are over, or the host ended the event.</summary>
    Finished,
}

/// <summary>How long rounds and transitions last.</summary>
public sealed record EventTiming
{
    /// <summary>Creates the timing; throws for values no event can have.</summary>
    public EventTiming(int rounds, TimeSpan roundLength, TimeSpan transitionLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundLength, TimeSpan.FromSeconds(10));
        ArgumentOutOfRangeException.ThrowIfLessThan(transitionLength, TimeSpan.Zero);
        Rounds = rounds;
        RoundLength = roundLength;
        TransitionLength = transitionLength;
    }

    /// <summary>Number of rounds.</summary>
    public int Rounds { get; }

    /// <summary>Length of one round.</summary>
    public TimeSpan RoundLength { get; }

    /// <summary>Time to move between rounds (may be zero).</summary>
    public TimeSpan TransitionLength { get; }
}

/// <summary>
/// The clock at one moment. Instants are absolute (a round ends at 09:15:00Z), never "seconds left", so every
/// phone draws the same countdown and a restarted server finds its place from the wall clock alone.
/// </summary>
/// <param name="Phase">Where the event stands.</param>
/// <param name="Round">The current round (1-based; in a transition, the round just finished; 0 before the start).</param>
/// <param name="EndsAt">When the current round or transition ends; null when waiting, paused or finished.</param>
/// <param name="Remaining">While paused: how long the interrupted round or transition still had.</param>
/// <param name="PausedFrom">While paused: the phase the pause interrupted.</param>
/// <param name="Version">Counts every change, so two hosts' commands can name the state they saw.</param>
public sealed record ClockState(Phase Phase, int Round, DateTimeOffset? EndsAt, TimeSpan? Remaining, Phase? PausedFrom, int Version)
{
    /// <summary>Before the start.</summary>
    public static readonly ClockState NotStarted = new(Phase.Waiting, 0, null, null, null, 0);
}

/// <summary>A host command's outcome: the new state, or why it was refused (the state is then unchanged).</summary>
/// <param name="State">The clock after the command.</param>
/// <param name="Refused">Null when the command took effect; otherwise a sentence for the host.</param>
public sealed record ClockResult(ClockState State, string? Refused)
{
    /// <summary>True when the command took effect.</summary>
    public bool Accepted => Refused is null;
}

/// <summary>
/// The round clock's rules, as pure functions of a state, the event's timing and the current instant.
/// <see cref="At"/> moves the clock forward through every round and transition whose end has passed, counting
/// from the scheduled ends, not from "now", so a server that was down for ten minutes lands where it should be.
/// </summary>
public static class RoundClock
{
    /// <summary>The clock as it stands at <paramref name="now"/>, every elapsed round and transition applied.</summary>
    public static ClockState At(ClockState state, EventTiming timing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timing);
        while (state.Phase is Phase.Round or Phase.Transition && state.EndsAt <= now)
        {
            var ended = state.EndsAt!.Value;
            state = state.Phase switch
            {
                Phase.Round when state.Round >= timing.Rounds => state with { Phase = Phase.Finished, EndsAt = null, Version = state.Version + 1 },
                Phase.Round when timing.TransitionLength > TimeSpan.Zero =>
                    state with { Phase = Phase.Transition, EndsAt = ended + timing.TransitionLength, Version = state.Version + 1 },
                _ => state with { Phase = Phase.Round, Round = state.Round + 1, EndsAt = ended + timing.RoundLength, Version = state.Version + 1 },
            };
        }

        return state;
    }

    /// <summary>Starts round 1 now.</summary>
    public static ClockResult Start(ClockState state, EventTiming timing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(timing);
        return state.Phase != Phase.Waiting
            ? Refuse(state, timing, now, "The event has already started.")
            : Accept(state with { Phase = Phase.Round, Round = 1, EndsAt = now + timing.RoundLength });
    }

    /// <summary>Stops the countdown, keeping what is left of the round or transition.</summary>
    public static ClockResult Pause(ClockState state, EventTiming timing, DateTimeOffset now)
    {
        state = At(state, timing, now);
        return state.Phase is not (Phase.Round or Phase.Transition)
            ? Refuse(state, timing, now, $"Nothing to pause: the event is {Describe(state.Phase)}.")
            : Accept(state with { Phase = Phase.Paused, PausedFrom = state.Phase, Remaining = state.EndsAt!.Value - now, EndsAt = null });
    }

    /// <summary>Carries on where the pause stopped.</summary>
    public static ClockResult Resume(ClockState state, EventTiming timing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Phase != Phase.Paused
            ? Refuse(state, timing, now, "The clock is not paused.")
            : Accept(state with { Phase = state.PausedFrom!.Value, EndsAt = now + state.Remaining!.Value, PausedFrom = null, Remaining = null });
    }

    /// <summary>Adds time to the current round or transition (also while paused).</summary>
    public static ClockResult Extend(ClockState state, EventTiming timing, DateTimeOffset now, TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        state = At(state, timing, now);
        return state.Phase switch
        {
            Phase.Round or Phase.Transition => Accept(state with { EndsAt = state.EndsAt + by }),
            Phase.Paused => Accept(state with { Remaining = state.Remaining + by }),
            _ => Refuse(state, timing, now, $"Nothing to extend: the event is {Describe(state.Phase)}."),
        };
    }

    /// <summary>
    /// Adds time as the other overload does, but only to the clock the host saw: <paramref name="expectedVersion"/> is
    /// that view's <see cref="ClockState.Version"/>. A click sent from a view that is no longer current (a second click
    /// before the first one's answer, another host, a round that has moved on) changes nothing and is told so, so twenty
    /// clicks on one screen add one minute, and three clicks each made after seeing the last one's result add three.
    /// </summary>
    public static ClockResult Extend(ClockState state, EventTiming timing, DateTimeOffset now, TimeSpan by, int expectedVersion)
    {
        var current = At(state, timing, now);
        return current.Version != expectedVersion
            ? Refuse(current, timing, now, "The clock changed since you looked; nothing was added. Check the time left and press again if it still needs more.")
            : Extend(current, timing, now, by);
    }

    /// <summary>
    /// "Next round": from inside a round, the change of tables starts now (or the event finishes after the last round);
    /// from the change of tables, the next round starts now. With <paramref name="skipChange"/> the next round starts
    /// at once, without the minutes to change tables. <paramref name="expectedRound"/> is the round the host saw, and
    /// <paramref name="expectedVersion"/>, when given, the clock's version they saw: if the clock has moved on since,
    /// nothing happens and the host is told, so two hosts pressing "next round" together advance it once.
    /// </summary>
    public static ClockResult Skip(ClockState state, EventTiming timing, DateTimeOffset now, int expectedRound, bool skipChange = false, int? expectedVersion = null)
    {
        state = At(state, timing, now);
        var interrupted = state.Phase == Phase.Paused ? state.PausedFrom : state.Phase;
        if (interrupted is not (Phase.Round or Phase.Transition))
        {
            return Refuse(state, timing, now, $"Nothing to skip: the event is {Describe(state.Phase)}.");
        }

        // In a transition the round shown is the one just finished, so "next" is the same for both phases.
        if (state.Round != expectedRound)
        {
            return Refuse(state, timing, now, $"Already advanced: round {state.Round} is on now.");
        }

        if (expectedVersion is { } seen && seen != state.Version)
        {
            var where = interrupted == Phase.Transition ? $"the change of tables after round {state.Round}" : $"round {state.Round}";
            return Refuse(state, timing, now, $"The clock changed since you looked ({where} is on now); nothing was skipped. Press again if you still want to move on.");
        }

        var cleared = state with { PausedFrom = null, Remaining = null };
        if (state.Round >= timing.Rounds && interrupted == Phase.Round)
        {
            return Accept(cleared with { Phase = Phase.Finished, EndsAt = null });
        }

        return interrupted == Phase.Round && !skipChange && timing.TransitionLength > TimeSpan.Zero
            ? Accept(cleared with { Phase = Phase.Transition, EndsAt = now + timing.TransitionLength })
            : Accept(cleared with { Phase = Phase.Round, Round = state.Round + 1, EndsAt = now + timing.RoundLength });
    }

    /// <summary>Ends the event now.</summary>
    public static ClockResult End(ClockState state, EventTiming timing, DateTimeOffset now)
    {
        state = At(state, timing, now);
        return state.Phase == Phase.Finished
            ? Refuse(state, timing, now, "The event has already finished.")
            : Accept(state with { Phase = Phase.Finished, EndsAt = null, PausedFrom = null, Remaining = null });
    }

    private static ClockResult Accept(ClockState state) => new(state with { Version = state.Version + 1 }, null);

    private static ClockResult Refuse(ClockState state, EventTiming timing, DateTimeOffset now, string why) =>
        new(At(state, timing, now), why);

    private static string Describe(Phase phase) => phase switch
    {
        Phase.Waiting => "not started",
        Phase.Paused => "paused",
        Phase.Finished => "finished",
        Phase.Transition => "between rounds",
        _ => "in a round",
    };
}
