using Deque.AxeCore.Playwright;
using FlashMentoring.Kits.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Kits;

[Collection(nameof(BrowserCollection))]
public class KitRejectedLinesTests(BrowserFixture browser)
{
    [Fact]
    public async Task AKitFromARosterWithBadLinesNamesThemOnThePageAndOnTheKitsFirstPage()
    {
        var roster = (await File.ReadAllTextAsync(Path.Combine(BrowserFixture.RepositoryRoot, "samples", "roster-100x25.csv"))).TrimEnd() +
                     "\nmentee,,nobody@va.gov,VA,,,,,,,\nmentee,Ben Ray,not-an-email,VA,,,,,,,\n";
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/kit");
        await page.GetByLabel("or paste it here").FillAsync(roster);
        foreach (var part in new[] { "Host guide", "Master grid", "Itineraries", "Name badges", "Feedback forms" })
        {
            await page.Locator("#roster-parts").GetByLabel(part).UncheckAsync();
        }

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Make the kit", Exact = true }).ClickAsync());
        var file = Path.Combine(BrowserFixture.Screenshots, "kit-left-out.pdf");
        await download.SaveAsAsync(file);

        await Expect(page.Locator("#roster-status")).ToContainTextAsync("Ready: 26 pages");
        await Expect(page.Locator("#roster-status")).ToContainTextAsync("2 lines of the roster were left out: see the list below.");
        var lines = page.GetByRole(AriaRole.Region, new() { Name = "Lines to fix" });
        await Expect(lines).ToBeVisibleAsync();
        await Expect(lines.GetByRole(AriaRole.Row).Filter(new() { HasText = "Line 127" })).ToContainTextAsync("name is blank");
        await Expect(lines.GetByRole(AriaRole.Row).Filter(new() { HasText = "Line 128" })).ToContainTextAsync("email");
        Poppler.Page(await File.ReadAllBytesAsync(file), 1).Should().Contain("2 roster lines left out").And.Contain("Line 127").And.Contain("Line 128");
        await lines.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "kit-left-out.png") });
        var axe = await page.RunAxe();
        axe.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty("the list must work with a screen reader");
    }
}
