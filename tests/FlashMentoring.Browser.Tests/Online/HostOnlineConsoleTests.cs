using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Online;

[Collection(nameof(BrowserCollection))]
public class HostOnlineConsoleTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentee,Ann Lee\nmentee,Ben Okafor\nmentee,Cy Young\nmentee,Dee Nguyen\n";

    [Fact]
    public async Task DuringAnOnlineRoundTheConsoleListsWhoWasReportedMissingAndMarksThemAbsent()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Remote Flash Mentoring", startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (created.GetProperty("id").GetString()!, created.GetProperty("hostKey").GetString()!);
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/events/{id}/mode", new { mode = "online" })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/events/{id}/rooms/pattern", new { pattern = "https://meet.agency.gov/{event}-table-{table}" })).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        var presence = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/presence");
        var table = presence.GetProperty("tables")[0];
        var missing = table.GetProperty("people")[0].GetProperty("name").GetString()!;

        await using var laptop = await browser.NewScreenAsync(1366, 768);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync($"/host/{id}#key={key}");
        var panel = page.Locator("#video-rooms");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel).ToContainTextAsync("Round 1 has just begun");
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "open table 1's room" })).ToHaveAttributeAsync("rel", "noopener noreferrer");

        // The mentor reports a mentee missing (as the phone's "missing" report stores it): the console hears of it.
        await ReportMissingAsync(Guid.Parse(id), missing);
        await page.ReloadAsync();
        await Expect(panel).ToContainTextAsync("Reported missing by the mentor:");
        await Expect(panel.GetByRole(AriaRole.Listitem).Filter(new() { HasText = missing })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-console-video-rooms.png") });
        var results = await page.RunAxe();
        foreach (var v in results.Violations)
        {
            output.WriteLine($"axe on the console: {v.Impact} {v.Id}: {v.Help}");
        }

        results.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty("the console's video rooms panel must be usable with a screen reader (axe-core)");

        await panel.GetByRole(AriaRole.Button, new() { Name = $"Mark absent: {missing}" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync(missing);
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = $"Mark absent: {missing}" })).ToHaveCountAsync(0);

        // The projector shows the round's prompt, large.
        await using var projector = await browser.NewScreenAsync(1920, 1080);
        var board = await projector.NewPageAsync();
        await board.GotoAsync($"/board/{id}");
        var prompt = (await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/online")).GetProperty("prompts")[0].GetProperty("text").GetString();
        await Expect(board.Locator("#prompt")).ToHaveTextAsync($"Talk about: {prompt}");
        await board.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "board-prompt.png") });
    }

    private async Task ReportMissingAsync(Guid eventId, string name)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var person = await db.People.SingleAsync(p => p.EventId == eventId && p.Name == name);
        person.MissingRound = 1;
        person.MissingReportedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
    }
}
