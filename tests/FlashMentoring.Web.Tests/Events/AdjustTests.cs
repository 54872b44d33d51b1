using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Events;

public class AdjustTests
{
    // Three mentors, three mentees, two rounds: each mentee meets two of the three mentors, so a pin or a forbid
    // really changes who meets whom.
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentor,Omar,omar@opm.gov\nmentor,Pia,pia@va.gov\n" +
                                  "mentee,Ann,ann@va.gov\nmentee,Ben,ben@va.gov\nmentee,Cy,cy@gsa.gov\n";

    private static async Task<(CreatedEvent Event, HttpClient Host)> Planned(TestApp app)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Pins", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created, host);
    }

    private static HashSet<(string, string)> Meetings(JsonElement plan) =>
        plan.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("tables").EnumerateArray())
            .SelectMany(t => t.GetProperty("mentees").EnumerateArray().Select(m => (m.GetProperty("name").GetString()!, t.GetProperty("mentor").GetProperty("name").GetString()!)))
            .ToHashSet();

    [Fact]
    public async Task APinnedPairMeetsAndAForbiddenPairNeverDoesAndBothSurviveInThePlan()
    {
        using var app = new TestApp();
        var (created, host) = await Planned(app);
        var before = Meetings(await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan"));
        var missing = new[] { "Ann", "Ben", "Cy" }.SelectMany(e => new[] { "Mona", "Omar", "Pia" }.Select(m => (e, m))).First(p => !before.Contains(p));
        var present = before.First();
        string Key(string name) => name.ToLowerInvariant() + (name is "Mona" ? "@hhs.gov" : name is "Omar" ? "@opm.gov" : name is "Cy" ? "@gsa.gov" : "@va.gov");

        (await host.PostAsJsonAsync($"/api/events/{created.Id}/constraints", new { kind = "pin", mentee = Key(missing.e), mentor = Key(missing.m) })).EnsureSuccessStatusCode();
        var answer = await host.PostAsJsonAsync($"/api/events/{created.Id}/constraints", new { kind = "forbid", mentee = Key(present.Item1), mentor = Key(present.Item2) });
        var plan = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var stored = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        Meetings(plan).Should().Contain(missing, "the host pinned it").And.NotContain(present, "the host forbade it");
        Meetings(stored).Should().BeEquivalentTo(Meetings(plan), "the adjusted plan is the event's plan");
        stored.GetProperty("pins")[0].GetProperty("mentee").GetString().Should().Be(missing.e);
        stored.GetProperty("forbids")[0].GetProperty("mentor").GetString().Should().Be(present.Item2);
        stored.GetProperty("quality").GetProperty("violations").GetArrayLength().Should().Be(0);
        stored.GetProperty("quality").GetProperty("gap").GetDouble().Should().BeInRange(0, 0.01, "the stored plan keeps its certified bound for the host's figures");
    }

    [Fact]
    public async Task AdjustingNeedsTheHostLinkKnownPeopleAndAnEventNotYetLive()
    {
        using var app = new TestApp();
        var (created, host) = await Planned(app);

        var stranger = await app.CreateClient().PostAsJsonAsync($"/api/events/{created.Id}/constraints", new { kind = "pin", mentee = "ann@va.gov", mentor = "mona@hhs.gov" });
        var unknown = await host.PostAsJsonAsync($"/api/events/{created.Id}/constraints", new { kind = "pin", mentee = "zed@va.gov", mentor = "mona@hhs.gov" });
        await host.PostAsync($"/api/events/{created.Id}/clock/start", null);
        var live = await host.PostAsJsonAsync($"/api/events/{created.Id}/constraints", new { kind = "pin", mentee = "ann@va.gov", mentor = "mona@hhs.gov" });

        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("zed@va.gov");
        live.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await live.Content.ReadAsStringAsync()).Should().Contain("check-in");
    }
}
