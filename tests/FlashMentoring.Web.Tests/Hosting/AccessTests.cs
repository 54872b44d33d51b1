using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

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
        return (created, ann.Link!["/me#t=".Length..], ann.Id);
    }

    // What anyone may read of an event: its title and start, the board, the join link and QR, and the clock.
    private static readonly string[] PublicEventRoutes =
    [
        "GET /api/events/{id:guid}/", "GET /api/events/{id:guid}/join", "GET /api/events/{id:guid}/join-qr.svg",
        "GET /api/events/{id:guid}/board", "GET /api/events/{id:guid}/clock",
    ];

    /// <summary>Every route the app maps under /api/events/{id}, as "METHOD pattern", and whether it carries the host-only mark.</summary>
    private static List<(string Route, bool HostOnly)> EventRoutes()
    {
        using var app = new TestApp();
        app.CreateClient().Dispose();
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/events/{id", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ($"{m} {e.RoutePattern.RawText}", e.Metadata.GetMetadata<HostOnlyAttribute>() is not null)))
            .ToList();
    }

    public static TheoryData<string> HostEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var (route, hostOnly) in EventRoutes().Where(r => r.HostOnly))
        {
            data.Add(route);
        }

        return data;
    }

    [Fact]
    public void EveryEventRouteIsEitherPublicByNameOrBehindTheHostKey()
    {
        var routes = EventRoutes();

        routes.Where(r => !r.HostOnly).Select(r => r.Route).Should().BeEquivalentTo(PublicEventRoutes, "a route that is not on the public list must be mapped on the host group");
        routes.Where(r => r.HostOnly).Select(r => r.Route).Should().Contain(
            ["GET /api/events/{id:guid}/roster.csv", "PUT /api/events/{id:guid}/roster", "POST /api/events/{id:guid}/walk-ins", "DELETE /api/events/{id:guid}/", "POST /api/events/{id:guid}/clock/{command}"],
            "the host group holds every host route, the roster export added with people as records among them");
    }

    [Theory]
    [MemberData(nameof(HostEndpoints))]
    public async Task EveryHostEndpointRefusesNoKeyAParticipantAndAnotherEventsHost(string route)
    {
        using var app = new TestApp();
        var (a, annToken, annId) = await Planned(app);
        var (b, _, _) = await Planned(app);
        var method = route[..route.IndexOf(' ', StringComparison.Ordinal)];
        var path = route[(method.Length + 1)..]
            .Replace("{id:guid}", a.Id.ToString(), StringComparison.Ordinal)
            .Replace("{personId:long}", annId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{command}", "start", StringComparison.Ordinal)
            .Replace("{part}", "signs", StringComparison.Ordinal)
            .Replace("{jobId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{file}", "kit.pdf", StringComparison.Ordinal)
            .Replace("{table:int}", "1", StringComparison.Ordinal)
            .Replace("{index:int}", "0", StringComparison.Ordinal);
        path.Should().NotContain("{", "every route parameter gets a value");
        HttpRequestMessage Request(string? hostKey, string? personToken)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                request.Content = path.EndsWith("/roster", StringComparison.Ordinal)
                    ? new StringContent(Roster, Encoding.UTF8, "text/csv")
                    : new StringContent("""{"status":"absent","name":"X","role":"mentee","kind":"pin","mentee":"ann@va.gov","mentor":"mona@hhs.gov","expectedRound":1}""", Encoding.UTF8, "application/json");
            }

            if (hostKey is not null)
            {
                request.Headers.Add(HostRoutes.HostKeyHeader, hostKey);
            }

            if (personToken is not null)
            {
                request.Headers.Add(PersonalLinks.TokenHeader, personToken);
            }

            return request;
        }

        var client = app.CreateClient();
        var nobody = await client.SendAsync(Request(null, null));
        var participant = await client.SendAsync(Request(null, annToken));
        var otherHost = await client.SendAsync(Request(b.HostKey, null));
        var stillThere = await app.HostClient(a.HostKey).GetFromJsonAsync<JsonElement>($"/api/events/{a.Id}/clock");
        var people = await app.HostClient(a.HostKey).GetFromJsonAsync<List<HostPersonView>>($"/api/events/{a.Id}/people");

        nobody.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        participant.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a personal link is not the host link");
        otherHost.StatusCode.Should().Be(HttpStatusCode.Forbidden, "another event's host link controls only that event");
        (await nobody.Content.ReadAsStringAsync()).Should().Contain("host link");
        stillThere.GetProperty("phase").GetString().Should().Be("waiting", "nothing was changed by the refused calls");
        people.Should().HaveCount(3).And.OnlyContain(p => p.Status == "expected", "nobody was added or checked in");
    }

    [Theory]
    [InlineData("/walk-ins")]
    [InlineData("/constraints")]
    [InlineData("/people/1/status")]
    public async Task AStrangersRequestIsRefusedBeforeItsBodyIsEvenRead(string path)
    {
        using var app = new TestApp();
        var (a, _, _) = await Planned(app);

        var answer = await app.CreateClient().PostAsync($"/api/events/{a.Id}{path}", new StringContent("{\"name\": [[[[", Encoding.UTF8, "application/json"));

        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the host key is checked first: a stranger gets no further, whatever the body");
    }

    [Fact]
    public async Task AParticipantOfOneEventSeesOnlyTheirOwnAndCannotReachIntoAnother()
    {
        using var app = new TestApp();
        var (a, annToken, _) = await Planned(app);
        var (b, _, benOfB) = await Planned(app);
        var phone = app.CreateClient();
        (await phone.GetAsync("/me")).Dispose(); // The page first, as a browser opens it: the phone's device cookie.
        phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, annToken);
        await using var hub = await app.ConnectLiveAsync();
        foreach (var command in new[] { "start", "end" })
        {
            (await app.HostClient(a.HostKey).PostAsync($"/api/events/{a.Id}/clock/{command}", null)).EnsureSuccessStatusCode();
        }

        var me = (await phone.GetFromJsonAsync<PersonalView>("/api/me"))!;
        var choose = await phone.PutAsJsonAsync("/api/me/choices", new { chosen = new[] { benOfB } });
        var joined = await hub.InvokeAsync<PersonalView>(nameof(LiveHub.JoinPerson), annToken);
        var people = await phone.GetAsync($"/api/events/{b.Id}/people");

        me.EventId.Should().Be(a.Id);
        joined.EventId.Should().Be(a.Id);
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
    public async Task GuessingJoinCodesIsCappedPerDevice()
    {
        using var app = new TestApp();
        var client = app.CreateClient();
        await client.GetAsync("/join"); // A browser: the page first, with its device cookie.

        var answers = new List<HttpResponseMessage>();
        for (var k = 0; k <= Attempts.WrongCodeBurst; k++)
        {
            answers.Add(await client.GetAsync($"/api/join/Z{k:00000}"));
        }

        answers.Take(Attempts.WrongCodeBurst).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.NotFound);
        answers[^1].StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        answers[^1].Headers.RetryAfter!.Delta.Should().BePositive();
        (Attempts.WrongCodePerMinute * 60 * 24).Should().BeLessThan(100_000, "a device's day must not buy more than a sliver of the 887 million codes");
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
        using var app = new TestApp { Settings = { ["Hosting:BehindProxy"] = "true", ["Hosting:LinkHosts:0"] = "mentoring.example.gov" } };
        var (a, _, _) = await Planned(app);
        // Scripts without cookies: each counts as its forwarded address.
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        async Task<HttpStatusCode> Join(string device)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/join/ZZZZZZ");
            request.Headers.Add("X-Forwarded-For", device);
            return (await client.SendAsync(request)).StatusCode;
        }

        for (var k = 0; k < Attempts.WrongCodeBurst; k++)
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

    [Fact]
    public async Task AServerErrorStillCarriesTheSecurityHeaders()
    {
        // The disk fails as the event is saved: a real 500, through the real exception handler.
        var diskFull = new SaveHook(_ => throw new IOException("No space left on device"));
        using var app = new TestApp { TestServices = diskFull.AddTo };

        var answer = await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "A", startsAt = "2026-12-01T09:00:00-05:00" });

        answer.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        answer.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
        answer.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        answer.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        answer.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        answer.Headers.CacheControl?.NoStore.Should().BeTrue();
        (await answer.Content.ReadAsStringAsync()).Should().NotContain("No space left", "the error's details stay in the server's log");
    }

    [Fact]
    public async Task NoAnswerCarryingPersonalDataOrLinksMayBeStoredByABrowserOrAProxy()
    {
        using var app = new TestApp();
        var (a, annToken, annId) = await Planned(app);
        var host = app.HostClient(a.HostKey);
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, annToken);
        var kitJob = (await (await host.PostAsync($"/api/events/{a.Id}/kit-jobs?parts=itineraries", null)).Content.ReadFromJsonAsync<Web.Kits.KitJobView>())!;
        await app.Services.GetRequiredService<Web.Kits.KitJobs>().FindForEvent(a.Id, kitJob.Id)!.Completion;
        var kitJobPdf = (await host.GetFromJsonAsync<Web.Kits.KitJobView>(kitJob.Status))!.Download!;

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["/api/me"] = await phone.GetAsync("/api/me"),
            ["/api/me/feedback"] = await phone.GetAsync("/api/me/feedback"),
            ["/api/join/{code}"] = await app.CreateClient().GetAsync($"/api/join/{a.JoinCode}"),
            ["POST /api/join/{code}/people/{pick}"] = await app.CreateClient().PostAsync(
                $"/api/join/{a.JoinCode}/people/{(await app.CreateClient().GetFromJsonAsync<JoinEventView>($"/api/join/{a.JoinCode}"))!.People.First(p => !p.Taken).Pick}", null),
            ["/people"] = await host.GetAsync($"/api/events/{a.Id}/people"),
            ["/host"] = await host.GetAsync($"/api/events/{a.Id}/host"),
            ["/plan"] = await host.GetAsync($"/api/events/{a.Id}/plan"),
            ["/roster.csv"] = await host.GetAsync($"/api/events/{a.Id}/roster.csv"),
            ["/report"] = await host.GetAsync($"/api/events/{a.Id}/report"),
            ["/report.pdf"] = await host.GetAsync($"/api/events/{a.Id}/report.pdf"),
            ["/exports/ratings.csv"] = await host.GetAsync($"/api/events/{a.Id}/exports/ratings.csv"),
            ["/exports/pairs.csv"] = await host.GetAsync($"/api/events/{a.Id}/exports/pairs.csv"),
            ["/kit/itineraries.pdf"] = await host.GetAsync($"/api/events/{a.Id}/kit/itineraries.pdf"),
            ["kit job PDF"] = await host.GetAsync(kitJobPdf),
        };

        answers.Where(x => !x.Value.IsSuccessStatusCode).Select(x => $"{x.Key}: {x.Value.StatusCode}").Should().BeEmpty("each route answers with its data");
        answers.Where(x => x.Value.Headers.CacheControl?.NoStore != true).Select(x => $"{x.Key}: {x.Value.Headers.CacheControl}").Should().BeEmpty(
            "personal data and personal links must not stay in a shared computer's cache or a proxy's");
    }

    [Fact]
    public async Task AForgedHostHeaderNeverEndsUpInTheJoinLinkTheBoardOrTheQrCode()
    {
        using var app = new TestApp();
        var (a, _, _) = await Planned(app);
        var client = app.CreateClient();
        async Task<HttpResponseMessage> Forged(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{a.Id}{path}");
            request.Headers.Host = "phish.example";
            return await client.SendAsync(request);
        }

        var join = (await (await Forged("/join")).Content.ReadFromJsonAsync<JoinInfo>())!;
        var board = await (await Forged("/board")).Content.ReadFromJsonAsync<JsonElement>();
        var qr = await (await Forged("/join-qr.svg")).Content.ReadAsStringAsync();

        join.JoinUrl.Should().NotContain("phish.example");
        join.BoardUrl.Should().NotContain("phish.example");
        board.GetProperty("joinUrl").GetString().Should().NotContain("phish.example");
        qr.Should().Be(JoinLinks.QrSvg(join.JoinUrl), "the QR code carries the same link as the page");
        qr.Should().NotBe(JoinLinks.QrSvg($"http://phish.example{JoinLinks.JoinPath(a.JoinCode)}"));
    }

    [Fact]
    public async Task WithAPublicOriginConfiguredEveryJoinLinkAndQrCodeUsesIt()
    {
        using var app = new TestApp { Settings = { ["Hosting:PublicOrigin"] = "https://mentoring.example.gov" } };
        var (a, _, _) = await Planned(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{a.Id}/join-qr.svg");
        request.Headers.Host = "phish.example";

        var join = (await app.CreateClient().GetFromJsonAsync<JoinInfo>($"/api/events/{a.Id}/join"))!;
        var qr = await (await app.CreateClient().SendAsync(request)).Content.ReadAsStringAsync();

        join.JoinUrl.Should().Be($"https://mentoring.example.gov/join?code={a.JoinCode}");
        join.ReachableFromLan.Should().BeTrue();
        qr.Should().Be(JoinLinks.QrSvg(join.JoinUrl));
    }

    [Fact]
    public async Task AHostNameOnTheAllowedListIsKeptInTheJoinLink()
    {
        using var app = new TestApp { Settings = { ["Hosting:LinkHosts:0"] = "mentoring-laptop.local" } };
        var (a, _, _) = await Planned(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{a.Id}/join");
        request.Headers.Host = "Mentoring-Laptop.local:5080";

        var join = (await (await app.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JoinInfo>())!;

        join.JoinUrl.Should().Be($"http://mentoring-laptop.local:5080/join?code={a.JoinCode}");
    }

    [Fact]
    public void APublicOriginThatIsNotAnOriginStopsTheAppAtStartSayingWhatToWrite()
    {
        using var app = new TestApp { Settings = { ["Hosting:PublicOrigin"] = "mentoring.example.gov/join" } };

        var start = () => app.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*https://mentoring.example.gov*");
    }

    [Fact]
    public void BehindAProxyWithoutItsPublicAddressTheAppRefusesToStartAndSaysWhatToSet()
    {
        using var app = new TestApp { Settings = { ["Hosting:BehindProxy"] = "true" } };

        var start = () => app.CreateClient();

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Hosting:PublicOrigin*Hosting:LinkHosts*");
    }
}
