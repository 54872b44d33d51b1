using System.Text.Json;
using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests.Accessibility;

/// <summary>
/// WCAG 1.4.10 and 1.4.4: every page at 320 CSS px wide, and at 200% zoom of a 1280 x 800 window (which leaves the page a
/// 640 x 400 CSS px viewport at two device pixels to each), scrolls only up and down and cuts no text off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class ReflowAndZoomTests(BrowserFixture browser)
{
    // What runs off the side (the innermost elements that do, outside any box that scrolls by itself), and the text
    // an overflow:hidden box cuts off.
    private const string Measure = "() => {" + A11y.ColourScript + """
          const width = innerWidth;
          const scrollsItself = (el) => { for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) { if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(n).overflowX)) return true; } return false; };
          const wide = [...document.body.querySelectorAll('*')].filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 1 && !scrollsItself(el));
          const sticking = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)))
            .slice(0, 6).map((el) => `${nameOf(el)} reaches ${Math.round(el.getBoundingClientRect().right)}px`);
          const clipped = [];
          for (const el of document.body.querySelectorAll('*')) {
            const style = getComputedStyle(el);
            const x = ['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
            const y = ['hidden', 'clip'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
            if (!x && !y) continue;
            if (el.clientWidth <= 1 || el.clientHeight <= 1 || !el.checkVisibility()) continue; // visually hidden, for screen readers
            const text = (el.innerText || '').trim();
            if (!text) continue;
            clipped.push(`${nameOf(el)} "${text.slice(0, 40)}" cut off ${x ? `sideways (${el.scrollWidth} px in ${el.clientWidth})` : `below (${el.scrollHeight} px in ${el.clientHeight})`}`);
          }
          return { scrollWidth: document.documentElement.scrollWidth, width, sticking, clipped };
        }
        """;

    public static TheoryData<string, int, int, float> Sizes => new()
    {
        { "en-US", 320, 640, 1 },
        { "es-MX", 320, 640, 1 },
        { "en-US", 640, 400, 2 },
        { "es-MX", 640, 400, 2 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task EveryPageReflowsWithoutSidewaysScrollingOrCutText(string locale, int width, int height, float scale)
    {
        var events = await A11yEvents.ForAsync(browser, locale);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = scale,
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var which in A11y.Pages)
        {
            await page.OpenAsync(which, events);
            var seen = await page.EvaluateAsync<JsonElement>(Measure);
            var scrollWidth = seen.GetProperty("scrollWidth").GetInt32();
            if (scrollWidth > seen.GetProperty("width").GetInt32() + 1)
            {
                problems.Add($"{which.Name}: scrolls sideways, {scrollWidth} px wide in {width}: {string.Join("; ", seen.GetProperty("sticking").EnumerateArray())}");
            }

            problems.AddRange(seen.GetProperty("clipped").EnumerateArray().Select(c => $"{which.Name}: {c}"));
        }

        string.Join(Environment.NewLine, problems).Should().BeEmpty($"at {width} x {height} CSS px ({scale}x) in {locale} nothing may run off the side or be cut off");
    }
}
