using FlashMentoring.Browser.Tests.Plans;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Kits;

/// <summary>The kit page in Spanish: its words, and the kit's language asked for with every kit it makes.</summary>
[Collection(nameof(BrowserCollection))]
public class KitPageSpanishTests(BrowserFixture browser)
{
    [Fact]
    public async Task ASpanishPageAsksForASpanishKitUnlessTheHostPicksAnother()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900, "es-MX");
        var page = await laptop.NewPageAsync();
        var asked = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("/api/kits/", StringComparison.Ordinal))
            {
                asked.Add(request.Url);
            }
        };
        await page.GotoAsync("/kit");

        var blank = page.Locator("#blank-form");
        await Expect(blank.GetByLabel("Idioma del kit")).ToHaveValueAsync("es");
        await Expect(blank.GetByLabel("Idioma del kit").Locator("option")).ToHaveTextAsync(["English", "Español"]);
        await Expect(blank.GetByLabel("Título del evento")).ToHaveValueAsync("Mentoría relámpago");
        await blank.GetByLabel("Mesas (mentores)").FillAsync("3");
        await blank.GetByLabel("Rondas").FillAsync("2");
        await blank.GetByRole(AriaRole.Button, new() { Name = "Hacer el kit en blanco" }).ClickAsync();
        await Expect(page.Locator("#blank-status")).ToContainTextAsync("Listo:", new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Descargar el kit" })).ToBeVisibleAsync();

        // The roster's kit, in English for an English-speaking office: the host's pick goes with it.
        var roster = page.Locator("#roster-form");
        await roster.GetByLabel("o péguela aquí").FillAsync("role,name\nmentor,Mona Lisa\nmentee,Ann Lee\nMentr,Typo\n");
        await roster.GetByLabel("Idioma del kit").SelectOptionAsync("en");
        await roster.GetByRole(AriaRole.Button, new() { Name = "Hacer el kit" }).ClickAsync();
        await Expect(page.Locator("#roster-status")).ToContainTextAsync("Se dejó fuera 1 línea de la lista de participantes", new() { Timeout = 60_000 });

        asked.Should().HaveCount(2);
        asked[0].Should().Contain("/api/kits/blank/jobs?").And.Contain("lang=es");
        asked[1].Should().Contain("/api/kits/jobs?").And.Contain("lang=en");
        await Expect(page.Locator("#problems")).ToContainTextAsync("Líneas que corregir");
        EnglishLeft.In(await EnglishLeft.ShownAsync(page)).Should().BeEmpty("the page follows the browser's Spanish");
        (await EnglishLeft.AccessibilityProblemsAsync(page)).Should().BeEmpty("the kit page meets WCAG 2.1 AA in Spanish too (axe-core)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "kit-page-es.png"), FullPage = true });
    }
}
