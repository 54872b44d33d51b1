using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Plans;

/// <summary>A host whose browser speaks Spanish plans the sample roster and reads the plan and its quality in Spanish.</summary>
[Collection(nameof(BrowserCollection))]
public class PlannerSpanishTests(BrowserFixture browser)
{
    private static readonly string SampleRoster = Path.Combine(BrowserFixture.RepositoryRoot, "samples", "roster-100x25.csv");

    [Fact]
    public async Task ASpanishBrowserPlansTheSampleRosterAndReadsThePlanAndItsQualityInSpanish()
    {
        await using var laptop = await browser.NewScreenAsync(1366, 900, "es-MX");
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/plan.html");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        await page.GetByLabel("Subir un archivo CSV").SetInputFilesAsync(SampleRoster);
        await Expect(page.Locator("#file-note")).ToContainTextAsync("se enviará tal como está");
        await page.GetByLabel("Aprendices por mesa").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Planificar la rotación" }).ClickAsync();

        await Expect(page.Locator("#grid")).ToBeVisibleAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Se planificaron 6 rondas con 25 mesas en");
        var words = page.Locator("#quality-words");
        await Expect(words).ToContainTextAsync("Nadie conoce dos veces al mismo mentor");
        await Expect(words).ToContainTextAsync("solicitudes de un mentor en particular");
        await Expect(words).ToContainTextAsync("del mejor plan de rotación posible");
        await Expect(page.Locator("#grid thead")).ToContainTextAsync("Ronda 6");
        await page.GetByText("Las cifras detrás de esto").ClickAsync();
        await Expect(page.Locator("#figures dt", new() { HasText = "Aprendices que se vuelven a encontrar" })).ToBeVisibleAsync();

        // Why each mentee sits where they sit, on hover: worded by the page, in Spanish.
        (await page.Locator("#grid li").First.GetAttributeAsync("title")).Should().StartWith("puntuación ").And.Contain("una reunión (+10)");
        EnglishLeft.In(await EnglishLeft.ShownAsync(page)).Should().BeEmpty("the page follows the browser's Spanish");
        (await EnglishLeft.AccessibilityProblemsAsync(page)).Should().BeEmpty("the planner meets WCAG 2.1 AA in Spanish too (axe-core)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "planner-es.png"), FullPage = false });
    }

    [Theory]
    [InlineData("/plan.html")]
    [InlineData("/kit")]
    public async Task InSpanishAt320PixelsWideNothingIsCutOffOrScrollsSideways(string path)
    {
        await using var phone = await browser.NewPhoneAsync("es-MX");
        var page = await phone.NewPageAsync();
        await page.SetViewportSizeAsync(320, 740);
        await page.GotoAsync(path);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("form button[type=submit]").First).ToBeEnabledAsync();

        var wide = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('body *')]
            .filter((n) => n.getClientRects().length && !n.closest('.scroll') && n.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map((n) => `${n.tagName}#${n.id}: ${n.textContent.trim().slice(0, 40)}`)");

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(320);
        wide.Should().BeEmpty();
        EnglishLeft.In(await EnglishLeft.ShownAsync(page)).Should().BeEmpty();
    }
}
