using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Events;

[Collection(nameof(BrowserCollection))]
public class AdjustByHandTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] Mentors = ["Mona", "Omar", "Pia", "Raj"];
    private static readonly string[] Mentees = ["Ann", "Ben", "Cy", "Dee", "Eve"];

    [Fact]
    public async Task AHostPinsAPairFromTheListsMovesAMenteeAndUndoesItWhileTheMenteesPhoneFollows()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "By hand", startsAt = DateTimeOffset.UtcNow.AddDays(7), rounds = 3, seatsPerTable = 3 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var key = created.GetProperty("hostKey").GetString()!;
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        var roster = "role,name\n" + string.Concat(Mentors.Select(m => $"mentor,{m}\n")) + string.Concat(Mentees.Select(m => $"mentee,{m}\n"));
        using (var csv = new StringContent(roster, System.Text.Encoding.UTF8, "text/csv"))
        {
            (await http.PutAsync($"/api/events/{id}/roster", csv)).EnsureSuccessStatusCode();
        }

        async Task<Dictionary<(string Mentee, int Round), string>> MentorOf() =>
            (await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/plan")).GetProperty("rounds").EnumerateArray()
                .SelectMany(r => r.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("mentees").EnumerateArray()
                    .Select(m => (Key: (m.GetProperty("name").GetString()!, r.GetProperty("number").GetInt32()), Mentor: t.GetProperty("mentor").GetProperty("name").GetString()!))))
                .ToDictionary(x => x.Key, x => x.Mentor);
        static int Table(string mentor) => Array.IndexOf(Mentors, mentor) + 1;
        var people = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        var annLink = people.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Ann").GetProperty("link").GetString()!;

        await using var phoneContext = await browser.NewPhoneAsync();
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(annLink);
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        var pageErrors = new List<string>();
        host.PageError += (_, error) => pageErrors.Add(error);
        host.Console += (_, message) => { if (message.Type == "error") pageErrors.Add(message.Text); };
        await host.GotoAsync($"/host/{id}#key={key}");
        await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "Adjust by hand" })).ToBeVisibleAsync();

        // Pin from the lists: Ben with a mentor the plan does not seat him with.
        var seats = await MentorOf();
        var unmet = Mentors.First(m => !Enumerable.Range(1, 3).Any(r => seats[("Ben", r)] == m));
        await host.GetByLabel("Mentee", new() { Exact = true }).FillAsync("Ben");
        await host.GetByLabel("Mentor", new() { Exact = true }).FillAsync(unmet);
        await Expect(host.Locator("#adjust-what")).ToContainTextAsync($"Does not meet {unmet} yet.");
        var pinned = await host.RunAndWaitForResponseAsync(
            () => host.GetByRole(AriaRole.Button, new() { Name = "Pin: they must meet" }).ClickAsync(), r => r.Url.EndsWith("/constraints", StringComparison.Ordinal));
        await Expect(host.Locator("#constraints li")).ToContainTextAsync($"Ben and {unmet}: pinned");
        await Expect(host.Locator("#status")).ToContainTextAsync("seats this pair together");
        // The plan is made again, and a kit printed ahead is out of date where it changed: the console offers those pages.
        var reprint = (await pinned.JsonAsync())!.Value.GetProperty("reprint");
        var (changedPages, changedSigns) = (reprint.GetProperty("people").GetArrayLength(), reprint.GetProperty("tables").GetArrayLength());
        changedPages.Should().BePositive("Ben's itinerary changed");
        changedSigns.Should().BePositive("Ben sits at another table");
        static string The(int n, string one, string many) => n == 1 ? $"the changed {one}" : $"the {n} changed {many}";
        await Expect(host.Locator("#adjust-reprint")).ToHaveTextAsync($"Print {The(changedPages, "itinerary", "itineraries")} and {The(changedSigns, "table sign", "table signs")}");
        seats = await MentorOf();
        Enumerable.Range(1, 3).Select(r => seats[("Ben", r)]).Should().Contain(unmet, "the pinned pair meets");
        var annWas = Table(seats[("Ann", 1)]);
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Go to Table {annWas}");

        // Move Ann, in round 1, to the table of a mentor she never meets: her phone follows.
        var target = Table(Mentors.First(m => !Enumerable.Range(1, 3).Any(r => seats[("Ann", r)] == m)));
        await host.GetByLabel("Mentee", new() { Exact = true }).FillAsync("Ann");
        await host.GetByLabel("Round to change").SelectOptionAsync("1");
        await host.GetByLabel("Move to table").SelectOptionAsync(target.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await host.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Expect(host.Locator("#status")).ToContainTextAsync($"Ann moves to Table {target} ({Mentors[target - 1]}) in round 1. Told of the change: Ann, ");
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Go to Table {target}");
        await Expect(host.Locator("#undo-what")).ToHaveTextAsync($"Last change: Ann moves to Table {target} ({Mentors[target - 1]}) in round 1. You can undo it until round 1 begins.");
        // Printed itineraries went out of date: the console offers just the changed ones and the two tables' signs.
        await Expect(host.Locator("#adjust-reprint")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Print the \d+ changed itineraries and the 2 changed table signs$"));
        await host.Locator("#adjust-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-adjust-by-hand.png") });
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-after-move.png") });
        await host.Locator("#status").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-move-status.png") });
        await NoSeriousAccessibilityProblems(host);

        // Undo: Ann goes back to her table, and so does her phone.
        await host.GetByRole(AriaRole.Button, new() { Name = "Undo the last change" }).ClickAsync();
        await Expect(host.Locator("#status")).ToContainTextAsync($"Undone: Ann moves to Table {target}");
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Go to Table {annWas}");
        (await MentorOf()).Should().BeEquivalentTo(seats, "undo puts back every seat");

        // Moved again and the event started: round 1 has begun, so the console says why undo is closed.
        await host.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Expect(host.Locator("#status")).ToContainTextAsync($"Ann moves to Table {target}");
        await host.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(host.Locator("#undo-what")).ToContainTextAsync("Round 1 has begun with this change's seats: phones were already sent by it, so it cannot be undone.");
        await Expect(host.GetByRole(AriaRole.Button, new() { Name = "Undo the last change" })).ToBeDisabledAsync();
        await Expect(host.GetByRole(AriaRole.Button, new() { Name = "Pin: they must meet" })).ToBeDisabledAsync();
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"You are at Table {target}");
        await host.Locator("#adjust-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-adjust-live.png") });
        pageErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task AFullTableOffersASwapWithTheMenteesSeatedThere()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Swap", startsAt = DateTimeOffset.UtcNow.AddDays(7), rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var key = created.GetProperty("hostKey").GetString()!;
        using (var csv = new StringContent("role,name\nmentor,Mona\nmentor,Omar\nmentor,Pia\nmentor,Raj\nmentee,Ann\nmentee,Ben\nmentee,Cy\nmentee,Dee\n", System.Text.Encoding.UTF8, "text/csv"))
        {
            http.DefaultRequestHeaders.Add("X-Host-Key", key);
            (await http.PutAsync($"/api/events/{id}/roster", csv)).EnsureSuccessStatusCode();
        }

        var plan = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/plan");
        Dictionary<string, int> Round(int index) => plan.GetProperty("rounds")[index].GetProperty("tables").EnumerateArray()
            .ToDictionary(t => t.GetProperty("mentees")[0].GetProperty("name").GetString()!, t => t.GetProperty("table").GetInt32());
        var (round1, round2) = (Round(0), Round(1));
        // A table Ann never visits, held in round 1 by someone who can take her seat without meeting her mentor twice.
        var other = round1.First(x => x.Value != round1["Ann"] && x.Value != round2["Ann"] && round2[x.Key] != round1["Ann"]);

        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync($"/host/{id}#key={key}");
        await Expect(host.GetByRole(AriaRole.Heading, new() { Name = "Adjust by hand" })).ToBeVisibleAsync();
        await host.GetByLabel("Mentee", new() { Exact = true }).FillAsync("Ann");
        await host.GetByLabel("Move to table").SelectOptionAsync(other.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await host.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();

        await Expect(host.Locator("#status")).ToContainTextAsync($"Table {other.Value} is full in round 1: {other.Key}.");
        await Expect(host.GetByRole(AriaRole.Button, new() { Name = $"Swap with {other.Key}" })).ToBeFocusedAsync();
        await host.Locator("#adjust-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-adjust-swap.png") });
        await host.GetByRole(AriaRole.Button, new() { Name = $"Swap with {other.Key}" }).ClickAsync();
        await Expect(host.Locator("#status")).ToContainTextAsync($"Ann moves to Table {other.Value} (");
        await Expect(host.Locator("#status")).ToContainTextAsync($"{other.Key} takes their seat at Table {round1["Ann"]}.");
        await Expect(host.Locator("#move-swap")).ToBeHiddenAsync();
    }

    private async Task NoSeriousAccessibilityProblems(IPage page)
    {
        var results = await page.RunAxe();
        foreach (var v in results.Violations)
        {
            output.WriteLine($"axe on the host console: {v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})");
        }

        results.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty("the adjust card must be usable with a screen reader (axe-core)");
    }
}
