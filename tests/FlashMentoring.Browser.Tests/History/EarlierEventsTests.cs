using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.History;

[Collection(nameof(BrowserCollection))]
public class EarlierEventsTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentor,Omar,omar@opm.gov\nmentor,Pia,pia@va.gov\n" +
                                  "mentee,Ann,ann@va.gov\nmentee,Ben,ben@va.gov\nmentee,Cy,cy@gsa.gov\n";

    private async Task<(string Id, string Key)> Planned(HttpClient http, string title, int daysAhead = 7)
    {
        var created = await (await http.PostAsJsonAsync("/api/events", new { title, startsAt = DateTimeOffset.UtcNow.AddDays(daysAhead), rounds = 1, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (created.GetProperty("id").GetString()!, created.GetProperty("hostKey").GetString()!);
        using var csv = new StringContent(Roster, System.Text.Encoding.UTF8, "text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{id}/roster") { Content = csv };
        request.Headers.Add("X-Host-Key", key);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return (id, key);
    }

    /// <summary>One figure of the quality card's "numbers behind this", by its name: the value and what it means.</summary>
    private static ILocator Figure(IPage host, string name) =>
        host.Locator("#figures > div", new() { Has = host.Locator("dt", new() { HasText = name }) }).Locator("dd");

    [Fact]
    public async Task TheConsoleOffersAnEarlierEventOfThisBrowserAddsItAndShowsThePlanAgain()
    {
        using var http = browser.Http();
        // Spring took place last week (on paper, without the clock): an event still ahead could not be added.
        var spring = await Planned(http, "Spring Flash Mentoring", daysAhead: -7);
        var autumn = await Planned(http, "Autumn Flash Mentoring");
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        var pageErrors = new List<string>();
        host.PageError += (_, error) => pageErrors.Add(error);
        host.Console += (_, message) => { if (message.Type == "error") pageErrors.Add(message.Text); };

        // The host ran spring from this laptop: its console keeps spring's key in this browser.
        await host.GotoAsync($"/host/{spring.Id}#key={spring.Key}");
        await Expect(host.Locator("#title")).ToHaveTextAsync("Spring Flash Mentoring");
        await host.GotoAsync($"/host/{autumn.Id}#key={autumn.Key}");
        var card = host.Locator("#history-card");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Earlier events" })).ToBeVisibleAsync();
        await Expect(host.Locator("#history-summary")).ToHaveTextAsync("The plan takes no earlier event into account yet.");
        var offer = card.GetByRole(AriaRole.Button, new() { Name = "Add Spring Flash Mentoring" });
        await Expect(offer).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Add Autumn Flash Mentoring" })).ToHaveCountAsync(0, new() { Timeout = 1_000 });

        // Adding it plans again: the console reads the new plan and its quality figures.
        var replanned = await host.RunAndWaitForResponseAsync(() => offer.ClickAsync(), r => r.Url.EndsWith($"/api/events/{autumn.Id}/plan", StringComparison.Ordinal) && r.Ok);
        await Expect(host.Locator("#history-sources li")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Spring Flash Mentoring: 3 meetings"));
        await Expect(host.Locator("#history-summary")).ToContainTextAsync("The plan takes 3 earlier meetings into account: 3 mentee and mentor pairs of this event met before");
        await Expect(host.Locator("#history-status")).ToHaveTextAsync("Spring Flash Mentoring is taken into account; the plan was made again.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Add Spring Flash Mentoring" })).ToHaveCountAsync(0);
        var plan = await replanned.JsonAsync();
        await Expect(host.Locator("#quality-words li").First).ToBeVisibleAsync();
        var quality = plan!.Value.GetProperty("quality");
        await Expect(host.Locator("#figures")).ToContainTextAsync($"Meetings{quality.GetProperty("meetings").GetInt32()}");

        // What spring changed, as the host reads it: nobody asked for a spring mentor again, so all three pairs are kept
        // apart, and with one mentee a table nobody shares a table with anyone.
        quality.GetProperty("pastPairsAvoided").GetInt32().Should().Be(3);
        var words = host.Locator("#quality-words li");
        await Expect(words).ToContainTextAsync(["No two mentees share a table twice.", "3 pairs who met at an earlier event are not seated together again."]);
        await host.Locator("#quality summary").ClickAsync();
        await Expect(Figure(host, "Mentees meeting again")).ToHaveTextAsync("0times two mentees share a table again; none is forced by the number of seats");
        await Expect(Figure(host, "Met at an earlier event")).ToHaveTextAsync(
            "3 kept apartmentee and mentor pairs not seated together again; 0 asked to meet again; mentees sit with an earlier tablemate 0 times");
        await card.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-earlier-events.png") });
        // And on a phone at the door: the card and the figures it changed, for a look.
        await host.SetViewportSizeAsync(360, 800);
        await card.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-earlier-events-360.png") });
        await host.Locator("#quality").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-quality-history-360.png") });
        await host.SetViewportSizeAsync(1366, 900);

        var axe = await host.RunAxe();
        foreach (var v in axe.Violations)
        {
            output.WriteLine($"axe on the host console: {v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})");
        }

        axe.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty("the earlier events card must be usable with a screen reader (axe-core)");
        pageErrors.Should().BeEmpty();
    }
}
