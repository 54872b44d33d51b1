using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Feedback;

[Collection(nameof(BrowserCollection))]
public class FeedbackFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task TwoPhonesRateARoundAndChooseEachOtherAndTheHostSeesTheMatchAndTheReport()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Feedback day", startsAt = DateTimeOffset.UtcNow, rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        var roster = "role,name,email,agency\nmentor,Mona Lisa,mona@hhs.gov,HHS/NIH\nmentor,Omar Khayyam,omar@opm.gov,OPM\nmentee,Ann Lee,ann@va.gov,VA\nmentee,Ben Okafor,ben@va.gov,VA\n";
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var people = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        var plan = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/plan");
        var annsFirstMentor = plan.GetProperty("rounds")[0].GetProperty("tables").EnumerateArray()
            .First(t => t.GetProperty("mentees").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "Ann Lee")).GetProperty("mentor").GetProperty("name").GetString()!;
        string Link(string name) => people.EnumerateArray().First(p => p.GetProperty("name").GetString() == name).GetProperty("link").GetString()!;

        await using var annPhone = await browser.NewPhoneAsync();
        await using var mentorPhone = await browser.NewPhoneAsync();
        var ann = await annPhone.NewPageAsync();
        var mentor = await mentorPhone.NewPageAsync();
        await ann.GotoAsync(Link("Ann Lee"));
        await mentor.GotoAsync(Link(annsFirstMentor));
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync(created.GetProperty("hostLink").GetString()!);
        await Expect(host.Locator("#people tr")).ToHaveCountAsync(4);

        // Round 1 runs; at "Next round" both phones ask how it was.
        await host.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Next round" }).ClickAsync();
        await Expect(ann.Locator("#rate-title")).ToHaveTextAsync($"How was round 1 with {annsFirstMentor}?");
        await ann.GetByRole(AriaRole.Button, new() { Name = "5 Very useful" }).ClickAsync();
        await Expect(mentor.Locator("#rate-title")).ToHaveTextAsync("How was round 1 at your table?");
        await mentor.GetByRole(AriaRole.Button, new() { Name = "4 Quite useful" }).ClickAsync();
        await Expect(ann.Locator("#rate-status")).ToHaveTextAsync("Sent.");
        await Expect(mentor.Locator("#rate-status")).ToHaveTextAsync("Sent.");

        // The end: round 2 after the change of tables, then both choose each other.
        await host.GetByRole(AriaRole.Button, new() { Name = "Next round" }).ClickAsync();
        await Expect(host.Locator("#phase")).ToHaveTextAsync("Round 2 of 2");
        await Expect(host.Locator("#controls-note")).ToHaveTextAsync("This is the last round: Next round ends the event for everyone.");
        string? asked = null;
        host.Dialog += (_, dialog) => { asked = dialog.Message; _ = dialog.AcceptAsync(); };
        await host.GetByRole(AriaRole.Button, new() { Name = "Next round" }).ClickAsync();
        await Expect(ann.Locator("#after-card")).ToBeVisibleAsync();
        asked.Should().Be("End the event for everyone now?", "Next round in the last round ends the event, so the host is asked first");
        await ann.GetByLabel("1st choice").SelectOptionAsync(new SelectOptionValue { Label = annsFirstMentor });
        await ann.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await Expect(ann.Locator("#after-status")).ToHaveTextAsync("Your choices are saved.");
        await mentor.GetByRole(AriaRole.Checkbox, new() { Name = "Ann Lee" }).CheckAsync();
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await Expect(mentor.Locator("#matches")).ToContainTextAsync("Ann Lee (VA): ann@va.gov - you chose each other");

        // The host's report shows the ratings and the mutual match; confirming makes it a long-term pair.
        await host.GetByRole(AriaRole.Button, new() { Name = "Refresh the report" }).ClickAsync();
        await Expect(host.Locator("#report")).ToContainTextAsync("50%");
        await Expect(host.Locator("#report table").First).ToContainTextAsync($"Ann Lee{annsFirstMentor}1not yet");
        await host.GetByRole(AriaRole.Button, new() { Name = "Confirm the suggested pairs" }).ClickAsync();
        await Expect(host.Locator("#status")).ToContainTextAsync("1 long-term pair confirmed");
        await ann.ReloadAsync();
        await Expect(ann.Locator("#matches")).ToContainTextAsync($"{annsFirstMentor} (");
        await Expect(ann.Locator("#matches")).ToContainTextAsync("confirmed as your long-term pair");

        await ann.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-after.png"), FullPage = true });
        await host.Locator("#report-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-report.png") });
        foreach (var (page, what) in new[] { (ann, "phone after the event"), (host, "host report") })
        {
            var axe = await page.RunAxe();
            axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").Should().BeEmpty($"the {what} must work with a screen reader");
        }
    }
}
