using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Roster;

/// <summary>Walk-ins are people like any other: cleaned and checked as the roster's lines are, and the event keeps loading.</summary>
public class WalkInTests
{
    // Four tables of two for four mentees: a walk-in mentee (and a second one) finds a seat in every round.
    private const string Roster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentor,Pia Sun,pia@gsa.gov\nmentor,Raj Roy,raj@gsa.gov\n" +
                                  "mentee,Ann Lee,\nmentee,Ben Okafor,ben@va.gov\nmentee,Cy Young,cy@gsa.gov\nmentee,Eve Stone,eve@va.gov\n";

    private static async Task<(Guid Id, string HostKey, HttpClient Host)> Planned(TestApp app)
    {
        var created = await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Walk-ins", startsAt = "2026-12-01T09:00:00-05:00", rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var host = app.HostClient(created.GetProperty("hostKey").GetString()!);
        (await host.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (id, created.GetProperty("hostKey").GetString()!, host);
    }

    private static async Task<List<int?>> TablesOf(TestApp app, string link)
    {
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add("X-Person-Token", link["/me#t=".Length..]);
        var me = await phone.GetFromJsonAsync<JsonElement>("/api/me");
        return me.GetProperty("rounds").EnumerateArray()
            .Select(r => r.GetProperty("table").ValueKind == JsonValueKind.Number ? r.GetProperty("table").GetInt32() : (int?)null).ToList();
    }

    private static async Task TheEventStillLoads(TestApp app, Guid id, HttpClient host)
    {
        (await host.GetAsync($"/api/events/{id}/plan")).StatusCode.Should().Be(HttpStatusCode.OK, "the host's plan still opens");
        (await app.CreateClient().GetAsync($"/api/events/{id}/board")).StatusCode.Should().Be(HttpStatusCode.OK, "the projector still shows the tables");
        (await host.GetAsync($"/api/events/{id}/report")).StatusCode.Should().Be(HttpStatusCode.OK);
        var next = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = "Gus Later", role = "mentee" });
        next.StatusCode.Should().Be(HttpStatusCode.OK, "a further walk-in is still taken: " + await next.Content.ReadAsStringAsync());
        var link = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("link").GetString()!;
        (await TablesOf(app, link)).Should().OnlyContain(t => t != null, "there is a seat for him in every round");
    }

    [Fact]
    public async Task AWalkInWithTwoSpacesInHerNameSeesATableInEveryLaterRound()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));
        using var app = new TestApp { Time = time };
        var (id, _, host) = await Planned(app);
        (await host.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();

        var answer = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = "Dee  Walker", role = "mentee" });

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var person = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person");
        person.GetProperty("name").GetString().Should().Be("Dee Walker", "names are cleaned as the roster's are");
        var tables = await TablesOf(app, person.GetProperty("link").GetString()!);
        tables[0].Should().BeNull("round 1 was under way when she came");
        tables.Skip(1).Should().OnlyContain(t => t != null, "she sits at a table in every round after she came");
    }

    public static TheoryData<string, string> NamesThatAreCleaned => new()
    {
        { "Dee  Walker", "Dee Walker" },
        { "Dee\nWalker", "Dee Walker" },
        { "Dee\u0000 Walker", "Dee Walker" },
        { "Rene\u0301e Walker", "Ren\u00e9e Walker" },
        { " \tDee Walker\r\n", "Dee Walker" },
    };

    [Theory]
    [MemberData(nameof(NamesThatAreCleaned))]
    public async Task AWalkInWhoseNameNeedsCleaningIsStoredCleanAndSeatedEveryRound(string typed, string stored)
    {
        using var app = new TestApp();
        var (id, _, host) = await Planned(app);

        var answer = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = typed, role = "mentee" });

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var person = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person");
        person.GetProperty("name").GetString().Should().Be(stored);
        (await TablesOf(app, person.GetProperty("link").GetString()!)).Should().OnlyContain(t => t != null, "her phone shows a table in every round");
        await TheEventStillLoads(app, id, host);
    }

    public static TheoryData<string, object, string> WalkInsThatAreRefused => new()
    {
        { "an e-mail the roster would reject", new { name = "Dee Walker", role = "mentee", email = "dee(at)va.gov" }, "email" },
        { "an e-mail with a space", new { name = "Dee Walker", role = "mentee", email = "dee walker@va.gov" }, "email" },
        { "an e-mail over 1,000 characters", new { name = "Dee Walker", role = "mentee", email = new string('d', 1001) + "@va.gov" }, "email" },
        { "an agency over 1,000 characters", new { name = "Dee Walker", role = "mentee", agency = new string('A', 1001) }, "agency" },
        { "a name that is only a control character", new { name = "\u0001", role = "mentee" }, "name" },
        { "a name that is only a NUL", new { name = "\u0000", role = "mentor" }, "name" },
        { "a name over 200 characters", new { name = new string('N', 201), role = "mentee" }, "name" },
    };

    [Theory]
    [MemberData(nameof(WalkInsThatAreRefused))]
    public async Task AWalkInTheRosterWouldRejectIsRefusedWithAClearMessageAndTheEventKeepsLoading(string what, object walkIn, string field)
    {
        using var app = new TestApp();
        var (id, _, host) = await Planned(app);

        var answer = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", walkIn);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest, what);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue($"the answer names the {field} field: {problem}");
        messages[0].GetString().Should().NotBeNullOrWhiteSpace();
        (await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people")).GetArrayLength().Should().Be(8, "nobody was added");
        await TheEventStillLoads(app, id, host);
    }

    [Theory]
    [InlineData("Ann  Lee")]
    [InlineData("ANN LEE")]
    [InlineData(" Ann\tLee ")]
    public async Task AWalkInWhoseNameIsARosterNameAfterCleaningIsRefusedAsADuplicate(string typed)
    {
        using var app = new TestApp();
        var (id, _, host) = await Planned(app);

        var answer = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = typed, role = "mentee" });

        answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("already on the list");
        var feedback = app.CreateClient();
        var ann = (await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people")).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Ann Lee");
        feedback.DefaultRequestHeaders.Add("X-Person-Token", ann.GetProperty("link").GetString()!["/me#t=".Length..]);
        (await feedback.GetAsync("/api/me/feedback")).StatusCode.Should().Be(HttpStatusCode.OK, "everyone's feedback view still opens");
        await TheEventStillLoads(app, id, host);
    }
}
