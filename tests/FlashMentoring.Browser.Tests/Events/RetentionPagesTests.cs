using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Events;

[Collection(nameof(BrowserCollection))]
public class RetentionPagesTests(BrowserFixture browser)
{
    // Other numbers than the defaults the pages carry, so the test fails if a page does not take the server's.
    private const string Rules = """{"afterEndDays":45,"draftDays":12,"storedPerDevice":20}""";

    [Fact]
    public async Task ThePrivacyNoticeStatesTheServersRetentionInDaysAndReadsWithAScreenReader()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.RouteAsync("**/api/retention", route => route.FulfillAsync(new() { ContentType = "application/json", Body = Rules }));

        await page.GotoAsync("/");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "privacy notice" }).ClickAsync();

        await Expect(page.Locator("#retention-rule")).ToContainTextAsync("45 days after the event ends");
        await Expect(page.Locator("#retention-rule")).ToContainTextAsync("12 days after its date");
        var axe = await page.RunAxe();
        axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").Should().BeEmpty("the privacy notice must work with a screen reader");
    }

    [Fact]
    public async Task TheHostConsoleSaysWhenTheEventsPersonalDataWillBeDeleted()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Retention", startsAt = DateTimeOffset.UtcNow.AddDays(1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var keptUntil = (await http.GetFromJsonAsync<JsonElement>($"/api/events/{created.GetProperty("id").GetGuid()}")).GetProperty("personalDataKeptUntil").GetDateTimeOffset();
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var host = await laptop.NewPageAsync();
        await host.RouteAsync("**/api/retention", route => route.FulfillAsync(new() { ContentType = "application/json", Body = Rules }));

        await host.GotoAsync(created.GetProperty("hostLink").GetString()!);

        var date = await host.EvaluateAsync<string>("iso => new Date(iso).toLocaleDateString([], { dateStyle: 'long' })", keptUntil.ToString("O"));
        await Expect(host.Locator("#retention")).ToContainTextAsync($"deleted automatically on {date}, 12 days after its date");
        await Expect(host.Locator("#retention")).ToContainTextAsync("kept until 45 days after it ends");
        await Expect(host.Locator("#delete-event")).ToBeVisibleAsync();
    }
}
