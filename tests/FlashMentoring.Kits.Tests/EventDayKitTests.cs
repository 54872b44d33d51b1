using System.Text.RegularExpressions;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Tests;

/// <summary>The kit as a host uses it on the day: handed out at a desk, reprinted after a change, with nobody left out in silence.</summary>
public class EventDayKitTests
{
    private static readonly KitEvent Spring = new("Spring Flash Mentoring", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(-5)), 6, 15, 2, 4,
        "http://192.168.1.20:5080/join?code=ABC234", "ABC234");

    private static readonly RosterImport SampleRoster = RosterParser.Parse(File.ReadAllText(Path.Combine("samples", "roster-100x25.csv")));

    private static readonly KitModel Sample = KitModel.FromPlan(RotationEngine.Plan(SampleRoster, new PlanSettings(6, 4)), Spring, key => "http://192.168.1.20:5080/me#t=" + key.Length);

    [Fact]
    public void ItinerariesComeInFamilyNameOrderWithEachPagesNamesAtItsTop()
    {
        var kit = KitBuilder.Build(Sample, Paper.Letter, ["itineraries"]);
        var pages = Poppler.Text(kit.Pdf).Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        var printed = new List<KitPerson>();
        var english = StringComparer.Create(new System.Globalization.CultureInfo("en-US"), System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace);

        pages.Should().HaveCount(50);
        foreach (var page in pages)
        {
            // The people on the page, in the order their names appear.
            var onPage = Sample.Mentees.Select(m => (Person: m, At: Regex.Match(page, $@"(?m)^{Regex.Escape(m.Name)}$").Index))
                .Where(x => x.At > 0 || page.StartsWith(x.Person.Name, StringComparison.Ordinal)).OrderBy(x => x.At).Select(x => x.Person).ToList();
            onPage.Should().HaveCount(2, "two itineraries to a sheet");
            var words = onPage[0].FamilyName == onPage[1].FamilyName ? onPage[0].FamilyName : $"{onPage[0].FamilyName} - {onPage[1].FamilyName}";
            page.Should().StartWith($"Sorted by family name\n\n{words}\n", "the page's first and last family name show at its top");
            printed.AddRange(onPage);
        }

        printed.Select(p => p.FamilyName).Should().BeInAscendingOrder(english, "a helper at the desk finds a name as in a phone book");
        printed.Should().NotEqual(Sample.Mentees, "the roster's own order is not an order anyone can search");
        printed.Select(p => p.FamilyName).Should().Contain(["Álvarez", "Dvořák"], "accented names sort with their letter");
    }

    [Fact]
    public void AKitFromARosterWithBadLinesNamesThemOnItsFirstPage()
    {
        var csv = "role,name,email,agency\nmentor,Mona Diaz,mona@hhs.gov,HHS\nmentee,,nobody@va.gov,VA\nmentee,Ann Lee,ann@va.gov,VA\nmentee,Ben Ray,not-an-email,VA\nmentee,Cy Dunn,cy@va.gov,VA\n";
        var roster = RosterParser.Parse(csv);
        var model = KitModel.FromPlan(RotationEngine.Plan(roster, new PlanSettings(2, 4)), Spring) with { LeftOut = roster.Rejected };

        var signs = KitBuilder.Build(model, Paper.Letter, ["signs"]);
        var first = Poppler.Page(signs.Pdf, 1);

        roster.Rejected.Select(r => r.Line).Should().Equal(3, 5);
        signs.Pages.Should().Be(2, "the lines left out come first, whatever part was asked for, then the one table sign");
        first.Should().Contain("2 roster lines left out").And.Contain("Line 3").And.Contain("Line 5").And.Contain(Sentence(roster.Rejected[0].Reason));
        Poppler.Page(signs.Pdf, 2).Should().Contain("Mona Diaz");
        KitBuilder.EstimatePages(model, ["signs"]).Should().Be(2);
        KitBuilder.Build(model with { LeftOut = [] }, Paper.Letter, ["signs"]).Pages.Should().Be(1, "a clean roster's kit starts with what was asked for");
        signs.Report.Overflows.Should().BeEmpty();
    }

    [Fact]
    public void AReprintHoldsOnlyTheChangedItinerariesAndSignsBehindACoverSayingWhen()
    {
        var ann = Sample.Mentees[3];
        var ben = Sample.Mentees[40];
        var mentor = Sample.Mentors[6];
        var at = new DateTimeOffset(2026, 12, 1, 10, 42, 0, TimeSpan.FromHours(-5));
        var reprint = Sample with { Reprint = new KitReprint(at, new HashSet<string> { ann.Key!, ben.Key!, mentor.Key! }, new HashSet<int> { 3, 7 }) };

        var kit = KitBuilder.Build(reprint, Paper.Letter);
        var cover = Poppler.Page(kit.Pdf, 1);
        var text = Poppler.Text(kit.Pdf);
        var others = Sample.Mentees.Where(m => m != ann && m != ben).Select(m => m.Name);

        kit.Pages.Should().Be(4, "a cover, Table 3 and Table 7, and one sheet with two itineraries");
        KitBuilder.EstimatePages(reprint).Should().Be(4);
        cover.Should().Contain("Reprint after a change").And.Contain("10:42 AM").And.Contain("Tuesday, December 1, 2026")
            .And.Contain(ann.Name).And.Contain(ben.Name).And.Contain("Tables 3, 7").And.Contain("tell them in person: " + mentor.Name);
        Poppler.Page(kit.Pdf, 2).Should().Contain(Sample.Tables[2].Mentor);
        Poppler.Page(kit.Pdf, 3).Should().Contain(Sample.Tables[6].Mentor);
        var sheet = Poppler.Page(kit.Pdf, 4);
        sheet.Should().Contain(ann.Name).And.Contain(ben.Name);
        Regex.Matches(sheet, "Updated 10:42 AM").Should().HaveCount(2, "a reprinted itinerary is told apart from the old one at a glance");
        foreach (var name in others)
        {
            text.Should().NotMatchRegex($"(?m)^{Regex.Escape(name)}$", "only the changed itineraries are reprinted");
        }

        kit.Report.Overflows.Should().BeEmpty();
    }

    [Fact]
    public void TheRosterTemplateHasAReadableColumnForEveryColumnOfTheCsv()
    {
        var blank = KitModel.BlankKit(Spring with { JoinUrl = null }, 4);

        var kit = KitBuilder.Build(blank, Paper.Letter, ["roster"]);
        var text = Poppler.Text(kit.Pdf);

        foreach (var column in RosterParser.Columns)
        {
            text.Should().MatchRegex($@"(?m)^{char.ToUpperInvariant(column[0])}{column[1..]}$", $"the paper form has the CSV's {column} column under its own heading");
        }

        kit.Pages.Should().Be(1);
        kit.Report.Overflows.Should().BeEmpty("every heading fits its column");
    }

    // The start of a reason, which may wrap on the page.
    private static string Sentence(string reason) => reason.Split(' ').Take(3).Aggregate((a, b) => a + " " + b);
}

public class FamilyNameTests
{
    [Theory]
    [InlineData("Ann Lee", "Lee")]
    [InlineData("Martin Luther King Jr.", "King")]
    [InlineData("Robert Smith III", "Smith")]
    [InlineData("José Álvarez", "Álvarez")]
    [InlineData("Cher", "Cher")]
    [InlineData("李娜", "李娜")]
    public void TheHandOutOrderGoesByTheLastWordOfTheNameLeavingSuffixesAside(string name, string family)
    {
        new KitPerson(name, false, "", [], []).FamilyName.Should().Be(family);
    }
}
