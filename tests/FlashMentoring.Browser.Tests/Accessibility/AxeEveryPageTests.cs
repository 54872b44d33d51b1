using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Xunit.Abstractions;

namespace FlashMentoring.Browser.Tests.Accessibility;

/// <summary>axe-core's WCAG 2.1 A and AA rules on every page, in English and in Spanish: no violation of any impact.</summary>
[Collection(nameof(BrowserCollection))]
public class AxeEveryPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations], // Passes come back as counts only: the planner's 600 seats are slow to serialise.
    };

    [Theory]
    [MemberData(nameof(A11y.Locales), MemberType = typeof(A11y))]
    public async Task EveryPageMeetsWcag21AAAsAxeChecksIt(string locale)
    {
        var events = await A11yEvents.ForAsync(browser, locale);
        var violations = new List<string>();
        foreach (var group in A11y.Pages.GroupBy(p => p.Screen))
        {
            await using var context = await A11y.ContextAsync(browser, group.Key, locale);
            var page = await context.NewPageAsync();
            foreach (var which in group)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await page.OpenAsync(which, events);
                var opened = clock.ElapsedMilliseconds;
                var results = await page.RunAxe(Wcag21AA);
                output.WriteLine($"{which.Name}: {results.Passes.Length} rules pass, {results.Violations.Length} fail (opened in {opened} ms, checked in {clock.ElapsedMilliseconds - opened} ms)");
                violations.AddRange(results.Violations.Select(v => Describe(which, v)));
            }
        }

        string.Join(Environment.NewLine, violations).Should().BeEmpty($"every page must pass axe's WCAG 2.1 A/AA rules in {locale}");
    }

    // What axe says is wrong at a node: the failed checks' messages (any of "Any" would have passed it).
    private static string Why(AxeResultNode node) =>
        string.Join(" / ", node.All.Concat(node.None).Concat(node.Any).Select(c => c.Message).Distinct().Take(2));

    private static string Describe(A11yPage page, AxeResultItem v) =>
        $"{page.Name}: {v.Impact} {v.Id} ({v.Help}) at {string.Join("; ", v.Nodes.Take(6).Select(n => $"{n.Target} [{Why(n)}]"))}" +
        (v.Nodes.Length > 6 ? $" and {v.Nodes.Length - 6} more" : "");
}
