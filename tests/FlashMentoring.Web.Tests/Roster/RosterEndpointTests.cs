using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Roster;

public class RosterEndpointTests
{
    private const string Roster = "role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid,breaks\n" +
                                  "mentor,Mona Lisa,mona@hhs.gov,HHS/NIH,\"Bethesda, MD\",SES,Budget;Writing,,,,,2\n" +
                                  "mentor,Omar Khayyam,,OPM,,GS-15,Negotiation,,,,,\n" +
                                  "both,Zoë Adams,,VA,,GS-14,Budget,,,,,\n" +
                                  "mentee,Ann Lee,ann@va.gov,VA,,GS-9,,Budget;Writing,Lead a team,Mona Lisa;Omar Khayyam,,\n" +
                                  "mentee,Ben Okafor,,VA,,GS-7,,Negotiation,,,Ann Lee,\n" +
                                  "mentee,=HYPERLINK(\"x\"),,GSA,,GS-5,,,,,,\n";

    private static async Task<(CreatedEvent Event, HttpClient Host)> Planned(TestApp app, string roster)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Export", startsAt = "2026-12-01T09:00:00-05:00", rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        var answer = await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"));
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").GetArrayLength().Should().Be(0, "every line of the roster is imported");
        return (created, host);
    }

    [Fact]
    public async Task ThePeopleComeBackAsARosterWithTheWalkInsThatTheNextEventImportsAsTheSamePeople()
    {
        using var app = new TestApp();
        var (created, host) = await Planned(app, Roster);
        (await host.PostAsJsonAsync($"/api/events/{created.Id}/walk-ins", new { name = "Walker  Newman", role = "mentee", email = "Walker@GSA.gov", agency = "GSA" })).EnsureSuccessStatusCode();

        var file = await host.GetAsync($"/api/events/{created.Id}/roster.csv");
        var bytes = await file.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes);
        var (next, nextHost) = await Planned(app, csv);
        var before = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/people");
        var after = await nextHost.GetFromJsonAsync<JsonElement>($"/api/events/{next.Id}/people");
        var plan = await nextHost.GetFromJsonAsync<JsonElement>($"/api/events/{next.Id}/plan");

        file.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "a byte-order mark, so Excel reads the accents");
        csv.Should().StartWith("\uFEFFrole,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid,breaks");
        csv.Should().Contain("mentor,Mona Lisa,mona@hhs.gov,HHS/NIH,\"Bethesda, MD\",SES,Budget;Writing,,,,,2");
        csv.Should().Contain("both,Zoë Adams,").And.Contain("mona@hhs.gov;Omar Khayyam", "preferences name people by e-mail, else by name");
        csv.Should().Contain("mentee,Walker Newman,walker@gsa.gov,GSA", "the walk-in is on it, as stored");
        csv.Should().Contain("'=HYPERLINK", "a name a spreadsheet would run is written as text");
        // Roles as planned may differ: a "both" person hosts or moves as the room needs, and the walk-in is now on the roster.
        string Names(JsonElement people) => string.Join("|", people.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Names(after).Should().Be(Names(before).Replace("=HYPERLINK", "'=HYPERLINK", StringComparison.Ordinal), "the next event has the same people");
        plan.GetProperty("warnings").GetArrayLength().Should().Be(0, "every preference and avoid names someone on the file");
    }
}
