using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Tests.Roster;

/// <summary>A time zone as people write it: a place's zone is kept, a Windows name becomes the place, an abbreviation is refused with the place to write.</summary>
public class TimeZoneTests
{
    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Paris")]
    [InlineData(" America/Denver ")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    public void APlacesZoneOrUtcIsKept(string written)
    {
        PersonFields.ReadTimeZone(written, out var problem).Should().Be(written.Trim());
        problem.Should().BeNull();
    }

    [Theory]
    [InlineData("Eastern Standard Time", "America/New_York")]
    [InlineData("Mountain Standard Time", "America/Denver")]
    [InlineData("US Mountain Standard Time", "America/Phoenix")]
    public void AWindowsNameBecomesThePlacesZone(string written, string region)
    {
        PersonFields.ReadTimeZone(written, out var problem).Should().Be(region);
        problem.Should().BeNull();
        PersonFields.KnownTimeZone(written).Should().Be(region);
    }

    [Theory]
    [InlineData("EST", "America/New_York")]
    [InlineData("est", "America/New_York")]
    [InlineData("MST", "America/Denver")]
    [InlineData("HST", "Pacific/Honolulu")]
    [InlineData("PST8PDT", "America/Los_Angeles")]
    public void AnAbbreviationIsRefusedWithThePlaceToWriteInstead(string written, string region)
    {
        // "EST" is five hours behind UTC all year: a New York clock in July would print an hour early.
        PersonFields.ReadTimeZone(written, out var problem).Should().BeNull();
        problem.Should().Contain(written).And.Contain("write " + region);
        PersonFields.KnownTimeZone(written).Should().BeNull();
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("Japan")]
    [InlineData("next tuesday")]
    public void AnythingElseIsRefusedWithAnExample(string written)
    {
        PersonFields.ReadTimeZone(written, out var problem).Should().BeNull();
        problem.Should().Contain(written).And.Contain("America/Denver");
    }

    [Fact]
    public void BlankIsNotSaidAndNoProblem()
    {
        PersonFields.ReadTimeZone("  ", out var problem).Should().BeNull();
        problem.Should().BeNull();
    }

    [Fact]
    public void ARosterLineWithAnAbbreviationIsImportedWithAWarningNamingThePlace()
    {
        var roster = RosterParser.Parse("role,name,timezone\nmentee,Ann Lee,EST\nmentee,Ben Ode,Eastern Standard Time\n");

        roster.People.Single(p => p.Name == "Ann Lee").TimeZone.Should().BeNull("the event's clock is used instead");
        roster.People.Single(p => p.Name == "Ben Ode").TimeZone.Should().Be("America/New_York");
        roster.Warnings.Where(w => w.Line > 1).Should().ContainSingle().Which.Should().Match<RosterWarning>(w => w.Line == 2 && w.Message.Contains("Ann Lee") && w.Message.Contains("America/New_York"));
    }
}
