using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using FlashMentoring.Browser.Tests.Events;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

[Collection(nameof(BrowserCollection))]
public class LiveEventTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string SampleRoster = Path.Combine(AppContext.BaseDirectory, "samples", "roster-100x25.csv");

    [Fact]
    public async Task AHostGoesLiveAndThreePhonesFollowEveryRoundTogether()
    {
        // The host creates the event from the sample roster.
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        var pageErrors = new List<string>();
        host.Console += (_, message) => { if (message.Type == "error") pageErrors.Add(message.Text); };
        host.PageError += (_, error) => pageErrors.Add(error);
        await host.GotoAsync("/");
        await NoSeriousAccessibilityProblems(host, "create page");
        await host.GetByLabel("Title").FillAsync("Spring Flash Mentoring");
        await host.CreateTheEventAsync();
        // The roster card shows once the console's script knows the stage; a file picked earlier went nowhere.
        var fileInput = host.GetByLabel("Upload a CSV file");
        await Expect(fileInput).ToBeVisibleAsync();
        await fileInput.SetInputFilesAsync(SampleRoster);
        await Expect(host.Locator("#file-note")).ToContainTextAsync("roster-100x25.csv");
        await host.GetByRole(AriaRole.Button, new() { Name = "Upload and plan" }).ClickAsync();
        await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "How good is this rotation?" })).ToBeVisibleAsync();
        await Expect(host.Locator("#people tr")).ToHaveCountAsync(125);

        // The host forbids one pair by hand; the engine re-plans without it.
        var firstSeat = host.Locator("#grid button.seat").First;
        var forbidden = (await firstSeat.TextContentAsync())!;
        await firstSeat.ClickAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Forbid: they must not meet" }).ClickAsync();
        await Expect(host.Locator("#constraints li")).ToContainTextAsync($"{forbidden} and ");
        await Expect(host.Locator("#status")).ToContainTextAsync("keeps this pair apart");

        var eventId = new Uri(host.Url).Segments[^1];
        var hostKey = new Uri(host.Url).Fragment["#key=".Length..];
        var code = (await host.Locator("#join-code").TextContentAsync())!;
        var plan = await PlanAsync(eventId, hostKey);
        var forbiddenMentor = (await host.Locator("#constraints li").TextContentAsync())!.Split(" and ")[1].Split(':')[0];
        Enumerable.Range(1, 6).Should().NotContain(r => plan.MeetsAt(forbidden, r) == forbiddenMentor, "the forbidden pair never meets");
        string[] names = [plan.Mentees[0], plan.Mentees[37], plan.Mentees[99]];

        // Three phones join with the code and pick their names.
        var phones = new List<(IBrowserContext Context, IPage Page, string Name)>();
        foreach (var name in names)
        {
            var context = await browser.NewPhoneAsync();
            var phone = await context.NewPageAsync();
            phone.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("WebSocket", StringComparison.Ordinal)) pageErrors.Add(message.Text); };
            phone.PageError += (_, error) => pageErrors.Add(error);
            await phone.GotoAsync($"/join?code={code}");
            await phone.GetByLabel("Find your name").FillAsync(name);
            if (phones.Count == 0)
            {
                await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "join.png") });
                await NoSeriousAccessibilityProblems(phone, "join page");
            }

            await phone.PickYourNameAsync(name);
            await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Go to Table {plan.TableOf(name, 1)}");
            phones.Add((context, phone, name));
        }

        // Start: every phone shows round 1 at its table and the same countdown.
        await host.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        foreach (var (_, phone, name) in phones)
        {
            await Expect(phone.Locator("#phase")).ToHaveTextAsync("Round 1 of 6");
            await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"You are at Table {plan.TableOf(name, 1)}");
            await Expect(phone.Locator("#mentor")).ToContainTextAsync(plan.MentorAt(name, 1));
        }

        var spread = await CountdownSpreadMs(phones.Select(p => p.Page).ToList());
        output.WriteLine($"Countdown agreement across three phones: {spread:F0} ms between the earliest and latest end instant.");
        spread.Should().BeLessThan(100, "phones draw from the server's absolute end instant, corrected for their clock offset");

        // The host skips the rest of the round and the change of tables: every phone follows within a second.
        var clicked = Stopwatch.StartNew();
        await host.GetByRole(AriaRole.Button, new() { Name = "Skip the change of tables" }).ClickAsync();
        await Task.WhenAll(phones.Select(p => Expect(p.Page.Locator("#phase")).ToHaveTextAsync("Round 2 of 6", new() { Timeout = 1000 })));
        output.WriteLine($"All phones showed round 2 {clicked.ElapsedMilliseconds} ms after the click.");
        foreach (var (_, phone, name) in phones)
        {
            await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"You are at Table {plan.TableOf(name, 2)}");
        }

        // One phone loses the network while the room moves on; back online, it shows the current round.
        var (offlineContext, offlinePhone, offlineName) = phones[2];
        await offlineContext.SetOfflineAsync(true);
        await host.GetByRole(AriaRole.Button, new() { Name = "Skip the change of tables" }).ClickAsync();
        await Expect(host.Locator("#phase")).ToHaveTextAsync("Round 3 of 6");
        await offlineContext.SetOfflineAsync(false);
        await offlinePhone.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Expect(offlinePhone.Locator("#phase")).ToHaveTextAsync("Round 3 of 6", new() { Timeout = 20000 });
        await Expect(offlinePhone.Locator("#go-to")).ToHaveTextAsync($"You are at Table {plan.TableOf(offlineName, 3)}");

        // The board, for the projector.
        await using var projector = await browser.NewScreenAsync(1920, 1080);
        var board = await projector.NewPageAsync();
        await board.GotoAsync($"/board/{eventId}");
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Round 3 of 6");
        await Expect(board.Locator("#tables li")).ToHaveCountAsync(25);
        await Expect(board.Locator("#code")).ToHaveTextAsync(code);

        await phones[0].Page.Locator("#itinerary-card summary").ClickAsync();
        await phones[0].Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone.png"), FullPage = true });
        await host.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-console.png") });
        await host.Locator("#adjust-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-adjust.png") });
        await host.Locator("#people-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-check-in.png") });
        await board.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "board-1080p.png") });

        pageErrors.Should().BeEmpty("no script error and nothing blocked by the Content-Security-Policy");
        await NoSeriousAccessibilityProblems(phones[0].Page, "phone view");
        await NoSeriousAccessibilityProblems(host, "host console");
        await NoSeriousAccessibilityProblems(board, "board");
        foreach (var (context, _, _) in phones)
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task AMenteeMarkedAbsentLeavesThePlanAndOnlyTheAffectedPhonesAreTold()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Check-in", startsAt = DateTimeOffset.UtcNow, rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var key = created.GetProperty("hostKey").GetString()!;
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        using var csv = new StringContent("role,name\nmentor,Mona\nmentor,Omar\nmentee,Ann\nmentee,Ben\nmentee,Cy\nmentee,Dee\n", System.Text.Encoding.UTF8, "text/csv");
        (await http.PutAsync($"/api/events/{id}/roster", csv)).EnsureSuccessStatusCode();
        var people = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        string Link(string name) => people.EnumerateArray().First(p => p.GetProperty("name").GetString() == name).GetProperty("link").GetString()!;
        long Id(string name) => people.EnumerateArray().First(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();

        await using var context = await browser.NewPhoneAsync();
        var ann = await context.NewPageAsync();
        await ann.GotoAsync(Link("Ann"));
        await Expect(ann.Locator("#go-to")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Go to Table [12]$"));
        var before = await ann.Locator("#itinerary").TextContentAsync();

        // Everyone but Ann leaves: she is seated alone every round, so her itinerary must change and be pushed.
        foreach (var name in new[] { "Ben", "Cy", "Dee" })
        {
            (await http.PostAsJsonAsync($"/api/events/{id}/people/{Id(name)}/status", new { status = "absent" })).EnsureSuccessStatusCode();
        }

        await Expect(ann.Locator("#with")).ToHaveTextAsync("", new() { Timeout = 5000 });
        (await ann.Locator("#itinerary").TextContentAsync()).Should().NotContain("Ben").And.NotContain("Cy").And.NotContain("Dee");
        before.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task TheHostsPlusOneMinuteClickedThreeTimesAfterSeeingEachResultAddsThreeMinutes()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Extend", startsAt = DateTimeOffset.UtcNow, rounds = 3, roundMinutes = 15, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var key = created.GetProperty("hostKey").GetString()!;
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        using var csv = new StringContent("role,name\nmentor,Mona\nmentee,Ann\nmentee,Ben\n", System.Text.Encoding.UTF8, "text/csv");
        (await http.PutAsync($"/api/events/{id}/roster", csv)).EnsureSuccessStatusCode();
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync($"/host/{id}#key={key}");
        await host.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(host.Locator("#status")).ToHaveTextAsync("Start: done.");
        var started = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/clock");

        for (var click = 0; click < 3; click++)
        {
            var before = await host.Locator("#status").TextContentAsync();
            await host.GetByRole(AriaRole.Button, new() { Name = "+1 minute" }).ClickAsync();
            await Expect(host.Locator("#status")).Not.ToHaveTextAsync(before!); // The answer is in: the next click acts on it.
            await Expect(host.Locator("#status")).ToContainTextAsync("+1 minute: done; round 1 now ends at");
        }

        var after = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/clock");
        (after.GetProperty("endsAtMs").GetInt64() - started.GetProperty("endsAtMs").GetInt64()).Should().Be(3 * 60_000, "each click made after seeing the last one's result adds its minute");
    }

    private async Task<double> CountdownSpreadMs(IReadOnlyList<IPage> pages)
    {
        // Each phone's belief of when the round ends, on the machine's one clock: equal beliefs mean equal countdowns.
        var ends = new List<double>();
        foreach (var page in pages)
        {
            await page.WaitForFunctionAsync("() => document.getElementById('countdown').dataset.ms !== ''");
            ends.Add(await page.EvaluateAsync<double>("() => new Promise(r => requestAnimationFrame(() => r(Date.now() + Number(document.getElementById('countdown').dataset.ms))))"));
        }

        return ends.Max() - ends.Min();
    }

    private async Task NoSeriousAccessibilityProblems(IPage page, string what)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var v in results.Violations)
        {
            output.WriteLine($"axe on the {what}: {v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})");
        }

        serious.Should().BeEmpty($"the {what} must be usable with a screen reader and readable (axe-core)");
    }

    private async Task<Plan> PlanAsync(string eventId, string hostKey)
    {
        using var http = browser.Http();
        http.DefaultRequestHeaders.Add("X-Host-Key", hostKey);
        return new Plan(await http.GetFromJsonAsync<JsonElement>($"/api/events/{eventId}/plan"));
    }

    /// <summary>The plan as the host's API gives it: the truth each phone is checked against.</summary>
    private sealed class Plan(JsonElement body)
    {
        public IReadOnlyList<string> Mentees { get; } = body.GetProperty("rounds")[0].GetProperty("tables").EnumerateArray()
            .SelectMany(t => t.GetProperty("mentees").EnumerateArray().Select(m => m.GetProperty("name").GetString()!)).ToList();

        public string? MeetsAt(string mentee, int round) =>
            body.GetProperty("rounds")[round - 1].GetProperty("tables").EnumerateArray()
                .Where(t => t.GetProperty("mentees").EnumerateArray().Any(m => m.GetProperty("name").GetString() == mentee))
                .Select(t => t.GetProperty("mentor").GetProperty("name").GetString()).FirstOrDefault();

        public int TableOf(string mentee, int round) => Table(mentee, round).GetProperty("table").GetInt32();

        public string MentorAt(string mentee, int round) => Table(mentee, round).GetProperty("mentor").GetProperty("name").GetString()!;

        private JsonElement Table(string mentee, int round) =>
            body.GetProperty("rounds")[round - 1].GetProperty("tables").EnumerateArray()
                .First(t => t.GetProperty("mentees").EnumerateArray().Any(m => m.GetProperty("name").GetString() == mentee));
    }
}
