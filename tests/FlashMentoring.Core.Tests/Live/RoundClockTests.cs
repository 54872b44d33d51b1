using FlashMentoring.Core.Live;

namespace FlashMentoring.Core.Tests.Live;

public class RoundClockTests
{
    private static readonly EventTiming Timing = new(6, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(2));
    private static readonly DateTimeOffset Nine = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int minutes, int seconds = 0) => Nine.AddMinutes(minutes).AddSeconds(seconds);

    private static ClockState Started() => RoundClock.Start(ClockState.NotStarted, Timing, Nine).State;

    [Fact]
    public void StartingOpensRoundOneEndingFifteenMinutesLater()
    {
        var state = Started();

        state.Phase.Should().Be(Phase.Round);
        state.Round.Should().Be(1);
        state.EndsAt.Should().Be(At(15));
    }

    [Fact]
    public void RoundsAndTransitionsFollowEachOtherAtTheirInstants()
    {
        var state = Started();

        RoundClock.At(state, Timing, At(14, 59)).Should().Match<ClockState>(s => s.Phase == Phase.Round && s.Round == 1);
        RoundClock.At(state, Timing, At(15)).Should().Match<ClockState>(s => s.Phase == Phase.Transition && s.Round == 1 && s.EndsAt == At(17));
        RoundClock.At(state, Timing, At(17)).Should().Match<ClockState>(s => s.Phase == Phase.Round && s.Round == 2 && s.EndsAt == At(32));
        RoundClock.At(state, Timing, At(100)).Should().Match<ClockState>(s => s.Phase == Phase.Finished && s.EndsAt == null,
            "six rounds of 15 with five transitions of 2 end at 9:100 minutes");
        RoundClock.At(state, Timing, At(99, 59)).Should().Match<ClockState>(s => s.Phase == Phase.Round && s.Round == 6);
    }

    [Fact]
    public void AServerDownForTenMinutesFindsTheRoundTheWallClockSaysFromTheScheduleNotFromWhenItWokeUp()
    {
        var state = Started();

        var woke = RoundClock.At(state, Timing, At(40));

        woke.Phase.Should().Be(Phase.Round);
        woke.Round.Should().Be(3);
        woke.EndsAt.Should().Be(At(49), "round 3 runs 9:34 to 9:49 whatever time the server came back");
    }

    [Fact]
    public void PauseKeepsWhatIsLeftAndResumeCarriesOnFromThere()
    {
        var paused = RoundClock.Pause(Started(), Timing, At(5)).State;
        var resumed = RoundClock.Resume(paused, Timing, At(30)).State;

        paused.Phase.Should().Be(Phase.Paused);
        paused.Remaining.Should().Be(TimeSpan.FromMinutes(10));
        RoundClock.At(paused, Timing, At(200)).Phase.Should().Be(Phase.Paused, "a paused clock does not run out");
        resumed.Phase.Should().Be(Phase.Round);
        resumed.EndsAt.Should().Be(At(40));
    }

    [Fact]
    public void ExtendingAddsAMinuteToTheRoundAndEverythingAfterItMovesWithIt()
    {
        var extended = RoundClock.Extend(Started(), Timing, At(10), TimeSpan.FromMinutes(1)).State;

        extended.EndsAt.Should().Be(At(16));
        RoundClock.At(extended, Timing, At(18)).Should().Match<ClockState>(s => s.Phase == Phase.Round && s.Round == 2 && s.EndsAt == At(33));
    }

    [Fact]
    public void ExtendingFromAStaleViewIsRefusedSoTwoClicksOnTheSameScreenAddOneMinute()
    {
        var seen = Started();

        var first = RoundClock.Extend(seen, Timing, At(10), TimeSpan.FromMinutes(1), seen.Version);
        var second = RoundClock.Extend(first.State, Timing, At(10), TimeSpan.FromMinutes(1), seen.Version);
        var third = RoundClock.Extend(second.State, Timing, At(10), TimeSpan.FromMinutes(1), second.State.Version);

        first.Accepted.Should().BeTrue();
        second.Accepted.Should().BeFalse();
        second.Refused.Should().Contain("changed");
        second.State.EndsAt.Should().Be(At(16));
        third.State.EndsAt.Should().Be(At(17), "a click made after seeing the result adds its minute");
    }

    [Fact]
    public void ExtendingWhilePausedAddsToWhatIsLeft()
    {
        var paused = RoundClock.Pause(Started(), Timing, At(5)).State;

        var extended = RoundClock.Extend(paused, Timing, At(6), TimeSpan.FromMinutes(1)).State;

        extended.Remaining.Should().Be(TimeSpan.FromMinutes(11));
    }

    [Fact]
    public void TwoHostsPressingNextRoundTogetherAdvanceItOnce()
    {
        var state = Started();

        var first = RoundClock.Skip(state, Timing, At(3), expectedRound: 1, skipChange: true);
        var second = RoundClock.Skip(first.State, Timing, At(3), expectedRound: 1, skipChange: true);

        first.Accepted.Should().BeTrue();
        first.State.Round.Should().Be(2);
        first.State.EndsAt.Should().Be(At(18), "the skipped-to round starts now");
        second.Accepted.Should().BeFalse();
        second.Refused.Should().Contain("Already advanced").And.Contain("round 2");
        second.State.Should().Be(first.State);
    }

    [Fact]
    public void NextRoundFromInsideARoundGoesThroughTheChangeOfTablesFirst()
    {
        var state = Started();

        var next = RoundClock.Skip(state, Timing, At(3), expectedRound: 1);

        next.State.Phase.Should().Be(Phase.Transition, "people need their minutes to change tables");
        next.State.Round.Should().Be(1);
        next.State.EndsAt.Should().Be(At(5), "the two-minute change starts now");
        var then = RoundClock.Skip(next.State, Timing, At(4), expectedRound: 1, expectedVersion: next.State.Version);
        then.State.Phase.Should().Be(Phase.Round);
        then.State.Round.Should().Be(2);
        then.State.EndsAt.Should().Be(At(19));
    }

    [Fact]
    public void TwoHostsPressingNextRoundOnTheSameScreenMoveOnOnceEvenThroughTheChange()
    {
        var seen = Started();

        var first = RoundClock.Skip(seen, Timing, At(3), expectedRound: 1, expectedVersion: seen.Version);
        var second = RoundClock.Skip(first.State, Timing, At(3), expectedRound: 1, expectedVersion: seen.Version);

        first.State.Phase.Should().Be(Phase.Transition);
        second.Accepted.Should().BeFalse();
        second.Refused.Should().Contain("changed since you looked");
        second.State.Should().Be(first.State, "the second press must not start round 2 and cut the change short");
    }

    [Fact]
    public void SkippingTheLastRoundFinishesTheEvent()
    {
        var last = RoundClock.At(Started(), Timing, At(90));

        var result = RoundClock.Skip(last, Timing, At(90), expectedRound: 6);

        result.State.Phase.Should().Be(Phase.Finished);
    }

    [Fact]
    public void CommandsThatMakeNoSenseAreRefusedWithAReasonAndChangeNothing()
    {
        RoundClock.Pause(ClockState.NotStarted, Timing, Nine).Refused.Should().Contain("not started");
        RoundClock.Resume(Started(), Timing, At(1)).Refused.Should().Contain("not paused");
        RoundClock.Start(Started(), Timing, At(1)).Refused.Should().Contain("already started");
        var finished = RoundClock.End(Started(), Timing, At(1)).State;
        finished.Phase.Should().Be(Phase.Finished);
        RoundClock.Extend(finished, Timing, At(2), TimeSpan.FromMinutes(1)).Refused.Should().Contain("finished");
    }

    [Fact]
    public void EveryChangeBumpsTheVersionSoAStaleCommandCanBeToldApart()
    {
        var state = Started();
        var later = RoundClock.At(state, Timing, At(17));

        later.Version.Should().Be(state.Version + 2, "round 1 ended and round 2 began");
    }

    [Fact]
    public void WithNoTransitionTheNextRoundStartsTheMomentTheLastEnds()
    {
        var timing = new EventTiming(3, TimeSpan.FromMinutes(10), TimeSpan.Zero);
        var state = RoundClock.Start(ClockState.NotStarted, timing, Nine).State;

        RoundClock.At(state, timing, At(10)).Should().Match<ClockState>(s => s.Phase == Phase.Round && s.Round == 2 && s.EndsAt == At(20));
        RoundClock.At(state, timing, At(30)).Phase.Should().Be(Phase.Finished);
    }
}
