using System.Net.Http.Json;
using FlashMentoring.Browser.Tests.Plans;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

/// <summary>The board speaks the event's language, whatever the projector's browser says, and reads from the back of a room.</summary>
[Collection(nameof(BrowserCollection))]
public class BoardSpanishTests(BrowserFixture browser)
{
    private static readonly string SampleRoster = File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "samples", "roster-100x25.csv"));

    // Text and the background behind it (the nearest ancestor that paints one), as WCAG computes their contrast.
    private const string Contrasts = @"(selectors) => {
        const rgb = (css) => css.match(/[\d.]+/g).map(Number);
        const luminance = ([r, g, b]) => {
          const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        };
        const background = (node) => {
          for (let n = node; n; n = n.parentElement) {
            const color = rgb(getComputedStyle(n).backgroundColor);
            if (color.length < 4 || color[3] > 0) return color.slice(0, 3);
          }
          return [255, 255, 255];
        };
        return selectors.flatMap((selector) => [...document.querySelectorAll(selector)].slice(0, 3).map((node) => {
          const style = getComputedStyle(node);
          const [a, b] = [luminance(rgb(style.color)), luminance(background(node))];
          return { selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), px: parseFloat(style.fontSize), weight: Number(style.fontWeight), shown: node.getClientRects().length > 0 };
        }));
      }";

    private static async Task<SmallEvent> SpanishEventInRoundOneAsync(BrowserFixture browser)
    {
        var e = await SmallEvent.CreateAsync(browser, SampleRoster, rounds: 6, seatsPerTable: 4, roundMinutes: 15);
        (await e.Host.PutAsJsonAsync($"/api/events/{e.Id}/language", new { language = "es" })).EnsureSuccessStatusCode();
        await e.ClockAsync("start");
        return e;
    }

    [Fact]
    public async Task AnEnglishProjectorShowsASpanishEventsBoardInSpanishWithNoEnglishLeft()
    {
        using var e = await SpanishEventInRoundOneAsync(browser);
        await using var projector = await browser.NewScreenAsync(1920, 1080, "en-US");
        var board = await projector.NewPageAsync();

        await board.GotoAsync($"/board/{e.Id}");

        // The page reloads itself once in the event's language, and stays there.
        await Expect(board).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?lang=es$"));
        await Expect(board.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Ronda 1 de 6");
        await Expect(board.Locator("#tables li")).ToHaveCountAsync(25);
        await Expect(board.Locator("#prompt")).ToHaveTextAsync("Tema para conversar: ¿Qué le habría gustado saber en su primer año aquí?");
        await Expect(board.Locator("#join-title")).ToHaveTextAsync("Únase desde su teléfono");
        await Expect(board.Locator("#tables-title")).ToHaveTextAsync("Mesas, ronda 1");
        await Expect(board.Locator("#sound")).ToHaveTextAsync("Activar el sonido");
        await Expect(board.Locator("#countdown")).ToHaveAttributeAsync("aria-label", "Tiempo restante");
        (await board.TitleAsync()).Should().Be("Event day - pantalla");

        EnglishLeft.In(await EnglishLeft.ShownAsync(board)).Should().BeEmpty("the host chose Spanish for the board");
        (await EnglishLeft.AccessibilityProblemsAsync(board)).Should().BeEmpty("the board meets WCAG 2.1 AA in Spanish too (axe-core)");
        await board.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "board-es-1080p.png") });

        // The change of tables names the coming round, in Spanish too.
        await e.ClockAsync("skip", new { expectedRound = 1 });
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Cambio de mesa para la ronda 2");
        EnglishLeft.In(await EnglishLeft.ShownAsync(board)).Should().BeEmpty();
    }

    [Fact]
    public async Task WhenTheHostSwitchesTheEventToEnglishTheOpenBoardFollowsAtOnce()
    {
        using var e = await SpanishEventInRoundOneAsync(browser);
        await using var projector = await browser.NewScreenAsync(1280, 720, "es-MX");
        var board = await projector.NewPageAsync();
        await board.GotoAsync($"/board/{e.Id}");
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Ronda 1 de 6");
        board.Url.Should().NotContain("lang=", "a Spanish projector already shows a Spanish event");

        // Set up before the doors open, or fixed mid-round: the projector does not wait for the next round to follow.
        (await e.Host.PutAsJsonAsync($"/api/events/{e.Id}/language", new { language = "en" })).EnsureSuccessStatusCode();

        await Expect(board.Locator("#phase")).ToHaveTextAsync("Round 1 of 6");
        await Expect(board).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?lang=en$"));
        await Expect(board.Locator("#tables li")).ToHaveCountAsync(25);
    }

    [Fact]
    public async Task TheBoardsTextIsLargeAndContrastedEnoughForTheBackOfARoom()
    {
        using var e = await SpanishEventInRoundOneAsync(browser);
        await using var projector = await browser.NewScreenAsync(1920, 1080, "es-MX");
        var board = await projector.NewPageAsync();
        await board.GotoAsync($"/board/{e.Id}");
        await Expect(board.Locator("#tables li")).ToHaveCountAsync(25);
        await Expect(board.Locator("#countdown")).Not.ToBeEmptyAsync();

        var measured = await board.EvaluateAsync<Measure[]>(Contrasts, new[]
        {
            "#title", "#phase", "#countdown", "#prompt", ".table-number", ".table-mentor", ".table-mentees", "#join-title", ".board-join p", "#join-url", "#code", "#sound",
        });

        measured.Should().OnlyContain(m => m.Shown, "every main text of the board is on screen");
        foreach (var m in measured)
        {
            // WCAG 2.1 AA: 4.5:1 for text, 3:1 for large text (24 px, or 18.66 px bold); the tables are read from the back
            // of the room, so they get AAA's 7:1.
            var large = m.Px >= 24 || (m.Px >= 18.66 && m.Weight >= 700);
            var wanted = m.Selector is ".table-number" or ".table-mentor" ? 7 : large ? 3 : 4.5;
            m.Ratio.Should().BeGreaterThanOrEqualTo(wanted, $"{m.Selector} is {m.Px} px on its background");
            m.Px.Should().BeGreaterThanOrEqualTo(24, $"{m.Selector}: no board text smaller than 24 px at 1920x1080");
        }

        measured.Where(m => m.Selector is ".table-number" or ".table-mentor").Should().OnlyContain(m => m.Px >= 36, "table numbers and mentors' names are the board's largest text after the clock");
    }

    [Fact]
    public async Task InSpanishOnASmallProjectorNothingOverflows()
    {
        using var e = await SpanishEventInRoundOneAsync(browser);
        await using var projector = await browser.NewScreenAsync(1280, 720, "es-MX");
        var board = await projector.NewPageAsync();
        await board.GotoAsync($"/board/{e.Id}");
        await Expect(board.Locator("#tables li")).ToHaveCountAsync(25);
        await Expect(board.Locator("#prompt")).Not.ToBeEmptyAsync();

        var overflows = await board.EvaluateAsync<string[]>(@"() => {
            const wide = [];
            const page = document.documentElement;
            if (page.scrollWidth > page.clientWidth) wide.push(`the page scrolls sideways: ${page.scrollWidth} px`);
            if (page.scrollHeight > page.clientHeight) wide.push(`the page scrolls down: ${page.scrollHeight} px`);
            for (const node of document.querySelectorAll('.board-main *')) {
              if (!node.getClientRects().length || node.closest('.visually-hidden')) continue;
              const box = node.getBoundingClientRect();
              if (box.right > innerWidth + 1 || box.bottom > innerHeight + 1) wide.push(`${node.id || node.className || node.tagName} ends at ${Math.round(box.right)}x${Math.round(box.bottom)}`);
              if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX === 'hidden') wide.push(`${node.className || node.tagName} cuts off ""${node.textContent}""`);
            }
            return wide;
          }");

        await board.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "board-es-720p.png") });
        overflows.Should().BeEmpty("a projector cannot scroll, and a name cut off cannot be read");
    }

    /// <summary>One text's contrast against its background, its size and weight, and whether it is on screen.</summary>
    public sealed class Measure
    {
        public string Selector { get; set; } = "";

        public double Ratio { get; set; }

        public double Px { get; set; }

        public double Weight { get; set; }

        public bool Shown { get; set; }
    }
}
