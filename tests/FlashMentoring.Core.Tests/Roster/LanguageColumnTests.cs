using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Tests.Roster;

/// <summary>The roster's optional language column: the language each person reads their itinerary in.</summary>
public class LanguageColumnTests
{
    [Theory]
    [InlineData("es", "es")]
    [InlineData("ES", "es")]
    [InlineData("Español", "es")]
    [InlineData("espanol", "es")]
    [InlineData("Spanish", "es")]
    [InlineData(" spanish ", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("en", "en")]
    [InlineData("English", "en")]
    [InlineData("ENGLISH", "en")]
    public void ACodeOrANameOfTheLanguageIsItsCode(string written, string code)
    {
        var roster = RosterParser.Parse($"role,name,language\nmentee,Ana Ruiz,{written}\n");

        roster.People.Should().ContainSingle().Which.Language.Should().Be(code);
        roster.Warnings.Should().NotContain(w => w.Line == 2, "the line was read as written");
    }

    [Fact]
    public void ABlankOrMissingLanguageIsTheEventsWithoutAWord()
    {
        var blank = RosterParser.Parse("role,name,language\nmentee,Ana Ruiz,\n");
        var none = RosterParser.Parse("role,name\nmentee,Ana Ruiz\n");

        blank.People.Single().Language.Should().BeNull();
        none.People.Single().Language.Should().BeNull();
        blank.Warnings.Should().NotContain(w => w.Line == 2);
        none.Warnings.Should().NotContain(w => w.Line == 2);
    }

    [Fact]
    public void ALanguageTheAppDoesNotSpeakImportsThePersonWithoutOneAndSaysWhatToWrite()
    {
        var roster = RosterParser.Parse("role,name,language\nmentor,Ann Lee,en\nmentee,Jean Dupont,Français\n");

        roster.People.Should().HaveCount(2);
        roster.People.Single(p => p.Name == "Jean Dupont").Language.Should().BeNull();
        roster.Warnings.Should().NotContain(w => w.Line == 2);
        var warning = roster.Warnings.Should().ContainSingle(w => w.Line == 3).Subject;
        warning.Message.Should().Contain("Français").And.Contain("Jean Dupont").And.Contain("en, es").And.Contain("Español").And.Contain("Spanish");
    }
}
