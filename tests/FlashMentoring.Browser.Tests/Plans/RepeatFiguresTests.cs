using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Plans;

/// <summary>The planner page says how often mentees share a table again, beside the fewest possible, and what history changed.</summary>
[Collection(nameof(BrowserCollection))]
public class RepeatFiguresTests(BrowserFixture browser)
{
    private static readonly string SampleRoster = Path.Combine(BrowserFixture.RepositoryRoot, "samples", "roster-100x25.csv");

    [Fact]
    public async Task TheSampleRosterShowsTheMenteesMeetingAgainBesideTheFewestPossibleAndNoHistoryFigure()
    {
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/plan.html");

        var quality = await PlanAsync(page, SampleRoster, seats: 4);
        var repeats = quality["menteeRepeats"]!.GetValue<int>();
        var fewest = quality["repeatsLowerBound"]!.GetValue<int>();

        var words = page.Locator("#quality-words");
        if (repeats == 0)
        {
            await Expect(words).ToContainTextAsync("No two mentees share a table twice.");
        }
        else
        {
            await Expect(words).ToContainTextAsync($"Two mentees share a table again {Times(repeats)}");
            if (fewest > 0)
            {
                await Expect(words).ToContainTextAsync(fewest >= repeats ? "the fewest possible with these tables" : $"at least {fewest} ");
            }
        }

        var figure = await OpenFigureAsync(page, "Mentees meeting again");
        await Expect(figure.Locator("dd")).ToContainTextAsync(fewest > 0
            ? $"{repeats}times two mentees share a table again; at least {fewest} cannot be avoided with these tables"
            : $"{repeats}times two mentees share a table again; none is forced by the number of seats");

        // The planner page knows nothing of earlier events: no figure or sentence about them.
        await Expect(page.Locator("#figures dt", new() { HasText = "Met at an earlier event" })).ToHaveCountAsync(0);
        await Expect(words).Not.ToContainTextAsync("earlier event");
    }

    [Fact]
    public async Task TablesOfOneMenteeSayNoTwoMenteesShareATable()
    {
        await using var laptop = await browser.NewScreenAsync(320, 800);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/plan.html");

        var quality = await PlanAsync(page, SampleRoster, seats: 1);

        quality["menteeRepeats"]!.GetValue<int>().Should().Be(0, "one mentee a table leaves nobody to meet again");
        await Expect(page.Locator("#quality-words")).ToContainTextAsync("No two mentees share a table twice.");
        var figure = await OpenFigureAsync(page, "Mentees meeting again");
        await Expect(figure.Locator("dd")).ToContainTextAsync("none is forced by the number of seats");
    }

    [Fact]
    public async Task WithEarlierEventsTheWordsSayHowManyPairsWereKeptApartAndWhatCouldNotBeAvoided()
    {
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/plan.html");

        // The server's own answer, with the figures an event with history would have (the host console shares this view).
        await PlanAsync(page, SampleRoster, seats: 4, quality =>
        {
            quality["menteeRepeats"] = 5;
            quality["repeatsLowerBound"] = 2;
            quality["repeatsWithPastTableMates"] = 3;
            quality["pastPairsAvoided"] = 7;
            quality["pastPairsAskedAgain"] = 1;
        });

        var words = page.Locator("#quality-words li");
        await Expect(words).ToContainTextAsync(
        [
            "Two mentees share a table again 5 times; at least 2 are unavoidable with these tables.",
            "7 pairs who met at an earlier event are not seated together again.",
            "1 pair meets again because the mentee asked for that mentor or you paired them.",
            "Mentees sit with someone they sat with at an earlier event 3 times.",
        ]);
        var figure = await OpenFigureAsync(page, "Met at an earlier event");
        await Expect(figure.Locator("dd")).ToContainTextAsync("7 kept apart");
        await Expect(figure.Locator("dd")).ToContainTextAsync("1 asked to meet again");
        await Expect(figure.Locator("dd")).ToContainTextAsync("an earlier tablemate 3 times");
    }

    private static string Times(int n) => n switch { 1 => "once", 2 => "twice", _ => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " times" };

    /// <summary>Uploads the roster as a host would and plans it; the quality the page was given (the server's, or changed by <paramref name="change"/>).</summary>
    private static async Task<JsonNode> PlanAsync(IPage page, string roster, int seats, Action<JsonNode>? change = null)
    {
        // Read on the way through: a plan's answer is too big for the browser to keep for a test to read afterwards.
        var given = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/plans?*", async route =>
        {
            var answer = await route.FetchAsync();
            answer.Ok.Should().BeTrue();
            var body = JsonNode.Parse(await answer.TextAsync())!;
            change?.Invoke(body["quality"]!);
            await route.FulfillAsync(new() { Response = answer, Body = body.ToJsonString() });
            given.SetResult(body["quality"]!);
        });
        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(roster);
        await page.GetByLabel("Mentees per table").FillAsync(seats.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan the rotation" }).ClickAsync();
        await Expect(page.Locator("#grid")).ToBeVisibleAsync();
        return await given.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Opens "The numbers behind this" and finds one figure by its name.</summary>
    private static async Task<ILocator> OpenFigureAsync(IPage page, string name)
    {
        await page.GetByText("The numbers behind this").ClickAsync();
        var figure = page.Locator("#figures > div", new() { Has = page.Locator("dt", new() { HasText = name }) });
        await Expect(figure).ToBeVisibleAsync();
        return figure;
    }
}
