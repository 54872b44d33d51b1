using Xunit.Abstractions;

namespace FlashMentoring.Browser.Tests.Accessibility;

/// <summary>The projector board at 1920 x 1080, read from the back of the room: every text meets WCAG's contrast minimum.</summary>
[Collection(nameof(BrowserCollection))]
public class BoardContrastTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(A11y.Locales), MemberType = typeof(A11y))]
    public async Task EveryTextOnTheBoardHasTheContrastWcagAsksFor(string locale)
    {
        var events = await A11yEvents.ForAsync(browser, locale);
        await using var projector = await browser.NewScreenAsync(1920, 1080, locale);
        var page = await projector.NewPageAsync();
        await page.OpenAsync(A11y.Pages.Single(p => p.Screen == Screen.Projector), events);

        var texts = await page.EvaluateAsync<int>("() => [...document.body.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()) && el.checkVisibility()).length");
        var low = await page.EvaluateAsync<string[]>(A11y.LowContrastScript);
        output.WriteLine($"{texts} texts on the board.");

        texts.Should().BeGreaterThan(10, "the board shows its title, round, countdown, tables and join code");
        string.Join(Environment.NewLine, low).Should().BeEmpty("text on the projector must be legible: 4.5:1, or 3:1 for large text");
    }
}
