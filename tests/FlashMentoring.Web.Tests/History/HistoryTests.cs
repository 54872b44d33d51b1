using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.History;

public class HistoryTests
{
    // Three mentors and three mentees in one round, one mentee a table: the first event pairs each mentee with one
    // mentor, and the second can pair every mentee with a mentor they have not met.
    private const string Header = "role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid\n";

    private static string Roster(string prefers = "") =>
        Header +
        "mentor,Mona,mona@hhs.gov,HHS,,,,,,,\nmentor,Omar,omar@opm.gov,OPM,,,,,,,\nmentor,Pia,pia@va.gov,VA,,,,,,,\n" +
        $"mentee,Ann,ann@va.gov,VA,,,,,,{prefers},\nmentee,Ben,ben@va.gov,VA,,,,,,,\nmentee,Cy,cy@gsa.gov,GSA,,,,,,,\n";

    internal static async Task<(CreatedEvent Event, HttpClient Host)> Planned(TestApp app, string title, string? roster = null, int rounds = 1, int seatsPerTable = 1)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title, startsAt = "2026-12-01T09:00:00-05:00", rounds, seatsPerTable }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        if (roster is not null)
        {
            (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        }

        return (created, host);
    }

    internal static HashSet<(string Mentee, string Mentor)> Pairs(JsonElement plan) =>
        plan.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("tables").EnumerateArray())
            .SelectMany(t => t.GetProperty("mentees").EnumerateArray().Select(m => (m.GetProperty("name").GetString()!, t.GetProperty("mentor").GetProperty("name").GetString()!)))
            .ToHashSet();

    /// <summary>Seats of a plan in all its rounds.</summary>
    internal static int Seats(JsonElement plan) =>
        plan.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("tables").EnumerateArray()).Sum(t => t.GetProperty("mentees").GetArrayLength());

    private static Task<HttpResponseMessage> Add(HttpClient host, CreatedEvent to, object body) => host.PostAsJsonAsync($"/api/events/{to.Id}/history/events", body);

    [Fact]
    public async Task ASecondEventOfTheSamePeopleAfterAddingTheFirstByItsHostLinkPlansNoPairThatMetThere()
    {
        using var app = new TestApp();
        var (spring, springHost) = await Planned(app, "Spring", Roster());
        var (autumn, autumnHost) = await Planned(app, "Autumn", Roster());
        var met = Pairs(await springHost.GetFromJsonAsync<JsonElement>($"/api/events/{spring.Id}/plan"));

        var answer = await Add(autumnHost, autumn, new { link = $"https://mentoring.example.gov{spring.HostLink}" });
        var view = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var plan = await autumnHost.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/plan");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        view.GetProperty("sources")[0].GetProperty("label").GetString().Should().Be("Spring");
        view.GetProperty("sources")[0].GetProperty("kind").GetString().Should().Be("event");
        view.GetProperty("sources")[0].GetProperty("meetings").GetInt32().Should().Be(3);
        view.GetProperty("meetings").GetInt32().Should().Be(3);
        view.GetProperty("pastPairs").GetInt32().Should().Be(3, "all three pairs of spring are people of this event");
        view.GetProperty("canChange").GetBoolean().Should().BeTrue();
        Pairs(plan).Should().HaveCount(3).And.NotIntersectWith(met, "nobody asked to meet a spring mentor again");
        (await autumnHost.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/history")).GetProperty("sources").GetArrayLength().Should().Be(1, "the history is stored");
    }

    [Fact]
    public async Task APairThatMetBeforeAndIsAskedForAgainMeetsAndThePlanSaysWhy()
    {
        using var app = new TestApp();
        var (spring, springHost) = await Planned(app, "Spring", Roster());
        var annsMentor = Pairs(await springHost.GetFromJsonAsync<JsonElement>($"/api/events/{spring.Id}/plan")).Single(p => p.Mentee == "Ann").Mentor;
        // Dan is new: whatever the engine does, nobody can have met him before.
        var autumnRoster = Roster(prefers: $"{annsMentor.ToLowerInvariant()}@{(annsMentor == "Mona" ? "hhs" : annsMentor == "Omar" ? "opm" : "va")}.gov") + "mentee,Dan,dan@va.gov,VA,,,,,,,\n";
        var (autumn, autumnHost) = await Planned(app, "Autumn", autumnRoster, seatsPerTable: 2);

        (await Add(autumnHost, autumn, new { eventId = spring.Id, hostKey = spring.HostKey })).EnsureSuccessStatusCode();
        var plan = await autumnHost.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/plan");
        var seats = plan.GetProperty("rounds")[0].GetProperty("tables").EnumerateArray()
            .SelectMany(t => t.GetProperty("mentees").EnumerateArray().Select(m => (Mentor: t.GetProperty("mentor").GetProperty("name").GetString(), Mentee: m)))
            .ToList();

        var ann = seats.Single(s => s.Mentee.GetProperty("name").GetString() == "Ann");
        ann.Mentor.Should().Be(annsMentor, "Ann asked for her spring mentor again");
        ann.Mentee.GetProperty("why").EnumerateArray().Select(w => w.GetString()).Should().Contain("met before, asked again");
        seats.Single(s => s.Mentee.GetProperty("name").GetString() == "Dan").Mentee.GetProperty("why").EnumerateArray()
            .Select(w => w.GetString()).Should().NotContain("met before, asked again", "Dan met nobody before");
        seats.Where(s => s.Mentee.GetProperty("name").GetString() != "Ann")
            .SelectMany(s => s.Mentee.GetProperty("why").EnumerateArray().Select(w => w.GetString())).Should().NotContain("met before, asked again");
    }

    [Fact]
    public async Task AWrongKeyAndAnUnknownEventGetTheSameRefusalAndNothingOfTheOtherEventIsRead()
    {
        using var app = new TestApp();
        var (spring, _) = await Planned(app, "Spring", Roster());
        var (autumn, autumnHost) = await Planned(app, "Autumn", Roster());

        var wrongKey = await Add(autumnHost, autumn, new { link = $"/host/{spring.Id}#key={autumn.HostKey}" });
        var unknown = await Add(autumnHost, autumn, new { eventId = Guid.NewGuid(), hostKey = spring.HostKey });
        var notALink = await Add(autumnHost, autumn, new { link = "spring event" });
        var itself = await Add(autumnHost, autumn, new { link = autumn.HostLink });
        var stranger = await app.HostClient(spring.HostKey).PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = spring.HostLink });
        var history = await autumnHost.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/history");

        wrongKey.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var refusal = (await wrongKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        refusal.Should().Be("That link does not open an event on this server: copy the host link of the earlier event from its console.");
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Be(refusal, "a guesser cannot tell an event that exists from one that does not");
        (await wrongKey.Content.ReadAsStringAsync()).Should().NotContain("Spring", "the other event's title is not given away");
        notALink.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await notALink.Content.ReadAsStringAsync()).Should().Contain("#key=");
        itself.StatusCode.Should().Be(HttpStatusCode.Conflict);
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only autumn's host changes autumn's history");
        history.GetProperty("meetings").GetInt32().Should().Be(0, "no refused request added anything");
    }

    [Fact]
    public async Task AnEventAlreadyAddedOrWithoutAPlanIsRefused()
    {
        using var app = new TestApp();
        var (spring, _) = await Planned(app, "Spring", Roster());
        var (empty, _) = await Planned(app, "Not planned yet");
        var (autumn, autumnHost) = await Planned(app, "Autumn", Roster());

        (await Add(autumnHost, autumn, new { link = spring.HostLink })).EnsureSuccessStatusCode();
        var again = await Add(autumnHost, autumn, new { link = spring.HostLink });
        var noPlan = await Add(autumnHost, autumn, new { link = empty.HostLink });

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).Should().Contain("already");
        noPlan.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await noPlan.Content.ReadAsStringAsync()).Should().Contain("no plan");
        (await autumnHost.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/history")).GetProperty("sources").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task RemovingASourceForgetsItsMeetingsAndKeepsTheOthers()
    {
        using var app = new TestApp();
        var (spring, _) = await Planned(app, "Spring", Roster());
        var (summer, _) = await Planned(app, "Summer", Roster());
        var (autumn, autumnHost) = await Planned(app, "Autumn", Roster());
        (await Add(autumnHost, autumn, new { link = spring.HostLink })).EnsureSuccessStatusCode();
        (await Add(autumnHost, autumn, new { link = summer.HostLink })).EnsureSuccessStatusCode();

        var removed = await autumnHost.DeleteAsync($"/api/events/{autumn.Id}/history/sources/0");
        var view = await removed.Content.ReadFromJsonAsync<JsonElement>();
        var missing = await autumnHost.DeleteAsync($"/api/events/{autumn.Id}/history/sources/5");

        removed.StatusCode.Should().Be(HttpStatusCode.OK);
        view.GetProperty("sources").GetArrayLength().Should().Be(1);
        view.GetProperty("sources")[0].GetProperty("label").GetString().Should().Be("Summer", "spring was removed");
        view.GetProperty("meetings").GetInt32().Should().Be(3, "summer's three meetings stay");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("reload the console");
    }

    [Fact]
    public async Task OnceTheClockHasStartedEarlierEventsCanNoLongerBeAddedOrRemoved()
    {
        using var app = new TestApp();
        var (spring, _) = await Planned(app, "Spring", Roster());
        var (autumn, autumnHost) = await Planned(app, "Autumn", Roster());
        (await Add(autumnHost, autumn, new { link = spring.HostLink })).EnsureSuccessStatusCode();
        (await autumnHost.PostAsync($"/api/events/{autumn.Id}/clock/start", null)).EnsureSuccessStatusCode();

        var add = await Add(autumnHost, autumn, new { link = spring.HostLink });
        var remove = await autumnHost.DeleteAsync($"/api/events/{autumn.Id}/history/sources/0");
        var upload = await autumnHost.PutAsync($"/api/events/{autumn.Id}/history/file?name=x.csv", new StringContent("round,table,mentor,mentee\n1,1,Mona,Ann\n", Encoding.UTF8, "text/csv"));
        var view = await autumnHost.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/history");

        foreach (var answer in new[] { add, remove, upload })
        {
            answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await answer.Content.ReadAsStringAsync()).Should().Contain("Earlier events can be added or removed before the first round only.");
        }

        view.GetProperty("canChange").GetBoolean().Should().BeFalse();
        view.GetProperty("meetings").GetInt32().Should().Be(3, "nothing changed");
    }

    [Fact]
    public async Task TheHistoryAndItsReplanAreStoredAndOutliveARestart()
    {
        var folder = Directory.CreateTempSubdirectory("fm-history-").FullName;
        try
        {
            CreatedEvent spring, autumn;
            using (var app = new TestApp { DataFolder = folder })
            {
                (spring, _) = await Planned(app, "Spring", Roster());
                HttpClient host;
                (autumn, host) = await Planned(app, "Autumn", Roster());
                (await Add(host, autumn, new { link = spring.HostLink })).EnsureSuccessStatusCode();
                (await host.DeleteAsync($"/api/events/{autumn.Id}/history/sources/0")).EnsureSuccessStatusCode();
                (await Add(host, autumn, new { link = spring.HostLink })).EnsureSuccessStatusCode();
            }

            using var again = new TestApp { DataFolder = folder };
            var view = await again.HostClient(autumn.HostKey).GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/history");

            view.GetProperty("sources").GetArrayLength().Should().Be(1);
            view.GetProperty("sources")[0].GetProperty("eventId").GetGuid().Should().Be(spring.Id);
            view.GetProperty("meetings").GetInt32().Should().Be(3);
            view.GetProperty("pastPairs").GetInt32().Should().Be(3);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
