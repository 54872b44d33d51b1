using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Hosting;

/// <summary>
/// A host whose browser speaks Spanish: the create page and the console in Spanish, the whole flow (create, import,
/// start, next round, check-in) done with the keyboard alone, and the event's language picked for the board.
/// </summary>
[Collection(nameof(BrowserCollection))]
public partial class HostConsoleSpanishTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Spanish = "es-MX";
    private const string Roster = "role,name,email,agency\nmentor,Mona Lisa,mona@hhs.gov,HHS\nmentor,Omar Khayyam,omar@opm.gov,OPM\n" +
                                  "mentee,Ann Lee,ann@va.gov,VA\nmentee,Ben Okafor,ben@va.gov,VA\nmentee,Cy Young,cy@va.gov,DOD\nmentee,Dee Walker,dee@va.gov,DOD\n";

    // The focused element's accessible name, as a screen reader says it for these controls: aria-label, aria-labelledby,
    // the label of a field, else its text.
    private const string FocusedName = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return '';
          const text = (n) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (e.getAttribute('aria-label')) return e.getAttribute('aria-label');
          const by = e.getAttribute('aria-labelledby');
          if (by) return by.split(' ').map((id) => text(document.getElementById(id))).join(' ');
          if (e.labels && e.labels.length) return text(e.labels[0]);
          return text(e);
        }
        """;

    // A focus indicator a sighted keyboard user sees: an outline or a shadow around the focused element.
    private const string FocusShows = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return false;
          const s = getComputedStyle(e);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow !== '' && s.boxShadow !== 'none');
        }
        """;

    // What a reader meets on the page: its visible text, and the names and hints of its visible elements.
    private const string PageWords = """
        () => [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')]
          .filter((e) => e.checkVisibility())
          .flatMap((e) => ['aria-label', 'title', 'alt', 'placeholder'].map((a) => e.getAttribute(a) ?? ''))].join('\n')
        """;

    [Fact]
    public async Task ASpanishHostCreatesImportsStartsMovesOnAndChecksSomeoneInWithTheKeyboardAlone()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 800, Spanish);
        var page = await laptop.NewPageAsync();
        // Listened for from the start: Playwright then intercepts file choosers long before the key that opens one, where
        // a wait set up with the key press lost the chooser twice in full CI runs (never when run alone).
        var chosen = new TaskCompletionSource<IFileChooser>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.FileChooser += (_, opened) => chosen.TrySetResult(opened);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Crear un evento" })).ToBeVisibleAsync();
        await Expect(page.Locator("#title")).ToHaveValueAsync("Mentoría relámpago de primavera");

        // Create: the page's language goes with the event.
        await TabToAsync(page, "Crear el evento");
        await page.ExplainingAsync("No host console after creating with the keyboard", async () =>
        {
            await page.Keyboard.PressAsync("Enter");
            await page.ArriveAtAsync(HostPage());
        });
        await Expect(page.Locator("#phase")).ToHaveTextAsync("Todavía no empieza");
        // The console has drawn its first stage (as the English keyboard test waits too): keys go to the controls it shows.
        await page.WaitForFunctionAsync("() => document.body.dataset.stage === 'before'");
        await Expect(page.Locator("#event-language")).ToHaveValueAsync("es");
        await Expect(page.Locator("#board-link")).ToHaveAttributeAsync("href", new Regex(@"^/board/[0-9a-f-]+\?lang=es$"));

        // Import: the file input opens its chooser from the keyboard, then the upload button plans.
        await TabToAsync(page, "Subir un archivo CSV");
        await Expect(page.Locator("#file")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        var chooser = await chosen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await chooser.SetFilesAsync(new FilePayload { Name = "lista.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Roster) });
        await Expect(page.Locator("#file-note")).Not.ToBeEmptyAsync();
        await TabToAsync(page, "Subir y planificar");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Se planificaron 6 rondas para 6 personas.");
        await Expect(page.Locator("#quality")).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "the quality card, after the upload");
        await NoEnglishAsync(page, "after the import");

        // Start: back up to it from the result; the focus then moves to the next control, not to the page.
        await TabToAsync(page, "Empezar", key: "Shift+Tab", most: 12);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Empezar: hecho.");
        await Expect(page.Locator("#phase")).ToHaveTextAsync("Ronda 1 de 6");
        (await page.EvaluateAsync<string>(FocusedName)).Should().Be("Pausar");
        await FocusIsVisibleAsync(page, "Pausar, after Start went");

        // Next round: the room changes tables; the button stays, and so does the focus.
        await TabToAsync(page, "Siguiente ronda");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Siguiente ronda: hecho. Cambio de mesa para la ronda 2.");
        (await page.EvaluateAsync<string>(FocusedName)).Should().Be("Siguiente ronda");
        await FocusIsVisibleAsync(page, "Siguiente ronda");

        // Check-in: the list is drawn again, so the focus goes to what the change did.
        await TabToAsync(page, "Ausente: Ann Lee", most: 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#checkin-message")).ToContainTextAsync(new Regex("^Ann Lee sale a partir de la ronda \\d\\. "));
        await Expect(page.Locator("#checkin-result")).ToBeFocusedAsync();
        await FocusIsVisibleAsync(page, "the check-in's result");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Presente: Ann Lee" })).ToHaveAttributeAsync("aria-pressed", "false");
        await NoEnglishAsync(page, "while the rounds run");
    }

    [Fact]
    public async Task TheBoardLinkOpensTheBoardInTheLanguageTheHostPicks()
    {
        var (id, key) = await PlannedAsync("Idioma");
        await using var laptop = await browser.NewScreenAsync(1280, 800, Spanish);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync($"/host/{id}#key={key}");
        await Expect(host.GetByLabel("Idioma de la pantalla, el kit y los correos")).ToHaveValueAsync("es");

        await host.GetByLabel("Idioma de la pantalla, el kit y los correos").SelectOptionAsync("en");
        await Expect(host.Locator("#event-language-status")).ToHaveTextAsync("La pantalla, el kit y los correos ahora están en English.");
        await Expect(host.Locator("#board-link")).ToHaveAttributeAsync("href", $"/board/{id}?lang=en");
        using var http = browser.Http();
        (await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}")).GetProperty("language").GetString().Should().Be("en", "the server keeps the host's choice");

        var board = await laptop.RunAndWaitForPageAsync(() => host.Locator("#board-link").ClickAsync());
        await Expect(board.Locator("html")).ToHaveAttributeAsync("lang", "en", new() { Timeout = 15_000 });
        (await host.Locator("html").GetAttributeAsync("lang")).Should().Be("es", "the console still follows the host's own browser");
    }

    [Fact]
    public async Task TheSpanishConsoleFitsAPhoneAndALaptop()
    {
        var (id, key) = await PlannedAsync("Mentoría relámpago de primavera");
        foreach (var (width, height) in new[] { (1280, 800), (320, 800) })
        {
            await using var screen = await browser.NewScreenAsync(width, height, Spanish);
            var host = await screen.NewPageAsync();
            await host.GotoAsync($"/host/{id}#key={key}");
            await Expect(host.Locator("#quality-words li").First).ToBeVisibleAsync();
            await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "Ajustar a mano" })).ToBeVisibleAsync();
            await FitsAsync(host, width, "before the start");
            await host.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, $"console-es-{width}.png"), FullPage = width == 320 });

            if (width == 1280)
            {
                await host.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-es-1280-full.png"), FullPage = true });
                continue;
            }

            await host.GetByRole(AriaRole.Button, new() { Name = "Empezar" }).ClickAsync();
            await Expect(host.Locator("#phase")).ToHaveTextAsync("Ronda 1 de 6");
            await FitsAsync(host, width, "while the rounds run");
            await host.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "console-es-live-320.png"), FullPage = true });
        }
    }

    /// <summary>Presses <paramref name="key"/> until the focus is on <paramref name="name"/>; fails with every name it passed.</summary>
    private static async Task TabToAsync(IPage page, string name, string key = "Tab", int most = 40)
    {
        var passed = new List<string>();
        for (var presses = 0; presses < most; presses++)
        {
            await page.Keyboard.PressAsync(key);
            var focused = await page.EvaluateAsync<string>(FocusedName);
            if (focused == name)
            {
                await FocusIsVisibleAsync(page, name);
                return;
            }

            passed.Add(focused);
        }

        passed.Should().Contain(name, $"{key} reaches \"{name}\" within {most} presses");
    }

    private static async Task FocusIsVisibleAsync(IPage page, string what) =>
        (await page.EvaluateAsync<bool>(FocusShows)).Should().BeTrue($"the focus on {what} is visible");

    // Every English sentence of the console's texts that Spanish says differently: none may show on a Spanish page.
    private async Task NoEnglishAsync(IPage page, string when)
    {
        var words = await page.EvaluateAsync<string>(PageWords);
        var english = new List<string>();
        foreach (var (key, en, es) in ConsoleTexts())
        {
            foreach (var phrase in Phrases(en).Where(p => p.Length >= 12 && !es.Contains(p, StringComparison.Ordinal)))
            {
                if (words.Contains(phrase, StringComparison.Ordinal))
                {
                    english.Add($"{key}: \"{phrase}\"");
                }
            }
        }

        output.WriteLine($"{when}: checked the page's words against the console's English texts");
        english.Should().BeEmpty($"the console in Spanish shows no English {when}");
    }

    /// <summary>(key, English, Spanish) of every text of the console's areas; plural forms one by one.</summary>
    private static IEnumerable<(string Key, string En, string Es)> ConsoleTexts()
    {
        foreach (var area in new[] { "host", "create", "checkin", "report", "history" })
        {
            using var en = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "locales", "en", $"{area}.json")));
            using var es = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "locales", "es", $"{area}.json")));
            foreach (var entry in en.RootElement.EnumerateObject())
            {
                var spanish = es.RootElement.GetProperty(entry.Name);
                if (entry.Value.ValueKind == JsonValueKind.String)
                {
                    yield return ($"{area}.{entry.Name}", entry.Value.GetString()!, spanish.GetString()!);
                    continue;
                }

                var allSpanish = string.Join('\n', spanish.EnumerateObject().Select(f => f.Value.GetString()));
                foreach (var form in entry.Value.EnumerateObject())
                {
                    yield return ($"{area}.{entry.Name}.{form.Name}", form.Value.GetString()!, allSpanish);
                }
            }
        }
    }

    // The fixed words of a text: what lies between its placeholders and markup.
    private static IEnumerable<string> Phrases(string text) => Placeholder().Split(text).Select(p => p.Trim());

    private async Task<(string Id, string Key)> PlannedAsync(string title)
    {
        using var http = browser.Http();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        var created = await (await http.PostAsJsonAsync("/api/events", new { title, startsAt = DateTimeOffset.UtcNow.AddDays(1) })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var key = created.GetProperty("hostKey").GetString()!;
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (id, key);
    }

    // Nothing wider than the screen: no sideways scrolling, no card cut off on the right.
    private async Task FitsAsync(IPage page, int width, string when)
    {
        var wide = await page.EvaluateAsync<string[]>("""
            (width) => [...document.querySelectorAll('body *')]
              .filter((e) => e.checkVisibility() && !e.closest('.scroll') && e.getBoundingClientRect().right > width + 1)
              .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}: ${Math.round(e.getBoundingClientRect().right)}px`)
            """, width);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        output.WriteLine($"{width} px {when}: page {scrollWidth} px wide; too wide: {string.Join("; ", wide)}");
        scrollWidth.Should().BeLessThanOrEqualTo(width, $"the Spanish console scrolls only up and down at {width} px {when} (too wide: {string.Join("; ", wide)})");
        wide.Should().BeEmpty($"nothing is cut off at {width} px {when}");
    }

    private static Regex HostPage() => new("/host/[0-9a-f-]+#key=");

    [GeneratedRegex(@"\{[A-Za-z]+\}|<[^>]+>")]
    private static partial Regex Placeholder();
}
