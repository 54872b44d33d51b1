using System.Text.RegularExpressions;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Tests;

public class KitTests
{
    private static readonly KitEvent Spring = new("Spring Flash Mentoring", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(-5)), 6, 15, 2, 4,
        "http://192.168.1.20:5080/join?code=ABC234", "ABC234");

    private static readonly PlanResult SamplePlan = RotationEngine.Plan(
        RosterParser.Parse(File.ReadAllText(Path.Combine("samples", "roster-100x25.csv"))), new PlanSettings(6, 4));

    private static readonly KitModel Sample = KitModel.FromPlan(SamplePlan, Spring, key => "http://192.168.1.20:5080/me#t=" + key.Length);

    [Fact]
    public void AKitCalledOffIsNotMade()
    {
        using var calledOff = new CancellationTokenSource();
        calledOff.Cancel();
        var pages = 0;

        var build = () => KitBuilder.Build(Sample, Paper.Letter, pageStarted: _ => pages++, cancellationToken: calledOff.Token);
        var blank = () => KitModel.BlankKit(Spring, 25, calledOff.Token);

        build.Should().Throw<OperationCanceledException>();
        blank.Should().Throw<OperationCanceledException>();
        pages.Should().Be(0);
    }

    [Fact]
    public void TheHostGuideCountsInWordsEvenForOneOfEach()
    {
        var tiny = Spring with { Rounds = 1, RoundMinutes = 1, TransitionMinutes = 0, SeatsPerTable = 1 };

        var guide = Poppler.Page(KitBuilder.Build(KitModel.BlankKit(tiny, 1), Paper.Letter, ["guide"]).Pdf, 1);

        Regex.Replace(guide, @"\s+", " ").Should().Contain("1 round of 1 minute, 0 minutes to change tables, 1 table of up to 1 mentee, room for 1 mentee.");
    }

    [Fact]
    public void EveryMenteeHasAnItineraryWhoseRowsAreTheirPlan()
    {
        var kit = KitBuilder.Build(Sample, Paper.Letter, ["itineraries"]);
        var rotation = SamplePlan.Rotation;
        var handOut = Sample.MenteesToHandOut;
        var english = new System.Globalization.CultureInfo("en-US");

        handOut.Should().HaveCount(rotation.Mentees.Count);
        for (var k = 0; k < handOut.Count; k++)
        {
            var i = rotation.Mentees.ToList().FindIndex(m => m.Key == handOut[k].Key);
            var page = Poppler.Page(kit.Pdf, (k / 2) + 1);
            var mine = Section(page, handOut[k].Name, k % 2 == 0 ? handOut.ElementAtOrDefault(k + 1)?.Name : null);
            for (var round = 1; round <= 6; round++)
            {
                var j = rotation.MentorOf(round, i);
                var time = Regex.Escape($"{Sample.RoundStart(round).ToString("h:mm", english)}-{Sample.RoundEnd(round).ToString("h:mm tt", english)}");
                var expected = j < 0
                    ? $@"(?m)^Round {round}\s*\n+{time}\s*\n+Rest\s*\n+Take a break"
                    : $@"(?m)^Round {round}\s*\n+{time}\s*\n+Table {j + 1}\s*\n+{Regex.Escape(rotation.Mentors[j].Name)}\s*$";
                mine.Should().MatchRegex(expected, $"{handOut[k].Name} sits at table {j + 1} in round {round}");
            }
        }

        kit.Report.Overflows.Should().BeEmpty();
    }

    [Fact]
    public void EveryTableHasASignWithItsNumberAndMentor()
    {
        var kit = KitBuilder.Build(Sample, Paper.Letter, ["signs"]);

        kit.Pages.Should().Be(25);
        for (var t = 1; t <= 25; t++)
        {
            var page = Poppler.Page(kit.Pdf, t);
            page.Should().MatchRegex($@"(?m)^{t}$").And.Contain(SamplePlan.Rotation.Mentors[t - 1].Name);
        }
    }

    [Fact]
    public void NamesInAnyScriptPrintAsThemselvesWithEveryFontEmbedded()
    {
        string[] names = ["Nguyễn Thị Lan", "Zoë Brandt", "Łukasz Nowak", "Seán O'Brien", "李娜"];
        var csv = "role,name,agency,expertise\n" + string.Join("\n", names.Select((n, k) => $"{(k < 2 ? "mentor" : "mentee")},{n},HHS/NIH,Budget"));
        var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(2, 2));

        var kit = KitBuilder.Build(KitModel.FromPlan(plan, Spring), Paper.A4);
        var text = Poppler.Text(kit.Pdf);
        var fonts = Poppler.Fonts(kit.Pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();

        foreach (var name in names)
        {
            text.Should().Contain(name);
        }

        fonts.Should().NotBeEmpty().And.OnlyContain(l => Regex.IsMatch(l, @"\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$"), "every font is embedded, subset, with a Unicode map");
        fonts.Should().Contain(l => l.Contains("Noto Sans SC")).And.Contain(l => l.Contains("Noto Sans"));
    }

    [Theory]
    [InlineData(Paper.Letter, "612 x 792 pts (letter)")]
    [InlineData(Paper.A4, "595 x 842 pts (A4)")]
    public void ThePaperIsTheSizeAskedFor(Paper paper, string size)
    {
        var kit = KitBuilder.Build(Sample, paper, ["guide", "badges"]);

        Poppler.Info(kit.Pdf).Should().MatchRegex($@"Page size:\s+{Regex.Escape(size)}");
    }

    [Fact]
    public void AWholeKitAndABlankKitFitEveryTextInItsBox()
    {
        var kit = KitBuilder.Build(Sample, Paper.Letter);
        var blank = KitBuilder.Build(KitModel.BlankKit(Spring with { JoinUrl = null }, 25), Paper.A4);
        var text = Poppler.Text(kit.Pdf);

        kit.Report.Overflows.Should().BeEmpty();
        blank.Report.Overflows.Should().BeEmpty();
        text.Should().Contain("Host guide: Spring Flash Mentoring").And.Contain("Master grid").And.Contain("Feedback: Spring Flash Mentoring")
            .And.Contain("9:00 AM - 9:15 AM").And.Contain("10:25 AM - 10:40 AM", "the run of show has the event's real clock times");
        Poppler.Text(blank.Pdf).Should().Contain("Roster template").And.Contain("role,name,email,agency");
    }

    [Fact]
    public void LongNamesShrinkToFitAndTextThatCannotFitIsReportedNotSilentlyCut()
    {
        var longName = "Maximiliana Alexandrina Konstantinopoulou-Vanderbilt-Featherstonehaugh";
        var csv = "role,name,agency,expertise,needs\n" +
                  $"mentor,{longName},Department of Health and Human Services/National Institutes of Health,{string.Join(';', Enumerable.Repeat("Strategic Thinking", 12))},\n" +
                  "mentee,Ann Lee,VA,,Budget\n";
        var model = KitModel.FromPlan(RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(1, 1)), Spring);
        var fits = KitBuilder.Build(model, Paper.Letter);

        using var writer = new KitWriter(Paper.Letter, "test");
        writer.NewPage("test");
        writer.Box(string.Join(' ', Enumerable.Repeat("overflowing", 200)), TextStyle.Body, new PdfSharp.Drawing.XRect(36, 36, 100, 40), "tiny box");

        fits.Report.Overflows.Should().BeEmpty("names shrink and wrap to their box");
        Poppler.Text(fits.Pdf).Should().Contain("Konstantinopoulou");
        writer.Report.Overflows.Should().ContainSingle(o => o.Where == "tiny box");
    }

    // The text of one itinerary: from the mentee's name to the next mentee's name on the page.
    private static string Section(string page, string name, string? next)
    {
        var start = page.IndexOf(name, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"{name} has an itinerary");
        var end = next is null ? page.Length : page.IndexOf(next, start + name.Length, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }
}

public class EvaluationReportTests
{
    [Fact]
    public void TheEvaluationSummaryPrintsItsFiguresChartsAndPairs()
    {
        var model = new FlashMentoring.Kits.Documents.EvaluationModel(
            "Spring Flash Mentoring",
            [("Response rate", "82% (103 of 125 people)")],
            [new FlashMentoring.Kits.Documents.Chart("Rating by round", [new("Round 1", 4.25, 90), new("Round 2", null, 0)])],
            [("Nguyễn Thị Lan", "李娜", "confirmed")]);

        var pdf = new FlashMentoring.Kits.Documents.EvaluationReport(model).Build(Paper.Letter);
        var text = Poppler.Text(pdf.Pdf);

        text.Should().Contain("Evaluation: Spring Flash Mentoring").And.Contain("82% (103 of 125 people)")
            .And.Contain("Round 1").And.Contain("4.25 (90)").And.Contain("no ratings").And.Contain("Nguyễn Thị Lan").And.Contain("李娜");
        pdf.Report.Overflows.Should().BeEmpty();
    }
}
