namespace FlashMentoring.Kits.Tests;

/// <summary>Which clocks the kit and the e-mails print times on.</summary>
public class ClocksTests
{
    private static readonly DateTimeOffset JulyNineInNewYork = new(2026, 7, 14, 9, 0, 0, TimeSpan.FromHours(-4));

    [Fact]
    public void AnAbbreviationWithoutDaylightSavingIsNotAClockTheKitPrintsOn()
    {
        // "EST" stays five hours behind UTC in July: a New Yorker would read 8:00 for a round at 9:00.
        Clocks.Known("EST").Should().BeNull();
        Clocks.In(JulyNineInNewYork, "EST").Hour.Should().Be(9);
        Clocks.Known("HST").Should().BeNull();
    }

    [Fact]
    public void AWindowsNameIsReadAsItsPlace()
    {
        Clocks.Known("Eastern Standard Time").Should().Be("America/New_York");
        Clocks.In(JulyNineInNewYork, "Eastern Standard Time").Hour.Should().Be(9);
        Clocks.Name("Eastern Standard Time", JulyNineInNewYork).Should().Contain("(America/New_York)");
    }

    [Fact]
    public void APlacesZoneIsKept()
    {
        Clocks.Known("America/Denver").Should().Be("America/Denver");
        Clocks.In(JulyNineInNewYork, "America/Denver").Hour.Should().Be(7);
        Clocks.Known("UTC").Should().Be("UTC");
    }
}
