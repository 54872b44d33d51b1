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
}
