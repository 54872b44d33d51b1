using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Hosting;

[Collection(nameof(BrowserCollection))]
public class ApiReferenceTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheReferencePageShowsTheApiWithNoErrorAndNoCspViolation()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        var problems = new List<string>();
        var offSite = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(browser.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                offSite.Add(request.Url);
            }
        };
        // A violation that the console might not name is caught where it happens, and kept on the page for the test to read.
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);

        await page.GotoAsync("/api");

        await Expect(page).ToHaveURLAsync(browser.Url("/api/"));
        // Deleting an event is a host route: the page lists it, and its request needs the host key.
        var delete = page.GetByRole(AriaRole.Link, new() { Name = "Delete the event and its personal data" });
        await Expect(delete).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await delete.ClickAsync();
        await Expect(page.GetByText("X-Host-Key").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "api-reference.png") });

        var violations = await page.EvaluateAsync<string[]>("window.__cspViolations");
        violations.Should().BeEmpty("the page's own CSP allows everything it does");
        problems.Should().BeEmpty();
        offSite.Should().BeEmpty("the page loads nothing from another site (no CDN, no fonts, no telemetry)");
    }
}
