using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Kits.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Roster;

/// <summary>The host is told exactly who moved where, is offered a reprint of what changed, and confirms "I'm here".</summary>
[Collection(nameof(BrowserCollection))]
public class CheckInMovesTests(BrowserFixture browser)
{
    private const string Roster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentor,Pia Sun,pia@gsa.gov\n" +
                                  "mentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\nmentee,Cy Young,cy@gsa.gov\nmentee,Eve Stone,eve@va.gov\nmentee,Fay Wong,fay@va.gov\n";

    private static async Task<(string Id, string HostLink)> Planned(HttpClient http, string title, string roster = Roster, int rounds = 3)
    {
        var created = await (await http.PostAsJsonAsync("/api/events", new { title, startsAt = DateTimeOffset.UtcNow, rounds, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (id, created.GetProperty("hostLink").GetString()!);
    }

    [Fact]
    public async Task AMentorMarkedAbsentListsWhoMovesWhereInPlainWordsAndOffersToPrintWhatChanged()
    {
        using var http = browser.Http();
        var (_, hostLink) = await Planned(http, "Moves");
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync(hostLink);

        var answer = host.WaitForResponseAsync(r => r.Url.Contains("/status", StringComparison.Ordinal));
        await host.GetByRole(AriaRole.Button, new() { Name = "Absent: Mona Lisa" }).ClickAsync();
        var result = await (await answer).JsonAsync();

        // Every move the server made is listed, in the words the host reads.
        var moves = result!.Value.GetProperty("moves").EnumerateArray().Select(m => m.GetProperty("text").GetString()!).ToList();
        moves.Should().NotBeEmpty("Mona's mentees sit elsewhere now");
        await Expect(host.Locator("#checkin-message")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Mona Lisa is out from round 1\. \d+ other (person changes|people change) table \(listed below\); \d+ people told in all\.$"));
        await Expect(host.Locator("#moves li")).ToHaveTextAsync([.. moves]);
        (await host.Locator("#moves li").AllTextContentsAsync()).Should().Contain(t => t.Contains("moves from Table 1 to Table", StringComparison.Ordinal) || t.Contains("rests (was at Table 1)", StringComparison.Ordinal),
            "who sat at Mona's table is told where they go");

        // The reprint: exactly the changed itineraries and table signs, through the kit's job.
        var people = result.Value.GetProperty("reprint").GetProperty("people").EnumerateArray().Select(p => p.GetInt64()).ToList();
        var tables = result.Value.GetProperty("reprint").GetProperty("tables").EnumerateArray().Select(t => t.GetInt32()).ToList();
        static string The(int n, string one, string many) => n == 1 ? $"the changed {one}" : $"the {n} changed {many}";
        await Expect(host.Locator("#reprint")).ToHaveTextAsync($"Print {The(people.Count, "itinerary", "itineraries")} and {The(tables.Count, "table sign", "table signs")}");
        await host.Locator("#checkin-result").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "checkin-moves.png") });
        var kitJob = host.WaitForRequestAsync(r => r.Url.Contains("/kit-jobs?", StringComparison.Ordinal));
        await host.Locator("#reprint").ClickAsync();
        var query = System.Web.HttpUtility.ParseQueryString(new Uri((await kitJob).Url).Query);
        query["parts"].Should().Be("itineraries,signs");
        query["people"].Should().Be(string.Join(',', people));
        query["tables"].Should().Be(string.Join(',', tables));
    }

    [Fact]
    public async Task TheHostSwitchesOnTheExtraSeatOnTheDayAndAnAbsentMentorsMenteesSitAtOtherTablesInsteadOfResting()
    {
        using var http = browser.Http();
        // Two rounds: with Mona out, each mentee can still meet both other mentors, so only seats can make anyone rest.
        var (_, hostLink) = await Planned(http, "Short room", rounds: 2);
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync(hostLink);
        var box = host.GetByLabel("When the room runs short, a table may take one extra mentee rather than leave someone out of a round");
        await Expect(box).Not.ToBeCheckedAsync();

        await box.CheckAsync();
        await Expect(host.Locator("#extra-seat-state")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Extra seat allowed"));
        var answer = host.WaitForResponseAsync(r => r.Url.Contains("/status", StringComparison.Ordinal));
        await host.GetByRole(AriaRole.Button, new() { Name = "Absent: Mona Lisa" }).ClickAsync();
        await answer;

        // Two tables of two are left for five mentees: with the extra seat Mona's mentees join them, nobody rests.
        await Expect(host.Locator("#moves li").First).ToBeVisibleAsync();
        (await host.Locator("#moves li").AllTextContentsAsync()).Should().OnlyContain(t => t.Contains("moves from Table 1 to Table", StringComparison.Ordinal));
        await host.Locator("#people-card").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "checkin-extra-seat.png") });
        await host.ReloadAsync();
        await Expect(box).ToBeCheckedAsync();
    }

    [Fact]
    public async Task AMentorMarkedAbsentDuringRoundOneGetsAReprintThatNamesEveryoneWhoMovesAndTheirNewTables()
    {
        using var http = browser.Http();
        // Four tables of two for six mentees: when one closes, its mentees take the free seats at the others.
        var (id, hostLink) = await Planned(http, "Reprint on the day", Roster.Replace("mentor,Pia Sun,pia@gsa.gov\n", "mentor,Pia Sun,pia@gsa.gov\nmentor,Raj Rao,raj@va.gov\n") + "mentee,Gus Park,gus@va.gov\n");
        (await http.PostAsJsonAsync($"/api/events/{id}/clock/start", new { })).EnsureSuccessStatusCode();
        var before = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/plan");
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync(hostLink);

        // Round 1 is under way when Mona is found missing: her table closes from round 2.
        var answer = host.WaitForResponseAsync(r => r.Url.Contains("/status", StringComparison.Ordinal));
        await host.GetByRole(AriaRole.Button, new() { Name = "Absent: Mona Lisa" }).ClickAsync();
        var result = (await (await answer).JsonAsync())!.Value;
        await Expect(host.Locator("#checkin-message")).ToContainTextAsync("Mona Lisa is out from round 2.");
        var moves = result.GetProperty("moves").EnumerateArray().ToList();
        moves.Should().OnlyContain(m => m.GetProperty("role").GetString() == "mentee", "a mentor keeps their table");
        var monasMentees = before.GetProperty("rounds").EnumerateArray().Skip(1)
            .SelectMany(r => r.GetProperty("tables")[0].GetProperty("mentees").EnumerateArray().Select(m => m.GetProperty("name").GetString()!)).Distinct().ToList();
        monasMentees.Should().NotBeEmpty("Mona's table had mentees in rounds 2 and 3");
        moves.Select(m => m.GetProperty("name").GetString()).Should().Contain(monasMentees, "everyone who sat at Mona's table later moves");
        moves.Should().OnlyContain(m => m.GetProperty("round").GetInt32() >= 2, "round 1 is being held: nobody moves in it");
        await Expect(host.Locator("#moves li")).ToHaveTextAsync([.. moves.Select(m => m.GetProperty("text").GetString()!)]);

        // The offer downloads a PDF of just what changed: its first page names the people and tables, the itineraries follow.
        var download = await host.RunAndWaitForDownloadAsync(() => host.Locator("#reprint").ClickAsync());
        var file = Path.Combine(BrowserFixture.Screenshots, "reprint-after-absent-mentor.pdf");
        await download.SaveAsAsync(file);
        var pdf = await File.ReadAllBytesAsync(file);
        var cover = Poppler.Page(pdf, 1);
        cover.Should().Contain("Reprint after a change");
        var tables = moves.SelectMany(m => new[] { m.GetProperty("fromTable"), m.GetProperty("toTable") })
            .Where(t => t.ValueKind == JsonValueKind.Number).Select(t => t.GetInt32()).Distinct().Order().ToList();
        tables.Should().Contain(1, "Mona's table is one whose sign changed");
        cover.Should().Contain($"Tables {string.Join(", ", tables)}.", "the sign of every table someone left or joined is printed again");
        var mentees = moves.Select(m => m.GetProperty("name").GetString()!).Distinct().ToList();
        cover.Should().ContainAll(mentees).And.Contain($"Itineraries ({mentees.Count})").And.Contain("tell them in person: Mona Lisa");

        // Each moved mentee's new itinerary, as printed: in the round they move, the table they move to.
        var lines = Poppler.Text(pdf, layout: true).Split('\n').Select(line => line.Trim()).ToList();
        foreach (var move in moves)
        {
            var (name, round) = (move.GetProperty("name").GetString()!, move.GetProperty("round").GetInt32());
            var sheet = lines.FindIndex(line => line == name);
            sheet.Should().BePositive($"{name}'s itinerary is printed again");
            lines[sheet + 1].Should().Contain("Updated", "a reprinted itinerary says it replaces the earlier one");
            var row = lines.Skip(sheet).First(line => line.StartsWith($"Round {round} ", StringComparison.Ordinal));
            row.Should().Contain(move.GetProperty("toTable").ValueKind == JsonValueKind.Number ? $"Table {move.GetProperty("toTable").GetInt32()}" : "Rest", move.GetProperty("text").GetString());
        }

        await host.Locator("#checkin-result").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "checkin-moves-reprinted.png") });
    }

    [Fact]
    public async Task SomeoneMarkedAbsentWhoSaysImHereOnTheirPhoneIsConfirmedByTheHost()
    {
        using var http = browser.Http();
        var (id, hostLink) = await Planned(http, "Back again");
        var ann = (await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people")).EnumerateArray().First(p => p.GetProperty("name").GetString() == "Ann Lee");
        var annId = ann.GetProperty("id").GetInt64();
        (await http.PostAsJsonAsync($"/api/events/{id}/people/{annId}/status", new { status = "absent" })).EnsureSuccessStatusCode();
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync(hostLink);
        var annsRow = host.Locator("#people tr", new() { HasText = "Ann Lee" });
        await Expect(annsRow).ToContainTextAsync("absent");

        // Ann, marked absent, says "I'm here" on her own phone.
        await using var phone = await browser.NewPhoneAsync();
        var annsPhone = await phone.NewPageAsync();
        await annsPhone.GotoAsync(ann.GetProperty("link").GetString()!);
        await annsPhone.GetByRole(AriaRole.Button, new() { Name = "I'm here" }).ClickAsync();
        await Expect(annsPhone.GetByText("Asked: the host will confirm.")).ToBeVisibleAsync();

        await Expect(annsRow).ToContainTextAsync("asks to be back");
        await Expect(host.Locator("#asking")).ToHaveTextAsync("1 marked absent says they are here: confirm them below.");
        await annsRow.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "checkin-asks-back.png") });
        await annsRow.GetByRole(AriaRole.Button, new() { Name = "Confirm: Ann Lee is here" }).ClickAsync();

        await Expect(host.Locator("#checkin-message")).ToContainTextAsync("Ann Lee is back from round 1.");
        await Expect(annsRow).Not.ToContainTextAsync("asks to be back");
        await Expect(annsRow.GetByRole(AriaRole.Button, new() { Name = "Here: Ann Lee" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(host.Locator("#asking")).ToBeHiddenAsync();
    }
}
