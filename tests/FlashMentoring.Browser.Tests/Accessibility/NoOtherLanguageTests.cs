using Xunit.Abstractions;

namespace FlashMentoring.Browser.Tests.Accessibility;

/// <summary>
/// A page in Spanish shows no English the app knows (and a page in English no Spanish): every page, with its events'
/// user data neutral, is searched for the other language's texts and a few telltale words.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class NoOtherLanguageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(A11y.Locales), MemberType = typeof(A11y))]
    public async Task EveryPageSpeaksOnlyTheReadersLanguage(string locale)
    {
        var events = await A11yEvents.ForAsync(browser, locale);
        output.WriteLine($"Looking for {A11y.ForeignPhrases(events.Language).Count} phrases of the other language.");
        var leaks = new List<string>();
        var styleSheet = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var group in A11y.Pages.GroupBy(p => p.Screen))
        {
            await using var context = await A11y.ContextAsync(browser, group.Key, locale);
            var page = await context.NewPageAsync();
            foreach (var which in group)
            {
                await page.OpenAsync(which, events);
                var said = await page.LanguageAsync();
                if (said != events.Language)
                {
                    leaks.Add($"{which.Name}: <html lang=\"{said}\">, not \"{events.Language}\"");
                }

                foreach (var found in await page.ForeignTextAsync(events.Language))
                {
                    if (found.Contains(A11y.FromStyleSheet, StringComparison.Ordinal))
                    {
                        styleSheet.Add($"app.css: {found}"); // Every page loads it: said once.
                    }
                    else
                    {
                        leaks.Add($"{which.Name}: {found}");
                    }
                }
            }
        }

        leaks.AddRange(styleSheet);
        string.Join(Environment.NewLine, leaks).Should().BeEmpty($"a reader whose browser is set to {locale} reads every page in that language");
    }
}
