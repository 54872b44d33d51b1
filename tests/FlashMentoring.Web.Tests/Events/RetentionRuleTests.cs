using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Events;

/// <summary>The retention rule to the minute, as the privacy notice states it.</summary>
public sealed class RetentionRuleTests
{
    private static readonly RetentionOptions Defaults = new();

    // 09:00 New York (14:00Z), 6 rounds of 15 minutes with 2 to move: due to end at 15:42Z.
    private static EventRecord Event(string phase = "Waiting", DateTimeOffset? endedAt = null, DateTimeOffset? createdAt = null) => new()
    {
        Title = "Spring",
        StartsAt = DateTimeOffset.Parse("2027-03-01T09:00:00-05:00", System.Globalization.CultureInfo.InvariantCulture),
        Rounds = 6,
        RoundMinutes = 15,
        TransitionMinutes = 2,
        Format = "open",
        HostKeyHash = new byte[32],
        JoinCode = "ABCDEF",
        CreatedAt = createdAt ?? new DateTimeOffset(2027, 2, 1, 12, 0, 0, TimeSpan.Zero),
        ClockPhase = phase,
        EndedAt = endedAt,
    };

    [Fact]
    public void AnEventThatRanIsKeptNinetyDaysFromTheMomentItFinished()
    {
        var ended = new DateTimeOffset(2027, 3, 1, 16, 5, 0, TimeSpan.Zero);

        Retention.DeleteAfter(Event("Finished", ended), Defaults).Should().Be(ended.AddDays(90));
    }

    [Fact]
    public void AnEventNeverStartedIsKeptThirtyDaysFromItsScheduledEnd()
    {
        Retention.DeleteAfter(Event(), Defaults).Should().Be(new DateTimeOffset(2027, 3, 31, 15, 42, 0, TimeSpan.Zero));
    }

    [Fact]
    public void AnEventLeftPausedCountsFromItsScheduledEnd()
    {
        Retention.DeleteAfter(Event("Paused"), Defaults).Should().Be(new DateTimeOffset(2027, 5, 30, 15, 42, 0, TimeSpan.Zero));
    }

    [Fact]
    public void AnEventCreatedAfterItsOwnDateCountsFromItsCreationSoItIsNotDeletedAtOnce()
    {
        var created = new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero);

        Retention.DeleteAfter(Event(createdAt: created), Defaults).Should().Be(created.AddDays(30));
    }

    [Fact]
    public void TheConfiguredDaysAreTheOnesApplied()
    {
        var ended = new DateTimeOffset(2027, 3, 1, 16, 5, 0, TimeSpan.Zero);
        var options = new RetentionOptions { AfterEndDays = 14, DraftDays = 3 };

        Retention.DeleteAfter(Event("Finished", ended), options).Should().Be(ended.AddDays(14));
        Retention.DeleteAfter(Event(), options).Should().Be(new DateTimeOffset(2027, 3, 4, 15, 42, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Retention:AfterEndDays", "0", "Retention:AfterEndDays must be 1 to 3650")]
    [InlineData("Retention:DraftDays", "120", "must not exceed Retention:AfterEndDays")]
    [InlineData("Creation:StoredPerDevice", "0", "Creation:StoredPerDevice must be 1")]
    public void ASettingOutOfRangeStopsTheAppAtStartNamingIt(string key, string value, string message)
    {
        using var app = new TestApp { Settings = { [key] = value } };

        var start = () => app.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage($"*{message}*");
    }
}
