using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Kits;

[Collection(nameof(BrowserCollection))]
public class KitPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnOfficeWithoutTheAppDownloadsABlankKitAndSeesItsProgress()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/kit");
        await page.GetByLabel("Tables (mentors)").FillAsync("12");
        await page.GetByLabel("Paper").First.SelectOptionAsync("a4");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Make the blank kit" }).ClickAsync());
        var file = Path.Combine(BrowserFixture.Screenshots, "blank-kit.pdf");
        await download.SaveAsAsync(file);

        download.SuggestedFilename.Should().Be("blank-kit.pdf");
        (await File.ReadAllBytesAsync(file)).Take(4).Should().Equal("%PDF"u8.ToArray());
        await Expect(page.Locator("#blank-status")).ToContainTextAsync("Ready:");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download the kit" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "kit-page.png") });
        var axe = await page.RunAxe();
        axe.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty("the kit page must work with a screen reader");
    }

    [Fact]
    public async Task AHostDownloadsTheEventsKitWithTheHostLinkAndAStrangerCannot()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Kit", startsAt = DateTimeOffset.UtcNow.AddDays(1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        using (var roster = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{id}/roster"))
        {
            roster.Headers.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
            roster.Content = new StringContent(await File.ReadAllTextAsync(Path.Combine(BrowserFixture.RepositoryRoot, "samples", "roster-100x25.csv")), Encoding.UTF8, "text/csv");
            (await http.SendAsync(roster)).EnsureSuccessStatusCode();
        }

        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync(created.GetProperty("hostLink").GetString()!);
        foreach (var part in new[] { "Host guide", "Master grid", "Itineraries", "Name badges", "Feedback forms" })
        {
            await page.Locator("#kit-parts").GetByLabel(part).UncheckAsync();
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Make the kit" }).ClickAsync());
        var file = Path.Combine(BrowserFixture.Screenshots, "event-signs.pdf");
        await download.SaveAsAsync(file);
        var job = await page.EvaluateAsync<JsonElement>("() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/kit-jobs/'))");
        var stranger = await http.GetAsync(new Uri(job.EnumerateArray().Last().GetString()!).PathAndQuery);

        download.SuggestedFilename.Should().Be("signs.pdf");
        (await File.ReadAllBytesAsync(file)).Take(4).Should().Equal("%PDF"u8.ToArray());
        await Expect(page.Locator("#kit-status")).ToContainTextAsync("Ready:");
        stranger.StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden, "the event's kit prints everyone's personal link");
    }
}
