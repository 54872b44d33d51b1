using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;

namespace FlashMentoring.Web.Tests.Hosting;

public class AccessTests
{
    private const string Roster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\n";

    private static async Task<(CreatedEvent Event, string PersonToken, long PersonId)> Planned(TestApp app, bool firstNames = false)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "A", startsAt = "2026-12-01T09:00:00-05:00", rounds = 1, seatsPerTable = 2, boardFirstNamesOnly = firstNames }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var ann = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!.Single(p => p.Name == "Ann Lee");
        return (created, ann.Link["/me#t=".Length..], ann.Id);
    }

    public static TheoryData<string, string> HostEndpoints => new()
    {
        { "GET", "/host" }, { "PUT", "/roster" }, { "GET", "/plan" }, { "POST", "/clock/start" }, { "POST", "/clock/pause" },
        { "POST", "/clock/resume" }, { "POST", "/clock/extend" }, { "POST", "/clock/skip" }, { "POST", "/clock/end" }, { "GET", "/people" },
        { "POST", "/people/{person}/status" }, { "POST", "/walk-ins" }, { "POST", "/constraints" }, { "GET", "/kit.pdf" }, { "GET", "/kit/signs.pdf" },
        { "POST", "/kit-jobs" }, { "GET", "/report" }, { "GET", "/report.pdf" }, { "POST", "/pairs/confirm" }, { "GET", "/exports/ratings.csv" },
        { "GET", "/exports/pairs.csv" }, { "DELETE", "" },
    };

    [Theory]
    [MemberData(nameof(HostEndpoints))]
    public async Task EveryHostEndpointRefusesNoKeyAParticipantAndAnotherEventsHost(string method, string path)
    {
        using var app = new TestApp();
        var (a, annToken, annId) = await Planned(app);
        var (b, _, _) = await Planned(app);
        var url = $"/api/events/{a.Id}{path.Replace("{person}", annId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}";
        HttpRequestMessage Request(string? hostKey, string? personToken)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
            {
                request.Content = path == "/roster"
                    ? new StringContent(Roster, Encoding.UTF8, "text/csv")
                    : new StringContent("""{"status":"absent","name":"X","role":"mentee","kind":"pin","mentee":"ann@va.gov","mentor":"mona@hhs.gov","expectedRound":1}""", Encoding.UTF8, "application/json");
            }

            if (hostKey is not null)
            {
                request.Headers.Add(EventEndpoints.HostKeyHeader, hostKey);
            }

            if (personToken is not null)
            {
                request.Headers.Add(ParticipantEndpoints.PersonTokenHeader, personToken);
            }

            return request;
        }

        var client = app.CreateClient();
        var nobody = await client.SendAsync(Request(null, null));
        var participant = await client.SendAsync(Request(null, annToken));
        var otherHost = await client.SendAsync(Request(b.HostKey, null));
        var stillThere = await app.HostClient(a.HostKey).GetFromJsonAsync<JsonElement>($"/api/events/{a.Id}/clock");

        nobody.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        participant.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a personal link is not the host link");
        otherHost.StatusCode.Should().Be(HttpStatusCode.Forbidden, "another event's host link controls only that event");
        (await nobody.Content.ReadAsStringAsync()).Should().Contain("host link");
        stillThere.GetProperty("phase").GetString().Should().Be("waiting", "nothing was changed by the refused calls");
    }

    [Fact]
    public async Task AParticipantOfOneEventSeesOnlyTheirOwnAndCannotReachIntoAnother()
    {
        using var app = new TestApp();
        var (a, annToken, _) = await Planned(app);
        var (b, _, benOfB) = await Planned(app);
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add(ParticipantEndpoints.PersonTokenHeader, annToken);
        await using var hub = await HubClient.ConnectAsync(app, "/hubs/live");

        var me = (await phone.GetFromJsonAsync<PersonalView>("/api/me"))!;
        var choose = await phone.PutAsJsonAsync("/api/me/choices", new { chosen = new[] { benOfB } });
        var joined = await hub.InvokeAsync("JoinPerson", annToken);
        var people = await phone.GetAsync($"/api/events/{b.Id}/people");

        me.EventId.Should().Be(a.Id);
        joined.GetProperty("eventId").GetGuid().Should().Be(a.Id);
        choose.StatusCode.Should().Be(HttpStatusCode.BadRequest, "someone from another event is not someone you met");
        people.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PagesCarryASecurityPolicyWithoutInlineScriptAndNoReferrer()
    {
        using var app = new TestApp();

        var page = await app.CreateClient().GetAsync("/me");

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.NotContain("unsafe-inline").And.Contain("frame-ancestors 'none'");
        page.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        page.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    [Fact]
    public async Task GuessingJoinCodesIsCappedPerMinuteFromOneAddress()
    {
        using var app = new TestApp();
        var client = app.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var k = 0; k <= Web.Hosting.Security.JoinPerMinute; k++)
        {
            answers.Add((await client.GetAsync($"/api/join/Z{k:00000}")).StatusCode);
        }

        answers.Take(Web.Hosting.Security.JoinPerMinute).Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        answers[^1].Should().Be(HttpStatusCode.TooManyRequests);
        Web.Hosting.Security.JoinPerMinute.Should().BeLessThan(1000, "a minute must not buy more than a sliver of the 887 million codes");
    }

    [Fact]
    public async Task TheBoardCanShowFirstNamesOnly()
    {
        using var app = new TestApp();
        var (a, _, _) = await Planned(app, firstNames: true);

        var board = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/events/{a.Id}/board");

        board.GetProperty("rounds")[0][0].GetProperty("mentor").GetString().Should().Be("Mona");
    }

    [Fact]
    public async Task BehindAProxyLimitsCountDevicesAndJoinLinksCarryThePublicHost()
    {
        using var app = new TestApp { Settings = { ["Hosting:BehindProxy"] = "true" } };
        var (a, _, _) = await Planned(app);
        var client = app.CreateClient();
        async Task<HttpStatusCode> Join(string device)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/join/ZZZZZZ");
            request.Headers.Add("X-Forwarded-For", device);
            return (await client.SendAsync(request)).StatusCode;
        }

        for (var k = 0; k < Web.Hosting.Security.JoinPerMinute; k++)
        {
            await Join("203.0.113.7");
        }

        var sameDevice = await Join("203.0.113.7");
        var otherDevice = await Join("203.0.113.8");
        using var info = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{a.Id}/join");
        info.Headers.Add("X-Forwarded-Host", "mentoring.example.gov");
        info.Headers.Add("X-Forwarded-Proto", "https");
        var join = await (await client.SendAsync(info)).Content.ReadFromJsonAsync<JoinInfo>();

        sameDevice.Should().Be(HttpStatusCode.TooManyRequests);
        otherDevice.Should().Be(HttpStatusCode.NotFound, "another phone behind the same proxy has its own allowance");
        join!.JoinUrl.Should().StartWith("https://mentoring.example.gov/join?code=");
    }
}
