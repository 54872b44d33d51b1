using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

/// <summary>The participant's phone in Spanish: joining, following the rounds, the switch that sticks to the link.</summary>
[Collection(nameof(BrowserCollection))]
public partial class SpanishPhoneTests(BrowserFixture browser)
{
    private const string Roster = "role,name,agency\nmentor,Mona Lisa,HHS\nmentor,Omar Khayyam,OPM\nmentee,Ann Lee,VA\nmentee,Ben Okafor,VA\nmentee,Cy Young,GSA\nmentee,Dee Park,GSA\n";

    // Counts every change of the screen-reader announcement region, from before the page's own scripts run.
    private const string CountAnnouncements = """
        window.__announcements = [];
        new MutationObserver((records) => {
          const region = document.getElementById('announce');
          for (const record of records) {
            if (region && (record.target === region || region.contains(record.target))) window.__announcements.push(region.textContent);
          }
        }).observe(document, { childList: true, characterData: true, subtree: true });
        """;

    [Fact]
    public async Task ASpanishPhoneJoinsByCodeAndFollowsTwoRoundsInSpanish()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster, rounds: 2);
        var code = (await e.Host.GetFromJsonAsync<JsonElement>($"/api/events/{e.Id}")).GetProperty("joinCode").GetString()!;
        await using var context = await browser.NewPhoneAsync("es-MX");
        var phone = await context.NewPageAsync();
        var errors = new List<string>();
        phone.PageError += (_, error) => errors.Add(error);

        await phone.GotoAsync($"/join?code={code}");
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await phone.GetByLabel("Busque su nombre").FillAsync("Ann");
        await Expect(phone.Locator("#status")).ToHaveTextAsync("Hay 6 personas en la lista. Toque su nombre.");
        await NoEnglishAsync(phone, "the join page");
        await NoSeriousAccessibilityProblemsAsync(phone, "the Spanish join page");
        await phone.PickYourNameAsync("Ann Lee");

        await Expect(phone.Locator("#greeting")).ToHaveTextAsync("Hola, Ann Lee");
        await Expect(phone.Locator("#phase")).ToHaveTextAsync("Todavía no empieza");
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Vaya a la Mesa {e.TableOf("Ann Lee", 1)}");
        await Expect(phone.Locator("#countdown")).ToContainTextAsync("Hora de inicio: ");
        await NoEnglishAsync(phone, "the phone before the start");

        await e.ClockAsync("start");
        await Expect(phone.Locator("#phase")).ToHaveTextAsync("Ronda 1 de 2");
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Usted está en la Mesa {e.TableOf("Ann Lee", 1)}");
        await Expect(phone.Locator("#mentor")).ToContainTextAsync(new Regex("(Mona Lisa|Omar Khayyam)"));
        await Expect(phone.Locator("#prompt-box h3")).ToHaveTextAsync("Tema para conversar");
        await Expect(phone.Locator("#announce")).ToHaveTextAsync($"Empezó la ronda 1. Vaya a la Mesa {e.TableOf("Ann Lee", 1)}.");
        await NoEnglishAsync(phone, "round 1");
        await NoSeriousAccessibilityProblemsAsync(phone, "the Spanish phone");
        await ScreenshotsAsync(phone, "phone-es-round");

        await e.ClockAsync("skip", new { expectedRound = 1 });
        await Expect(phone.Locator("#phase")).ToHaveTextAsync("Cambio de mesa para la ronda 2");
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Vaya a la Mesa {e.TableOf("Ann Lee", 2)}");
        await Expect(phone.Locator("#announce")).ToHaveTextAsync($"Cambio de mesa. Vaya a la Mesa {e.TableOf("Ann Lee", 2)} para la ronda 2.");
        await Expect(phone.Locator("#rate-title")).ToHaveTextAsync(new Regex("^¿Cómo fue la ronda 1 con (Mona Lisa|Omar Khayyam)\\?$"));
        await NoEnglishAsync(phone, "the change of tables");
        await ScreenshotsAsync(phone, "phone-es-change");

        await e.ClockAsync("skip", new { expectedRound = 1 });
        await Expect(phone.Locator("#phase")).ToHaveTextAsync("Ronda 2 de 2");
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Usted está en la Mesa {e.TableOf("Ann Lee", 2)}");
        await phone.Locator("#itinerary-card summary").ClickAsync();
        await Expect(phone.Locator("#itinerary li").First).ToHaveTextAsync(new Regex("^Ronda 1: Mesa [12] - (Mona Lisa|Omar Khayyam)$"));
        await NoEnglishAsync(phone, "round 2 with the itinerary open");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task APhoneSwitchedToSpanishStaysSpanishOnItsLinkEvenInAFreshBrowser()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster, rounds: 2);
        await using var first = await browser.NewPhoneAsync();
        var phone = await first.NewPageAsync();
        await phone.GotoAsync(e.Link("Ben Okafor"));
        await Expect(phone.Locator("#greeting")).ToHaveTextAsync("Hello, Ben Okafor");

        await phone.GetByRole(AriaRole.Navigation, new() { Name = "Language" }).GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(phone.Locator("#greeting")).ToHaveTextAsync("Hola, Ben Okafor");
        await Expect(phone.GetByRole(AriaRole.Navigation, new() { Name = "Idioma" }).GetByRole(AriaRole.Button, new() { Name = "English" })).ToHaveAttributeAsync("lang", "en");

        // Another browser, set to English, opens the same link: the person's choice wins, once, and stays.
        await using var second = await browser.NewPhoneAsync("en-US");
        var laptop = await second.NewPageAsync();
        await laptop.GotoAsync(e.Link("Ben Okafor"));
        await Expect(laptop.Locator("#greeting")).ToHaveTextAsync("Hola, Ben Okafor");
        await Expect(laptop.Locator("html")).ToHaveAttributeAsync("lang", "es");
        laptop.Url.Should().Contain("lang=es");
        await Expect(laptop.Locator("#phase")).ToHaveTextAsync("Todavía no empieza");

        // And back: English on the second device is stored too, and the first device follows on its next load.
        await laptop.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(laptop.Locator("#greeting")).ToHaveTextAsync("Hello, Ben Okafor");
        laptop.Url.Should().NotContain("lang=");
    }

    [Fact]
    public async Task AJoinLinkThatNamesSpanishOpensThePhoneAndItsPrivacyNoticeInSpanishOnAnEnglishBrowser()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster, rounds: 2);
        var code = (await e.Host.GetFromJsonAsync<JsonElement>($"/api/events/{e.Id}")).GetProperty("joinCode").GetString()!;
        await using var context = await browser.NewPhoneAsync("en-US");
        var phone = await context.NewPageAsync();

        await phone.GotoAsync($"/join?code={code}&lang=es");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Unirse al evento" })).ToBeVisibleAsync();
        await phone.GetByLabel("Busque su nombre").FillAsync("Dee");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Dee Park" }).ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex(@"/me\?lang=es#t="));
        await Expect(phone.Locator("#greeting")).ToHaveTextAsync("Hola, Dee Park");
        await Expect(phone.Locator("#phase")).ToHaveTextAsync("Todavía no empieza");

        await phone.GetByRole(AriaRole.Link, new() { Name = "Aviso de privacidad" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Aviso de privacidad", Level = 1 })).ToBeVisibleAsync();
        await Expect(phone.Locator("#retention-rule")).ToContainTextAsync(new Regex(@"\d+ días después de que termina"));
        await NoEnglishAsync(phone, "the privacy notice", "privacy");
    }

    [Fact]
    public async Task TheLiveRegionAnnouncesEachRoundChangeOnceAndNotTheTickingClock()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster, rounds: 2);
        await using var context = await browser.NewPhoneAsync();
        await context.AddInitScriptAsync(CountAnnouncements);
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(e.Link("Cy Young"));
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Go to Table {e.TableOf("Cy Young", 1)}");

        // The countdown and the table line are not live regions; only the announcement region is, and it is polite.
        var live = "[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]";
        (await phone.EvaluateAsync<bool>($"s => !!document.getElementById('countdown').closest(s)", live)).Should().BeFalse("a live countdown would talk every second");
        (await phone.EvaluateAsync<bool>($"s => !!document.getElementById('go-to').closest(s)", live)).Should().BeFalse("the table line changes on every re-plan; the announcement says it once");
        await Expect(phone.Locator("#announce")).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(phone.Locator("#countdown")).ToHaveAttributeAsync("aria-hidden", "true");

        await e.ClockAsync("start");
        await Expect(phone.Locator("#phase")).ToHaveTextAsync("Round 1 of 2");
        await e.ClockAsync("skip", new { expectedRound = 1, skipChange = true });
        await Expect(phone.Locator("#phase")).ToHaveTextAsync("Round 2 of 2");

        // The clock ticks on screen twice (page events, not a sleep): nothing more is said.
        var shown = await phone.Locator("#countdown").TextContentAsync();
        await phone.WaitForFunctionAsync("t => document.getElementById('countdown').textContent !== t", shown);
        shown = await phone.Locator("#countdown").TextContentAsync();
        await phone.WaitForFunctionAsync("t => document.getElementById('countdown').textContent !== t", shown);

        var said = await phone.EvaluateAsync<string[]>("() => window.__announcements");
        said.Should().Equal(
            $"Round 1 started. Go to Table {e.TableOf("Cy Young", 1)}.",
            $"Round 2 started. Go to Table {e.TableOf("Cy Young", 2)}.");
    }

    // Every sentence (and every longer piece between placeholders) of the English texts this area owns, that the Spanish
    // text of the same key does not share: none of them may show on a Spanish page.
    private static IReadOnlyList<string> EnglishPhrases(params string[] areas)
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in areas)
        {
            using var en = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "locales", "en", $"{area}.json")));
            using var es = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "locales", "es", $"{area}.json")));
            foreach (var entry in en.RootElement.EnumerateObject())
            {
                var spanish = es.RootElement.GetProperty(entry.Name).ToString();
                var forms = entry.Value.ValueKind == JsonValueKind.Object ? entry.Value.EnumerateObject().Select(f => f.Value.GetString()!) : [entry.Value.GetString()!];
                foreach (var form in forms)
                {
                    foreach (var piece in Placeholder().Split(Markup().Replace(form, "")).Select(p => p.Trim(' ', '.', ',', ':', ';', '-', '(', ')', '"', '?', '!')))
                    {
                        if (piece.Length >= 5 && piece.Any(char.IsLetter) && !spanish.Contains(piece, StringComparison.Ordinal))
                        {
                            phrases.Add(piece);
                        }
                    }
                }
            }
        }

        return phrases.ToList();
    }

    private static async Task NoEnglishAsync(IPage page, string where, params string[] areas)
    {
        var text = await page.EvaluateAsync<string>("() => document.body.innerText + ' ' + document.title");
        var english = EnglishPhrases(areas.Length > 0 ? areas : ["phone", "live", "feedback", "join", "prompts", "privacy"]);
        english.Where(p => text.Contains(p, StringComparison.Ordinal)).Should().BeEmpty($"{where} is in Spanish: {text}");
    }

    private static async Task NoSeriousAccessibilityProblemsAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").Should().BeEmpty($"{what} must work with a screen reader (axe-core)");
    }

    // The phone at 360 and 320 px: saved to look at, and checked for sideways scrolling and words cut off.
    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        foreach (var width in new[] { 360, 320 })
        {
            await page.SetViewportSizeAsync(width, 740);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, $"{name}-{width}.png"), FullPage = true });
            var overflow = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                  .filter((n) => n.offsetParent !== null && n.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                  .map((n) => `${n.tagName}#${n.id}: ${n.textContent.slice(0, 40)}`)
                """);
            overflow.Should().BeEmpty($"nothing sticks out of a {width} px screen");
            var clipped = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('button, a, h1, h2, h3, p, li, summary, label')]
                  .filter((n) => n.offsetParent !== null && !n.closest('.visually-hidden') && n.scrollWidth > n.clientWidth + 1)
                  .map((n) => `${n.tagName}#${n.id}: ${n.textContent.slice(0, 40)}`)
                """);
            clipped.Should().BeEmpty($"no word is cut off inside its box at {width} px");
            (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue($"no sideways scrolling at {width} px");
        }

        await page.SetViewportSizeAsync(360, 740);
    }

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Markup();
}
