using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Accessibility;

/// <summary>
/// A host who uses no mouse runs the event from the home page: creates it, imports the roster through the file
/// chooser, starts, moves to the next round and checks someone in, with Tab, Shift+Tab, Enter and Space only. Every
/// control the focus lands on shows it, and no action drops the focus to the page itself.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class KeyboardHostFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(A11y.Locales), MemberType = typeof(A11y))]
    public async Task AHostRunsTheEventWithTheKeyboardAloneAndAlwaysSeesWhereTheFocusIs(string locale)
    {
        var folder = Directory.CreateTempSubdirectory("fm-keyboard-");
        var roster = Path.Combine(folder.FullName, "roster.csv");
        await File.WriteAllTextAsync(roster, A11yEvents.LiveRoster.Replace("\r\n", "\n", StringComparison.Ordinal));
        await using var laptop = await browser.NewScreenAsync(1366, 900, locale);
        var page = await laptop.NewPageAsync();
        var keys = new Keys(page, output);

        // The home page: the title, then "Create the event".
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => !document.getElementById('create').disabled");
        await keys.TabToAsync("#title", "the event's title");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Mentoría por teclado");
        await keys.TabToAsync("#create", "Create the event");
        await page.Keyboard.PressAsync("Enter");
        await page.ExplainingAsync("No host console after Enter on Create the event", () => page.ArriveAtAsync(new Regex("/host/")));
        await page.WaitForFunctionAsync("() => document.body.dataset.stage === 'before'");

        // The roster: the file chooser opened from the keyboard, then "Upload and plan".
        await keys.TabToAsync("#file", "the roster's file field");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(roster);
        await Expect(page.Locator("#file-note")).ToContainTextAsync("roster.csv");
        await keys.KeptAsync("choosing the roster file");
        await keys.TabToAsync("#upload", "Upload and plan");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#quality")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#people tr")).ToHaveCountAsync(9);
        await keys.KeptAsync("uploading the roster");

        // Start, then the next round.
        await keys.TabToAsync("[data-command=start]", "Start");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.body.dataset.stage === 'live' && document.getElementById('countdown').textContent.trim()");
        await keys.KeptAsync("starting the event");
        var phase = await page.Locator("#phase").TextContentAsync();
        await keys.TabToAsync("[data-command=skip]", "Next round");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#phase")).Not.ToHaveTextAsync(phase!);
        await keys.KeptAsync("moving to the next round");

        // Check-in: Noé Paz is here.
        var here = page.Locator("#people tr", new() { HasText = "Noé Paz" }).Locator("button[aria-pressed]").First;
        await keys.TabToAsync(here, "Noé Paz's check-in button");
        await page.Keyboard.PressAsync("Space");
        await Expect(here).ToHaveAttributeAsync("aria-pressed", "true");
        await keys.KeptAsync("checking Noé Paz in");

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, $"keyboard-host-{locale[..2]}.png") });
        folder.Delete(recursive: true);
        string.Join(Environment.NewLine, keys.Failures).Should().BeEmpty($"a keyboard user must always see where the focus is, and keep it after each action ({locale})");
    }

    /// <summary>The host's keyboard, and what it noticed on the way: every focused control's indicator, focus lost.</summary>
    private sealed class Keys(IPage page, ITestOutputHelper output)
    {
        private const int MostPresses = 250;

        // The focused element, whether it is a control (which must show the focus), visible, and how its indicator stands
        // out from what is around it (outline or box-shadow, against the background behind the element).
        private const string Focused = "() => {" + A11y.ColourScript + """
              const el = document.activeElement;
              if (!el || el === document.body || el === document.documentElement) return { lost: true };
              // A date or time field's calendar button is the browser's own part, ringed by the browser: the field is then
              // the active element without matching :focus, and its ring cannot be read from here.
              const control = el.matches(':focus') && el.matches('a[href], button, input, select, textarea, summary, [contenteditable], [tabindex]:not([tabindex="-1"])');
              const style = getComputedStyle(el);
              const box = el.getBoundingClientRect();
              const visible = el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && box.width > 1 && box.height > 1;
              const behind = backgroundOf(el.parentElement || el);
              const ratios = [];
              if (style.outlineStyle === 'auto') ratios.push(21); // the browser's own two-tone ring
              else if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ratios.push(ratio(over(rgba(style.outlineColor), behind), behind));
              if (style.boxShadow && style.boxShadow !== 'none') {
                for (const m of style.boxShadow.matchAll(/rgba?\([^)]+\)/g)) ratios.push(ratio(over(rgba(m[0]), behind), behind));
              }
              const best = ratios.length ? Math.max(...ratios) : 0;
              return { lost: false, name: nameOf(el), control, visible, best, matches: `:focus ${el.matches(':focus')}, :focus-visible ${el.matches(':focus-visible')}`, outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, shadow: style.boxShadow, behind: hex(behind) };
            }
            """;

        private readonly HashSet<string> noted = [];

        public List<string> Failures { get; } = [];

        public Task TabToAsync(string selector, string what) => TabToAsync(page.Locator(selector).First, what);

        /// <summary>Presses Tab (or Shift+Tab, when the control is behind the focus) until the control has the focus.</summary>
        public async Task TabToAsync(ILocator target, string what)
        {
            await Expect(target).ToBeVisibleAsync();
            await Expect(target).ToBeEnabledAsync();
            for (var presses = 0; presses <= MostPresses; presses++)
            {
                if (await target.EvaluateAsync<bool>("el => el === document.activeElement"))
                {
                    await CheckAsync(what);
                    output.WriteLine($"{what}: reached in {presses} presses");
                    return;
                }

                var backwards = await target.EvaluateAsync<bool>("el => { const a = document.activeElement; return !!a && a !== document.body && !!(a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING); }");
                await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
                await CheckAsync($"on the way to {what}");
            }

            throw new Xunit.Sdk.XunitException($"{what} never took the focus in {MostPresses} presses of Tab and Shift+Tab. Failures so far: {string.Join("; ", Failures)}");
        }

        /// <summary>After an action: the focus is still on something of the page, not on the page itself.</summary>
        public Task KeptAsync(string action) => CheckAsync($"after {action}", lostIsFailure: true);

        private async Task CheckAsync(string when, bool lostIsFailure = false)
        {
            var focused = await page.EvaluateAsync<JsonElement>(Focused);
            if (focused.GetProperty("lost").GetBoolean())
            {
                // Tab past the last control leaves the page for the browser's own bar; it comes back on the next press.
                if (lostIsFailure)
                {
                    Failures.Add($"focus lost to <body> {when}");
                }

                return;
            }

            var name = focused.GetProperty("name").GetString()!;
            if (!focused.GetProperty("control").GetBoolean())
            {
                return; // A section the page focused to show it (tabindex=-1), or a part the browser draws: not ours to ring.
            }

            if (!focused.GetProperty("visible").GetBoolean() && noted.Add($"hidden {name}"))
            {
                Failures.Add($"{name} has the focus {when} but cannot be seen");
            }

            var best = focused.GetProperty("best").GetDouble();
            if (best < 3 && noted.Add($"indicator {name}"))
            {
                Failures.Add($"{name} ({when}) shows no focus indicator of 3:1 against {focused.GetProperty("behind").GetString()}: outline {focused.GetProperty("outline").GetString()}, box-shadow {focused.GetProperty("shadow").GetString()} (best {best:F2}:1; {focused.GetProperty("matches").GetString()})");
            }
        }
    }
}
