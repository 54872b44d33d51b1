using System.Text;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Tests;

/// <summary>The kit in Spanish, and each person's own pages in their language inside a kit in another.</summary>
public class LanguageKitTests
{
    private static readonly KitEvent Spring = new("Spring Flash Mentoring", new DateTimeOffset(2026, 12, 10, 13, 0, 0, TimeSpan.FromHours(-5)), 6, 15, 2, 4,
        "http://192.168.1.20:5080/join?code=ABC234", "ABC234");

    private static readonly PlanResult SamplePlan = RotationEngine.Plan(
        RosterParser.Parse(File.ReadAllText(Path.Combine("samples", "roster-100x25.csv"))), new PlanSettings(6, 4));

    private static readonly Texts English = Texts.For("en");
    private static readonly Texts Spanish = Texts.For("es");

    // The default starters, by key, as an event that keeps them resolves them: each page words them in its language.
    private static KitEvent WithStarters(KitEvent e, Texts texts) => e with
    {
        Prompts = [.. Enumerable.Range(1, e.Rounds).Select(r => RoundPrompts.For(MentoringFormat.Open, [], r, texts))],
        PromptKeys = [.. Enumerable.Range(1, e.Rounds).Select(r => RoundPrompts.DefaultKey(MentoringFormat.Open, [], r))],
    };

    private static KitModel Sample(string language, bool starters = false) =>
        KitModel.FromPlan(SamplePlan, starters ? WithStarters(Spring, Texts.For(language)) : Spring, key => "http://192.168.1.20:5080/me#t=" + key.Length) with { Language = language };

    // The headings of every part (titles, section headings, table headers), with the values the sample kit fills in.
    private static IEnumerable<string> Headings(Texts texts) =>
        new (string Key, (string, object?)[] Values)[]
        {
            ("kit.guide.heading", [("event", Spring.Title)]), ("kit.guide.show", []), ("kit.guide.roles", []), ("kit.guide.say", []),
            ("kit.starters", []), ("kit.guide.materials", []), ("kit.guide.mismatch", []), ("kit.guide.phones", []),
            ("kit.grid.heading", [("first", 1), ("last", 6), ("rounds", 6)]),
            ("kit.roundColumn", []), ("kit.time", []), ("kit.itinerary.goTo", []), ("kit.itinerary.talkAbout", []), ("kit.itinerary.scan", []),
            ("kit.badges.mentee", []), ("kit.feedback.heading", [("event", Spring.Title)]), ("kit.feedback.whole", []), ("kit.feedback.question", []),
            ("kit.roster.heading", []),
        }.Select(h => texts.T(h.Key, h.Values));

    [Fact]
    public void ASpanishKitHasTheSpanishHeadingsOfEveryPartAndNoEnglishOnes()
    {
        var kit = KitBuilder.Build(Sample("es", starters: true), Paper.Letter, KitBuilder.AllParts);
        var text = Poppler.Text(kit.Pdf).Replace('\f', '\n');

        var spanish = Headings(Spanish).ToList();
        var english = Headings(English).Except(spanish).ToList();
        english.Should().HaveCountGreaterThan(15, "nearly every heading differs between the languages");
        foreach (var heading in spanish)
        {
            text.Should().MatchRegex($@"(?m)^{Regex.Escape(heading)}\s*$", $"the Spanish kit has the heading \"{heading}\"");
        }

        foreach (var heading in english)
        {
            text.Should().NotMatchRegex($@"(?m)^{Regex.Escape(heading)}\s*$", $"the English heading \"{heading}\" is in Spanish");
        }

        text.Should().Contain("página 1 de " + kit.Pages).And.Contain("jueves, 10 de diciembre de 2026").And.Contain("Ronda 1")
            .And.Contain(Spanish.T("prompts.open.1"), "the default starters are in the kit's language");
    }

    [Theory]
    [InlineData(Paper.Letter)]
    [InlineData(Paper.A4)]
    public void TheSpanishKitFitsEveryTextInItsBox(Paper paper)
    {
        var kit = KitBuilder.Build(Sample("es", starters: true), paper, KitBuilder.AllParts);
        var plain = KitBuilder.Build(Sample("es"), paper, ["signs"]);
        var blank = KitBuilder.Build(KitModel.BlankKit(Spring with { JoinUrl = null }, 25) with { Language = "es" }, paper);

        kit.Report.Overflows.Should().BeEmpty();
        plain.Report.Overflows.Should().BeEmpty();
        blank.Report.Overflows.Should().BeEmpty();
        Poppler.Text(blank.Pdf).Should().Contain("Plantilla de la lista de participantes").And.Contain("Rotación: rondas 1 a 6");
    }

    [Fact]
    public void APersonMarkedSpanishGetsASpanishItineraryBadgeAndFormInAnEnglishKit()
    {
        var csv = "role,name,agency,expertise,needs,language\n" +
                  "mentor,Ann Lee,VA,Budget,,\nmentor,Bo Chen,HHS,Budget,,\n" +
                  "mentee,Carla Ávila,VA,,Budget,Español\nmentee,Dan Evans,HHS,,Budget,\n";
        var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(2, 2));
        var kit = KitBuilder.Build(KitModel.FromPlan(plan, Spring), Paper.Letter, ["itineraries", "badges", "feedback"]);

        // Itineraries by family name: Ávila, then Evans, on one sheet.
        var sheet = Poppler.Page(kit.Pdf, 1);
        var carla = sheet[sheet.IndexOf("Carla Ávila", StringComparison.Ordinal)..sheet.IndexOf("Dan Evans", StringComparison.Ordinal)];
        var dan = sheet[sheet.IndexOf("Dan Evans", StringComparison.Ordinal)..];
        carla.Should().Contain("Ronda 1").And.Contain("Vaya a").And.Contain("quiere aprender sobre Budget").And.Contain("jueves, 10 de diciembre de 2026")
            .And.NotContain("Round 1");
        dan.Should().Contain("Round 1").And.Contain("Go to").And.Contain("wants to grow in Budget").And.Contain("Thursday, December 10, 2026").And.NotContain("Ronda");
        sheet.Should().Contain("Sorted by family name", "the page around the itineraries is in the kit's language");

        var badges = Poppler.Page(kit.Pdf, 2);
        badges.Should().Contain("APRENDIZ").And.Contain("Quiero aprender sobre: Budget").And.Contain("I want to grow in: Budget");
        var forms = Poppler.Text(kit.Pdf).Split('\f');
        forms.Single(p => p.Contains("Carla Ávila", StringComparison.Ordinal) && p.Contains("Su opinión", StringComparison.Ordinal)).Should().Contain("¿Algo más?");
        forms.Single(p => p.Contains("Dan Evans", StringComparison.Ordinal) && p.Contains("Feedback:", StringComparison.Ordinal)).Should().Contain("Anything else?");

        // A screen reader switches to a Spanish voice for her pages only.
        Regex.Matches(Encoding.Latin1.GetString(kit.Pdf), @"/Lang\s*\(es\)").Count.Should().Be(3, "her itinerary, badge and form are each a section in Spanish");
    }

    [Theory]
    [InlineData("en", null, "Printable kit - Spring Flash Mentoring")]
    [InlineData("en", "itineraries", "Itineraries - Spring Flash Mentoring")]
    [InlineData("es", null, "Kit imprimible - Spring Flash Mentoring")]
    [InlineData("es", "guide", "Guía del organizador - Spring Flash Mentoring")]
    public void EveryKitNamesItsTitleAndLanguage(string language, string? part, string title)
    {
        var kit = KitBuilder.Build(Sample(language), Paper.Letter, part is null ? null : [part]);
        var info = Poppler.Info(kit.Pdf);

        Regex.Match(info, @"(?m)^Title:\s*(.*)$").Groups[1].Value.Trim().Should().Be(title);
        info.Should().MatchRegex(@"(?m)^Tagged:\s*yes");
        Encoding.Latin1.GetString(kit.Pdf).Should().MatchRegex($@"/Lang\s*\({language}\)", "the catalog names the document's language");
    }

    [Fact]
    public void AScreenReaderHearsHeadingsParagraphsAndTablesAndNotTheRulesOrPageNumbers()
    {
        var kit = KitBuilder.Build(Sample("en", starters: true), Paper.Letter, ["guide", "itineraries", "signs"]);
        var tree = Poppler.Structure(kit.Pdf);

        tree.Should().MatchRegex(@"H1 \(block\)\s*\n\s*""Host guide: Spring Flash Mentoring""")
            .And.MatchRegex(@"H2 \(block\)\s*\n\s*""Run of show""")
            .And.MatchRegex(@"TH\s*\n\s*""Go to""")
            .And.MatchRegex(@"H1 \(block\)\s*\n\s*""" + Regex.Escape(Sample("en").MenteesToHandOut[0].Name) + @"""")
            .And.Contain("25 tables of up to 4 mentees", "words either side of a line break stay apart")
            .And.NotContain("page 1 of", "page numbers are artifacts")
            .And.NotContain("Sorted by family name", "the running head of the itineraries is an artifact");
        Regex.Matches(tree, @"""Table""").Should().HaveCount(25, "each sign's face is read once, not its upside-down copy");
    }
}
