using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Events;

[Collection(nameof(BrowserCollection))]
public class CreatePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task ADayThatHasPassedIsRefusedWithAMessageBeforeAnythingIsCreated()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/");
        var yesterday = await page.EvaluateAsync<string>("() => { const d = new Date(); d.setDate(d.getDate() - 1); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }");

        await page.GetByLabel("Date").FillAsync(yesterday);
        await Expect(page.Locator("#when-note")).ToHaveTextAsync("That date has passed. Pick today or a later day.");
        var creates = 0;
        page.Request += (_, request) => { if (request.Method == "POST" && request.Url.EndsWith("/api/events", StringComparison.Ordinal)) creates++; };
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync();

        await Expect(page.GetByLabel("Date")).ToBeFocusedAsync();
        creates.Should().Be(0, "nothing was created");
        page.Url.Should().Be(browser.Url("/"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "create-past-date.png") });
    }

    [Fact]
    public async Task TodayAtAnHourGoneIsSaidPlainlyAndStillCreates()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByLabel("Start time").FillAsync("00:00");
        await Expect(page.Locator("#when-note")).ToHaveTextAsync("Today at 00:00 has already passed. That is fine to run the event now; otherwise change the start time.");
        await page.CreateTheEventAsync();
    }
}
