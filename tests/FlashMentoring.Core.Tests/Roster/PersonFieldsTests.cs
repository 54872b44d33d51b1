using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Tests.Roster;

public class PersonFieldsTests
{
    [Theory]
    [InlineData("  Ann   Lee ", "Ann Lee")]
    [InlineData("Ann\nLee", "Ann Lee")]
    [InlineData("Ann\r\n\tLee", "Ann Lee")]
    [InlineData("Ann\u0000 Lee", "Ann Lee")]
    [InlineData("Rene\u0301e", "Ren\u00e9e")]
    [InlineData("\u0001", "")]
    [InlineData("Ann \u202Eeel", "Ann eel")]
    [InlineData("\u202AAnn\u202C \u202BLee\u202C\u202D", "Ann Lee")]
    [InlineData("\u2066Ann\u2069 \u2067Lee\u2068\u2069", "Ann Lee")]
    [InlineData("\u200EAnn\u200F Lee\u061C", "Ann Lee")]
    [InlineData("\u202E\u2066", "")]
    public void NamesAreCleanedTheSameWayWhereverTheyComeFrom(string typed, string clean)
    {
        PersonFields.CleanName(typed).Should().Be(clean);
        (PersonFields.WalkIn(typed, Role.Mentee).Person?.Name ?? "").Should().Be(clean, "a walk-in's name is cleaned by the same rule");
        var roster = RosterParser.Parse($"role,name\nmentee,\"{typed}\"\n");
        if (clean.Length > 0)
        {
            roster.People.Single().Name.Should().Be(clean, "the roster parser cleans names by the same rule");
        }
        else
        {
            roster.Rejected.Should().ContainSingle();
        }
    }

    [Theory]
    [InlineData("Ann  Lee")]
    [InlineData("ANN LEE")]
    [InlineData("Ann\tLee")]
    public void AWalkInGetsTheKeyARosterLineOfTheSameNameGets(string typed)
    {
        var onRoster = RosterParser.Parse("role,name\nmentee,Ann Lee\n").People.Single();

        var walkIn = Person.WalkIn(typed, Role.Mentee);

        walkIn.Key.Should().Be(onRoster.Key);
    }

    [Fact]
    public void AWalkInTheRosterWouldRejectComesBackWithOneProblemPerField()
    {
        var (person, problems) = PersonFields.WalkIn("\u0001", Role.Mentee, email: "dee(at)va.gov", agency: new string('A', 1001));

        person.Should().BeNull();
        problems.Select(p => p.Field).Should().BeEquivalentTo(["name", "email", "agency"]);
        problems.Single(p => p.Field == "email").Message.Should().Contain("is not an email address");
        problems.Single(p => p.Field == "agency").Message.Should().Contain("1,001 characters long; the most is 1,000");
        var act = () => Person.WalkIn("Dee", Role.Mentee, "dee(at)va.gov");
        act.Should().Throw<ArgumentException>().WithMessage("*not an email address*");
    }

    [Fact]
    public void AWalkInIsStoredCleanWithALowerCaseEmail()
    {
        var (person, problems) = PersonFields.WalkIn(" Dee \n Walker ", Role.Mentor, email: " Dee@VA.gov ", agency: " VA ", grade: "GS-13");

        problems.Should().BeEmpty();
        person!.Name.Should().Be("Dee Walker");
        person.Email.Should().Be("dee@va.gov");
        person.Key.Should().Be("dee@va.gov");
        person.Agency.Should().Be("VA");
        person.Grade.Rank.Should().Be(13);
        person.CanMentor.Should().BeTrue();
    }

    [Fact]
    public void ANameTooLongForABadgeIsRejectedOnTheRosterAndAsAWalkIn()
    {
        var name = new string('N', PersonFields.MaxNameLength + 1);

        var roster = RosterParser.Parse($"role,name\nmentee,{name}\n");
        var (_, problems) = PersonFields.WalkIn(name, Role.Mentee);

        roster.Rejected.Single().Reason.Should().Contain("201 characters long; the most is 200");
        problems.Single().Field.Should().Be("name");
    }
}
