using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Hosting;

/// <summary>The host console before, during and after the rounds, as a host with a laptop (and a phone) sees it.</summary>
[Collection(nameof(BrowserCollection))]
public class HostConsoleStagesTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string SampleRoster = Path.Combine(AppContext.BaseDirectory, "samples", "roster-100x25.csv");
    private const string SmallRoster = "role,name,email,agency\nmentor,Mona Lisa,mona@hhs.gov,HHS/NIH\nmentor,Omar Khayyam,omar@opm.gov,OPM\nmentee,Ann Lee,ann@va.gov,VA\nmentee,Ben Okafor,ben@va.gov,VA\n";

    [Fact]
    public async Task BeforeTheStartTheConsoleShowsTheRotationInPlainWordsAndNoReport()
    {
        var (id, key) = await CreateAsync("Stages", roster: null);
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var host = await OpenAsync(laptop, id, key);
        // The roster card shows once the console's script knows the stage; a file picked earlier went nowhere.
        var fileInput = host.GetByLabel("Upload a CSV file");
        await Expect(fileInput).ToBeVisibleAsync();
        await fileInput.SetInputFilesAsync(SampleRoster);
        await host.GetByRole(AriaRole.Button, new() { Name = "Upload and plan" }).ClickAsync();

        // The quality in words first; the figures wait behind "The numbers behind this".
        var words = host.Locator("#quality-words");
        await Expect(words).ToContainTextAsync("requests for a particular mentor met");
        await Expect(words).ToContainTextAsync("of the best rotation possible");
        await Expect(words).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"meets at least \d+ mentors? with the expertise they need"));
        await Expect(words).ToContainTextAsync("Nobody meets the same mentor twice");
        await Expect(host.Locator("#figures")).Not.ToBeVisibleAsync();
        (await host.Locator("#quality").InnerTextAsync()).Should().NotContain("upper bound").And.NotContain("Worst-off").And.NotContain("Score");
        output.WriteLine("Quality in words: " + string.Join(" | ", await words.Locator("li").AllInnerTextsAsync()));

        // Nothing of the end shows before the start: no report, no pairs to confirm.
        await Expect(host.Locator("#report-card")).Not.ToBeVisibleAsync();
        await Expect(host.GetByRole(AriaRole.Button, new() { Name = "Confirm the suggested pairs" })).Not.ToBeVisibleAsync();
        await Expect(host.GetByRole(AriaRole.Button, new() { Name = "Delete the event's personal data" })).ToBeVisibleAsync();

        // From the quality card (where the upload leaves the focus) back to Start: a few Shift+Tabs, not 17.
        await Expect(host.Locator("#quality")).ToBeFocusedAsync();
        var presses = await ShiftTabsTo(host, "[data-command=start]", 10);
        output.WriteLine($"Shift+Tab from the quality card to Start: {presses}");
        // Seven since the roster card links to registration and invitations (one more stop on the way back).
        presses.Should().BeLessThanOrEqualTo(7);

        // The rotation is one link away.
        await host.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Rotation", Exact = true }).ClickAsync();
        await Expect(host.Locator("#grid-title")).ToBeInViewportAsync();

        await host.EvaluateAsync("() => window.scrollTo(0, 0)");
        await host.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-before-1280.png") });
        await host.GetByText("The numbers behind this").ClickAsync();
        await Expect(host.Locator("#figures")).ToContainTextAsync("no rotation of this roster can score more than");
        await host.Locator("#quality").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-quality.png") });
        await NoSeriousAccessibilityProblems(host, "host console before the start");

        await using var phone = await browser.NewPhoneAsync();
        var small = await OpenAsync(phone, id, key);
        await Expect(small.Locator("#quality-words")).ToContainTextAsync("Nobody meets the same mentor twice");
        await small.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-before-360.png") });
    }

    [Fact]
    public async Task WhileTheRoundsRunTheClockComesFirstAndTheGridIsNotBelowTheCheckIn()
    {
        var (id, key) = await CreateAsync("Live", roster: await File.ReadAllTextAsync(SampleRoster));
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var host = await OpenAsync(laptop, id, key);
        await Expect(host.Locator("#people tr")).ToHaveCountAsync(125);
        await Expect(host.Locator("#roster-form")).ToBeVisibleAsync();

        // Start with the keyboard: the button goes, the focus stays in the controls, and the result is said.
        await host.GetByRole(AriaRole.Button, new() { Name = "Start" }).FocusAsync();
        await host.Keyboard.PressAsync("Enter");
        await Expect(host.Locator("#status")).ToHaveTextAsync("Start: done.");
        await Expect(host.Locator("#phase")).ToHaveTextAsync("Round 1 of 6");
        (await host.EvaluateAsync<string>("() => document.activeElement.textContent")).Should().Be("Pause", "focus moves to the next control, not to the page");

        // The page follows the clock into the live stage, without a reload.
        await Expect(host.Locator("#roster-form")).Not.ToBeVisibleAsync();
        await Expect(host.Locator("#quality")).Not.ToBeVisibleAsync();
        await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "How it went" })).ToBeVisibleAsync();
        await Expect(host.GetByRole(AriaRole.Button, new() { Name = "Skip the change of tables" })).ToBeVisibleAsync();

        // Controls first; the rotation grid is reached before the 125 check-in rows, and by a link at the top.
        var controls = (await host.Locator("#controls-card").BoundingBoxAsync())!;
        var grid = (await host.Locator("#grid-card").BoundingBoxAsync())!;
        var checkIn = (await host.Locator("#people-card").BoundingBoxAsync())!;
        output.WriteLine($"controls at {controls.Y}px, grid at {grid.Y}px, check-in at {checkIn.Y}px (height {checkIn.Height}px)");
        controls.Y.Should().BeLessThan(400, "the clock controls are at the top");
        grid.Y.Should().BeLessThan(checkIn.Y, "the grid is not below the check-in list");
        var rows = (await host.Locator("#people-card .scroll").BoundingBoxAsync())!;
        rows.Height.Should().BeLessThan(700, "125 rows scroll inside their card, within one screen");
        await host.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Check-in" }).ClickAsync();
        await Expect(host.Locator("#people-title")).ToBeInViewportAsync();
        await Expect(host.Locator("#countdown")).ToBeInViewportAsync(); // The clock stays in sight.

        await host.EvaluateAsync("() => window.scrollTo(0, 0)");
        await host.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-live-1280.png") });
        await NoSeriousAccessibilityProblems(host, "host console while live");
        await using var phone = await browser.NewPhoneAsync();
        var small = await OpenAsync(phone, id, key);
        await Expect(small.GetByRole(AriaRole.Button, new() { Name = "Next round" })).ToBeVisibleAsync();
        await small.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-live-360.png") });
    }

    [Fact]
    public async Task StartWaitsForTheRosterAndTheRosterCanStillBeUploaded()
    {
        var (id, key) = await CreateAsync("No roster yet", roster: null);
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var host = await OpenAsync(laptop, id, key);

        var start = host.GetByRole(AriaRole.Button, new() { Name = "Start" });
        await Expect(start).ToBeDisabledAsync();
        await Expect(host.Locator("#controls-note")).ToHaveTextAsync("Upload the roster first: Start needs people to seat.");
        await Expect(host.Locator("#report-card")).Not.ToBeVisibleAsync();

        await host.GetByLabel("or paste it here").FillAsync(SmallRoster);
        await host.GetByRole(AriaRole.Button, new() { Name = "Upload and plan" }).ClickAsync();
        await Expect(host.Locator("#status")).ToContainTextAsync("Planned 6 rounds for 4 people.");
        await Expect(start).ToBeEnabledAsync();
        await start.ClickAsync();
        await Expect(host.Locator("#phase")).ToHaveTextAsync("Round 1 of 6");
    }

    [Fact]
    public async Task NextRoundGivesTheRoomItsChangeOfTablesUnlessTheHostSkipsIt()
    {
        var (id, key) = await CreateAsync("Change tables", roster: await File.ReadAllTextAsync(SampleRoster), transitionMinutes: 3);
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var host = await OpenAsync(laptop, id, key);
        await using var projector = await browser.NewScreenAsync(1280, 720);
        var board = await projector.NewPageAsync();
        await board.GotoAsync($"/board/{id}");
        await host.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Round 1 of 6");

        await host.GetByRole(AriaRole.Button, new() { Name = "Next round" }).ClickAsync();
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Change tables for round 2");
        await Expect(board.Locator("#countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(3:00|2:5\\d)$"));
        await Expect(host.Locator("#status")).ToHaveTextAsync("Next round: done. Change tables for round 2.");

        await host.GetByRole(AriaRole.Button, new() { Name = "Skip the change of tables" }).ClickAsync();
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Round 2 of 6");
        await host.GetByRole(AriaRole.Button, new() { Name = "Skip the change of tables" }).ClickAsync();
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Round 3 of 6");
    }

    [Fact]
    public async Task TheReportUpdatesByItselfWhenAPhoneRates()
    {
        var (id, key) = await CreateAsync("Report", roster: SmallRoster);
        using var http = HostHttp(key);
        var people = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        var ann = people.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Ann Lee").GetProperty("link").GetString()!;
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var host = await OpenAsync(laptop, id, key);
        await using var phoneContext = await browser.NewPhoneAsync();
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(ann);

        await host.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(host.Locator("#report")).ToContainTextAsync("No answers yet.");
        await host.GetByRole(AriaRole.Button, new() { Name = "Next round" }).ClickAsync();
        await phone.Locator("#stars button").Last.ClickAsync(); // 5 of 5

        // No click on the console: the answer's push brings the report up to date.
        await Expect(host.Locator("#report")).ToContainTextAsync("1 of 4 people answered (25%).");
        await Expect(host.Locator("#report")).ToContainTextAsync("The one rating is 5.0 of 5.");
        await host.Locator("#report-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-report-live.png") });
    }

    [Fact]
    public async Task ADeletedEventSaysSoAndLeavesNothingToPress()
    {
        var (id, key) = await CreateAsync("Deleted", roster: SmallRoster);
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var open = await OpenAsync(laptop, id, key);
        await Expect(open.GetByRole(AriaRole.Button, new() { Name = "Start" })).ToBeEnabledAsync();
        using var http = HostHttp(key);
        (await http.DeleteAsync($"/api/events/{id}/")).EnsureSuccessStatusCode();

        // A console left open hears of it at once (the hub's EventDeleted).
        await Expect(open.GetByRole(AriaRole.Heading, new() { Name = "This event was deleted." })).ToBeVisibleAsync();
        await Expect(open.Locator("button:visible")).ToHaveCountAsync(0);

        // The host link opened afresh.
        var host = await laptop.NewPageAsync();
        await host.GotoAsync($"/host/{id}#key={key}");
        await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "This event was deleted." })).ToBeVisibleAsync();
        await Expect(host.Locator("button")).ToHaveCountAsync(0);
        (await host.Locator("body").InnerTextAsync()).Should().NotContain("Not Found");
        await host.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-deleted.png") });
    }

    private async Task<(string Id, string Key)> CreateAsync(string title, string? roster, int transitionMinutes = 2)
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title, startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = roster == SmallRoster ? 2 : 6, seatsPerTable = roster == SmallRoster ? 1 : 4, transitionMinutes }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var key = created.GetProperty("hostKey").GetString()!;
        if (roster is not null)
        {
            using var host = HostHttp(key);
            (await host.PutAsync($"/api/events/{id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        }

        return (id, key);
    }

    private HttpClient HostHttp(string key)
    {
        var http = browser.Http();
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        return http;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string id, string key)
    {
        var host = await context.NewPageAsync();
        await host.GotoAsync($"/host/{id}#key={key}");
        await Expect(host.Locator("#phase")).Not.ToBeEmptyAsync();
        return host;
    }

    private static async Task<int> ShiftTabsTo(IPage page, string selector, int most)
    {
        for (var presses = 1; presses <= most; presses++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement.matches(s)", selector))
            {
                return presses;
            }
        }

        return int.MaxValue;
    }

    private async Task NoSeriousAccessibilityProblems(IPage page, string what)
    {
        var results = await page.RunAxe();
        foreach (var v in results.Violations)
        {
            output.WriteLine($"axe on the {what}: {v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})");
        }

        results.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty($"the {what} must be usable with a screen reader (axe-core)");
    }
}
