using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Roster;

/// <summary>The helper link at the door: check-in and walk-ins, nothing else, and gone the moment the host says so.</summary>
public class HelperLinkTests
{
    // Four tables of two for four mentees: a mentor's absence moves their mentees, a walk-in finds a seat.
    private const string Roster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentor,Pia Sun,pia@gsa.gov\nmentor,Raj Roy,raj@gsa.gov\n" +
                                  "mentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\nmentee,Cy Young,cy@gsa.gov\nmentee,Eve Stone,eve@va.gov\n";

    private sealed record Event(Guid Id, HttpClient Host, string HelperKey);

    private static async Task<Event> Planned(TestApp app)
    {
        var created = await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Door", startsAt = "2026-12-01T09:00:00-05:00", rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var host = app.HostClient(created.GetProperty("hostKey").GetString()!);
        (await host.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return new Event(id, host, await NewHelperKey(host, id));
    }

    private static async Task<string> NewHelperKey(HttpClient host, Guid id)
    {
        var made = await host.PostAsync($"/api/events/{id}/helper-link", null);
        made.StatusCode.Should().Be(HttpStatusCode.OK);
        var link = (await made.Content.ReadFromJsonAsync<HelperLink>())!.Link;
        link.Should().Contain($"/help/{id}#key=", "the key travels in the fragment, which browsers never send to a server");
        return link[(link.IndexOf("#key=", StringComparison.Ordinal) + "#key=".Length)..];
    }

    private static HttpClient Helper(TestApp app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(HostRoutes.HelperKeyHeader, key);
        return client;
    }

    private static async Task<HostPersonView> Person(HttpClient client, Guid id, string name) =>
        (await client.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{id}/people"))!.Single(p => p.Name == name);

    [Fact]
    public async Task AHelperChecksPeopleInAddsAWalkInShowsAPersonalQrAndReleasesALink()
    {
        using var app = new TestApp();
        var e = await Planned(app);
        var helper = Helper(app, e.HelperKey);
        var ann = await Person(helper, e.Id, "Ann Lee");

        var here = await helper.PostAsJsonAsync($"/api/events/{e.Id}/people/{ann.Id}/status", new { status = "arrived" });
        var walkIn = await helper.PostAsJsonAsync($"/api/events/{e.Id}/walk-ins", new { name = "Dee Walker", role = "mentee" });
        var qr = await helper.GetAsync($"/api/events/{e.Id}/people/{ann.Id}/link-qr.svg");
        var release = await helper.PostAsync($"/api/events/{e.Id}/people/{ann.Id}/release", null);

        here.StatusCode.Should().Be(HttpStatusCode.OK);
        walkIn.StatusCode.Should().Be(HttpStatusCode.OK, await walkIn.Content.ReadAsStringAsync());
        qr.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        release.StatusCode.Should().Be(HttpStatusCode.OK, "sorting out a phone that took the wrong name is a job for the door");
        var people = await e.Host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people");
        people.Should().Contain(p => p.Name == "Ann Lee" && p.Status == "arrived", "the host sees the helper's check-in")
            .And.Contain(p => p.Name == "Dee Walker", "and the helper's walk-in");
    }

    [Fact]
    public async Task AHelperSeesNoPersonalLinksAndCannotShowTheLinkAPhoneAlreadyHolds()
    {
        using var app = new TestApp();
        var e = await Planned(app);
        var helper = Helper(app, e.HelperKey);
        var ann = await Person(e.Host, e.Id, "Ann Lee");
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, ann.Link!["/me#t=".Length..]);
        (await phone.GetAsync("/api/me")).EnsureSuccessStatusCode(); // Ann's phone opens her link and holds it.

        var listed = await helper.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people");
        var checkedIn = await (await helper.PostAsJsonAsync($"/api/events/{e.Id}/people/{ann.Id}/status", new { status = "arrived" })).Content.ReadFromJsonAsync<StatusResult>();
        var annsQr = await helper.GetAsync($"/api/events/{e.Id}/people/{ann.Id}/link-qr.svg");
        var bensQr = await helper.GetAsync($"/api/events/{e.Id}/people/{(await Person(e.Host, e.Id, "Ben Okafor")).Id}/link-qr.svg");

        listed.Should().OnlyContain(p => p.Link == null, "a personal link opens, and claims, that person's phone view: the door gets none");
        checkedIn!.Person.Link.Should().BeNull();
        annsQr.StatusCode.Should().Be(HttpStatusCode.Forbidden, "Ann's phone holds her link; only the host may hand it out again");
        (await annsQr.Content.ReadAsStringAsync()).Should().Contain("Release");
        bensQr.StatusCode.Should().Be(HttpStatusCode.OK, "Ben has no phone yet: the desk shows him the QR code to scan");
        (await Person(e.Host, e.Id, "Ann Lee")).Link.Should().NotBeNull("the host still sees every link");
    }

    /// <summary>Every host route that is not check-in, as "METHOD pattern".</summary>
    private static List<string> HostOnlyRouteList()
    {
        using var app = new TestApp();
        app.CreateClient().Dispose();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HostOnlyAttribute>() is not null && e.Metadata.GetMetadata<HelperAllowedAttribute>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToList();
    }

    public static TheoryData<string> HostOnlyRoutes() => [.. HostOnlyRouteList()];

    [Fact]
    public void TheHelperLinkOpensTheCheckInRoutesAndNoOther()
    {
        var routes = HostOnlyRouteList();

        routes.Should().Contain(["POST /api/events/{id:guid}/clock/{command}", "PUT /api/events/{id:guid}/roster", "DELETE /api/events/{id:guid}/", "POST /api/events/{id:guid}/helper-link", "GET /api/events/{id:guid}/report"]);
        // The host's review edits, removes and imports people before the event: the host's alone.
        string[] review = ["PUT /api/events/{id:guid}/people/{personId:long}", "DELETE /api/events/{id:guid}/people/{personId:long}", "POST /api/events/{id:guid}/people/import"];
        routes.Should().Contain(review);
        routes.Except(review).Should().NotContain(r => r.Contains("/people", StringComparison.Ordinal) || r.EndsWith("/walk-ins", StringComparison.Ordinal), "check-in and walk-ins are the helper's");
    }

    [Theory]
    [MemberData(nameof(HostOnlyRoutes))]
    public async Task EveryOtherHostRouteRefusesTheHelperKey(string route)
    {
        using var app = new TestApp();
        var e = await Planned(app);
        var method = route[..route.IndexOf(' ', StringComparison.Ordinal)];
        var path = route[(method.Length + 1)..]
            .Replace("{id:guid}", e.Id.ToString(), StringComparison.Ordinal)
            .Replace("{command}", "start", StringComparison.Ordinal)
            .Replace("{part}", "signs", StringComparison.Ordinal)
            .Replace("{jobId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{file}", "kit.pdf", StringComparison.Ordinal)
            .Replace("{personId:long}", "1", StringComparison.Ordinal)
            .Replace("{table:int}", "1", StringComparison.Ordinal)
            .Replace("{index:int}", "0", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("""{"expectedRound":0,"kind":"pin","mentee":"ann@va.gov","mentor":"mona@hhs.gov"}""", Encoding.UTF8, "application/json");
        }

        request.Headers.Add(HostRoutes.HelperKeyHeader, e.HelperKey);

        var answer = await app.CreateClient().SendAsync(request);

        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("check-in and walk-ins only", "the helper is told why");
        (await e.Host.GetFromJsonAsync<JsonElement>($"/api/events/{e.Id}/clock")).GetProperty("phase").GetString().Should().Be("waiting", "nothing was changed");
        (await e.Host.GetAsync($"/api/events/{e.Id}/plan")).StatusCode.Should().Be(HttpStatusCode.OK, "the event is still there");
    }

    [Fact]
    public async Task ANewHelperLinkStopsTheOldOneAndARevokedLinkStopsAtOnceWhileTheHostKeyWorks()
    {
        using var app = new TestApp();
        var e = await Planned(app);
        var old = Helper(app, e.HelperKey);
        (await old.GetAsync($"/api/events/{e.Id}/people")).StatusCode.Should().Be(HttpStatusCode.OK);

        var newKey = await NewHelperKey(e.Host, e.Id);
        var oldAfterNew = await old.GetAsync($"/api/events/{e.Id}/people");
        var fresh = await Helper(app, newKey).GetAsync($"/api/events/{e.Id}/people");
        (await e.Host.DeleteAsync($"/api/events/{e.Id}/helper-link")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var revoked = await Helper(app, newKey).GetAsync($"/api/events/{e.Id}/people");
        var state = await e.Host.GetFromJsonAsync<HelperLinkState>($"/api/events/{e.Id}/helper-link");
        var hostStill = await e.Host.GetAsync($"/api/events/{e.Id}/people");

        oldAfterNew.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a new helper link replaces the old one");
        fresh.StatusCode.Should().Be(HttpStatusCode.OK);
        revoked.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a revoked helper link stops at once");
        (await revoked.Content.ReadAsStringAsync()).Should().Contain("This helper link no longer works").And.Contain("ask the host for the new link");
        state!.Active.Should().BeFalse();
        hostStill.StatusCode.Should().Be(HttpStatusCode.OK, "the host key is not touched by the helper link");
    }

    [Fact]
    public async Task TheHelperLinkOfOneEventOpensNoOtherEvent()
    {
        using var app = new TestApp();
        var a = await Planned(app);
        var b = await Planned(app);

        var answer = await Helper(app, a.HelperKey).GetAsync($"/api/events/{b.Id}/people");

        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AMentorMarkedAbsentTellsTheHostWhoMovedWhereAndWhatToReprint()
    {
        using var app = new TestApp();
        var e = await Planned(app);
        var mona = await Person(e.Host, e.Id, "Mona Lisa");

        var result = (await (await e.Host.PostAsJsonAsync($"/api/events/{e.Id}/people/{mona.Id}/status", new { status = "absent" }))
            .Content.ReadFromJsonAsync<StatusResult>())!;

        result.Moves.Should().NotBeEmpty("Mona's mentees sit somewhere else now").And.NotContain(m => m.Name == "Mona Lisa", "her own change is the message");
        result.Moves.Should().OnlyContain(m => m.FromTable != m.ToTable && m.Text.StartsWith($"Round {m.Round}: {m.Name} ", StringComparison.Ordinal));
        result.Moves.Should().Contain(m => m.FromTable == 1, "someone left Mona's table 1");
        var moved = result.Moves.First(m => m.FromTable == 1);
        moved.Text.Should().Be(moved.ToTable is { } to ? $"Round {moved.Round}: {moved.Name} moves from Table 1 to Table {to}" : $"Round {moved.Round}: {moved.Name} rests (was at Table 1)");
        result.Reprint.People.Should().Contain(mona.Id, "her itinerary changed too").And.Contain(result.Moves.Select(m => m.Id!.Value));
        result.Reprint.Tables.Should().Contain(1).And.Contain(result.Moves.Select(m => m.ToTable).OfType<int>());
        var movers = result.Moves.Select(m => m.Name).Distinct().Count();
        result.Message.Should().Be($"Mona Lisa is out from round 1. {movers} other {(movers == 1 ? "person changes" : "people change")} table (listed below); {result.Moved - 1} people told in all.");
    }

    [Theory]
    [InlineData("Ann Lee", null)]
    [InlineData("ann  lee", null)]
    [InlineData("Ann Lee", "ANN@va.gov")]
    public async Task AWalkInWhoIsAlreadyOnTheListIsToldWhatToDo(string name, string? email)
    {
        using var app = new TestApp();
        var e = await Planned(app);

        var answer = await e.Host.PostAsJsonAsync($"/api/events/{e.Id}/walk-ins", new { name, role = "mentee", email });

        answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var text = await answer.Content.ReadAsStringAsync();
        text.Should().Contain("Ann Lee").And.Contain("already on the list").And.Contain("mark them Here").And.NotContain("Reload");
        if (email is null)
        {
            text.Should().Contain("add their e-mail or a middle initial", "the roster's Ann Lee has an e-mail, this one has none: they cannot be told apart");
        }

        (await e.Host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people")).Should().HaveCount(8, "nobody was added");
    }

    [Fact]
    public async Task ASecondAnnLeeWithHerOwnEmailIsWelcome()
    {
        using var app = new TestApp();
        var e = await Planned(app);

        var answer = await e.Host.PostAsJsonAsync($"/api/events/{e.Id}/walk-ins", new { name = "Ann Lee", role = "mentee", email = "ann.lee@gsa.gov" });

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWalkInsStatusReadsAsPlainSentences()
    {
        using var app = new TestApp();
        var e = await Planned(app);

        var mentee = (await (await e.Host.PostAsJsonAsync($"/api/events/{e.Id}/walk-ins", new { name = "Dee Walker", role = "mentee" })).Content.ReadFromJsonAsync<StatusResult>())!;
        var mentor = (await (await e.Host.PostAsJsonAsync($"/api/events/{e.Id}/walk-ins", new { name = "Max Host", role = "mentor" })).Content.ReadFromJsonAsync<StatusResult>())!;

        mentee.Message.Should().MatchRegex(@"^Dee Walker joins at Table \d in round 1\. (Nobody else is affected\.|Nobody else changes table; \d+ other (person|people) told who now sits with them\.|\d+ other (person changes|people change) table \(listed below\); \d+ (person|people) told in all\.)$");
        mentor.Message.Should().StartWith("Max Host hosts Table 5 from round 1.");
        mentor.Reprint.Tables.Should().Contain(5, "the new table needs its sign");
        mentor.Reprint.People.Should().Contain(mentor.Person.Id, "and the new mentor an itinerary");
    }

    [Fact]
    public async Task IAmHereAskedFromAPhoneShowsInTheListUntilTheHostConfirms()
    {
        using var app = new TestApp();
        var e = await Planned(app);
        var ann = await Person(e.Host, e.Id, "Ann Lee");
        (await e.Host.PostAsJsonAsync($"/api/events/{e.Id}/people/{ann.Id}/status", new { status = "absent" })).EnsureSuccessStatusCode();
        var asked = new DateTimeOffset(2026, 12, 1, 14, 5, 0, TimeSpan.Zero);
        using (var scope = app.Services.CreateScope())
        {
            // What the phone's "I'm here" does (POST /api/me/{token}/here, built on the phone branch).
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            (await db.People.SingleAsync(p => p.Id == ann.Id)).HereAskedAt = asked;
            await db.SaveChangesAsync();
        }

        var listed = await Person(Helper(app, e.HelperKey), e.Id, "Ann Lee");
        var confirmed = (await (await Helper(app, e.HelperKey).PostAsJsonAsync($"/api/events/{e.Id}/people/{ann.Id}/status", new { status = "arrived" }))
            .Content.ReadFromJsonAsync<StatusResult>())!;

        listed.HereAskedAt.Should().Be(asked, "the check-in list shows who asks to be back");
        confirmed.Person.HereAskedAt.Should().BeNull("confirmed, the question is answered");
        confirmed.Person.Status.Should().Be("arrived");
        confirmed.Message.Should().StartWith("Ann Lee is back from round 1.");
        (await Person(e.Host, e.Id, "Ann Lee")).HereAskedAt.Should().BeNull();
    }
}
