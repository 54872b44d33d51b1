using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using FlashMentoring.Browser.Tests.Registration;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Online;

[Collection(nameof(BrowserCollection))]
public class HostOnlinePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    // Two mentors and four mentees online, the rest in the room.
    private const string Roster = """
        role,name,attends
        mentor,Mona Lisa,in person
        mentor,Omar Khayyam,online
        mentor,Pia Zadora,in person
        mentor,Raj Patel,online
        mentee,Ann Lee,in person
        mentee,Ben Okafor,in person
        mentee,Cy Young,online
        mentee,Dee Nguyen,online
        mentee,Eve Adams,in person
        mentee,Fay Wray,in person
        mentee,Gus Grant,online
        mentee,Hal Hope,online
        """;

    [Fact]
    public async Task TheHostMakesTheEventHybridGivesTheRoomsAPatternAndWritesARoundsPrompt()
    {
        var (eventId, hostKey) = await CreateEventAsync();
        await using var laptop = await browser.NewScreenAsync(1366, 768);
        var page = await laptop.NewPageAsync();

        // From the console, a line under the join link leads to the page (it stays there while the rounds run).
        await page.GotoAsync($"/host/{eventId}#key={hostKey}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Video rooms and prompts" }).ClickAsync();
        await page.ArriveAtAsync(new Regex("/online$"));
        await Expect(page.Locator("#title")).ToHaveTextAsync("Autumn Flash Mentoring");

        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Hybrid:") }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the mode" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Saved: hybrid. 2 tables meet online.");
        await Expect(page.Locator("#tables tr").Filter(new() { HasText = "Omar Khayyam" })).ToContainTextAsync("Online");
        await Expect(page.Locator("#tables tr").Filter(new() { HasText = "Mona Lisa" })).ToContainTextAsync("In the room");

        // A pattern without {event} is refused by the field, with what to write.
        var pattern = page.GetByLabel("Room link pattern");
        await pattern.FillAsync("https://meet.agency.gov/table-{table}");
        await Expect(page.Locator("#pattern-preview")).ToHaveTextAsync("Put {event} and {table} in the link.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the pattern" }).ClickAsync();
        await Expect(page.Locator("#pattern-error")).ToContainTextAsync("Put {event} and {table} in the link");
        await Expect(pattern).ToHaveAttributeAsync("aria-invalid", "true");

        await pattern.FillAsync("https://meet.agency.gov/{event}-table-{table}");
        await Expect(page.Locator("#pattern-preview")).ToContainTextAsync("Table 2's room will look like: https://meet.agency.gov/autumn-flash-mentoring-a1b2c3d4e5f6-table-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the pattern" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Pattern saved");
        var omarsRoom = page.Locator("#table-2 a.room-link");
        await Expect(omarsRoom).ToHaveTextAsync(new Regex("^https://meet\\.agency\\.gov/autumn-flash-mentoring-[a-z0-9]{12}-table-2$"));
        await Expect(omarsRoom).ToHaveAttributeAsync("target", "_blank");
        await Expect(omarsRoom).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(page.Locator("#table-4 a.room-link")).ToHaveTextAsync(new Regex("-table-4$"));
        await Expect(page.Locator("#table-1 a")).ToHaveCountAsync(0);
        await Expect(page.Locator("#pattern-preview")).ToHaveTextAsync($"Table 2's room: {await omarsRoom.TextContentAsync()}");
        (await page.Locator("iframe").CountAsync()).Should().Be(0, "rooms open in a tab of their own, never inside the page");

        // Round 2 gets the host's own words; round 3 none.
        await page.GetByLabel("Round 2", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Write my own" });
        await page.GetByLabel("Round 2: your own prompt").FillAsync("Which skill from your last detail would you teach us?");
        await page.GetByLabel("Round 3", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "None" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the prompts" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Prompts saved");

        using var http = browser.Http();
        http.DefaultRequestHeaders.Add("X-Host-Key", hostKey);
        var online = await http.GetFromJsonAsync<JsonElement>($"/api/events/{eventId}/online");
        var prompts = online.GetProperty("prompts").EnumerateArray().Select(p => p.GetProperty("text").GetString()).ToList();
        prompts[1].Should().Be("Which skill from your last detail would you teach us?");
        prompts[2].Should().BeNull();
        prompts[0].Should().Be(online.GetProperty("defaults").GetProperty("open")[0].GetString(), "round 1 was left as it was");

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Round 2: your own prompt")).ToHaveValueAsync("Which skill from your last detail would you teach us?");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-online.png"), FullPage = true });
        await NoSeriousAccessibilityProblems(page);

        // The same page on a phone fits its width.
        await using var phone = await browser.NewPhoneAsync();
        var small = await phone.NewPageAsync();
        await small.GotoAsync($"/host/{eventId}/online#key={hostKey}");
        await Expect(small.Locator("#table-2 a.room-link")).ToBeVisibleAsync();
        (await small.SidewaysOverflowAsync()).Should().BeLessThanOrEqualTo(0, "the online page fits a 360 px phone");
        await small.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-online-phone.png"), FullPage = true });
    }

    private async Task<(string Id, string HostKey)> CreateEventAsync()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Autumn Flash Mentoring", startsAt = DateTimeOffset.UtcNow.AddDays(14), rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (created.GetProperty("id").GetString()!, created.GetProperty("hostKey").GetString()!);
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (id, key);
    }

    private async Task NoSeriousAccessibilityProblems(IPage page)
    {
        var results = await page.RunAxe();
        foreach (var v in results.Violations)
        {
            output.WriteLine($"axe on the online page: {v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})");
        }

        results.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty("the host's online page must be usable with a screen reader and readable (axe-core)");
    }
}
