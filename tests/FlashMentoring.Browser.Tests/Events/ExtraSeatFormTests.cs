using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests.Events;

[Collection(nameof(BrowserCollection))]
public class ExtraSeatFormTests(BrowserFixture browser)
{
    [Fact]
    public async Task AHostTicksTheExtraSeatWhenCreatingTheEventAndTheEventKeepsIt()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Title").FillAsync("Extra seat");

        var extraSeat = page.GetByLabel("a table may take one extra mentee");
        (await extraSeat.IsCheckedAsync()).Should().BeFalse("the extra seat is off unless the host asks");
        await extraSeat.CheckAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "create-extra-seat.png"), FullPage = true });
        var axe = await page.RunAxe();
        axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").Should().BeEmpty();
        await page.CreateTheEventAsync();

        var eventId = new Uri(page.Url).Segments[^1];
        using var http = browser.Http();
        var view = await http.GetFromJsonAsync<JsonElement>($"/api/events/{eventId}");
        view.GetProperty("extraSeatWhenShort").GetBoolean().Should().BeTrue("the event remembers the host's choice for the re-plans on the day");
    }
}
