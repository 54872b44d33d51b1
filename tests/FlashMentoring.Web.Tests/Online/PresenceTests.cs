using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.SignalR.Client;

namespace FlashMentoring.Web.Tests.Online;

/// <summary>"I'm in the room" and a mentor's "not here" from the phones of an online event, as the host's console hears them.</summary>
public class PresenceTests
{
    private readonly TimerWatchingFakeTimeProvider time = new(RoomsEventForTests.Nine.AddMinutes(-30));

    private sealed record Hybrid(Guid Id, string HostKey, HttpClient Host, List<HostPersonView> People)
    {
        public HostPersonView Named(string name) => People.Single(p => p.Name == name);
    }

    private static async Task<Hybrid> HybridAsync(TestApp app)
    {
        var (id, hostKey, host, people) = await OnlinePhones.HybridAsync(app);
        return new Hybrid(id, hostKey, host, people);
    }

    private static HttpClient Phone(TestApp app, HostPersonView person) => OnlinePhones.Phone(app, person);

    private static async Task StartAsync(Hybrid e) => (await e.Host.PostAsync($"/api/events/{e.Id}/clock/start", null)).EnsureSuccessStatusCode();

    private static async Task<HubConnection> ConsoleAsync(TestApp app, Hybrid e)
    {
        var console = await app.ConnectLiveAsync();
        await console.InvokeAsync<ClockView>(nameof(LiveHub.JoinHost), e.Id, e.HostKey);
        return console;
    }

    // A mentee's mentor in a round, as her phone shows it.
    private static async Task<HostPersonView> MentorOfAsync(TestApp app, Hybrid e, HostPersonView mentee, int round)
    {
        var row = (await Phone(app, mentee).GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("rounds")[round - 1];
        return e.Named(row.GetProperty("mentor").GetString()!);
    }

    private static bool Flag(JsonElement presence, HostPersonView person, string flag) =>
        presence.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("people").EnumerateArray())
            .Single(p => p.GetProperty("personId").GetInt64() == person.Id).GetProperty(flag).GetBoolean();

    [Fact]
    public async Task AnOnlineMenteeSaysImInTheRoomDuringTheRoundAndTheHostConsoleHearsIt()
    {
        using var app = new TestApp { Time = time };
        var e = await HybridAsync(app);
        var (mentee, _) = await OnlinePhones.InARoomAsync(app, e.People, 1);
        using var ann = Phone(app, mentee);
        await using var console = await ConsoleAsync(app, e);
        var heard = console.Pushes<int>(nameof(ILiveClient.PresenceChanged));

        var early = await ann.PostAsJsonAsync("/api/me/in-room", new { round = 1 });
        await StartAsync(e);
        var said = await ann.PostAsJsonAsync("/api/me/in-room", new { round = 1 });

        early.StatusCode.Should().Be(HttpStatusCode.Conflict, "before the start no round is on");
        said.StatusCode.Should().Be(HttpStatusCode.NoContent, await said.Content.ReadAsStringAsync());
        (await heard.NextAsync()).Should().Be(1);
        (await ann.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("inRoomRound").GetInt32().Should().Be(1, "her phone then thanks her instead of asking again");
        Flag(await e.Host.GetFromJsonAsync<JsonElement>($"/api/events/{e.Id}/presence"), mentee, "inRoom").Should().BeTrue("the host's console shows her in her room");
    }

    [Fact]
    public async Task ImInTheRoomCountsOnlyForTheRoundOnAndOnlyForPeopleOnline()
    {
        using var app = new TestApp { Time = time };
        var e = await HybridAsync(app);
        var (mentee, _) = await OnlinePhones.InARoomAsync(app, e.People, 1);
        using var ann = Phone(app, mentee);
        using var eve = Phone(app, e.Named("Eve"));
        await StartAsync(e);

        var next = await ann.PostAsJsonAsync("/api/me/in-room", new { round = 2 });
        var inPerson = await eve.PostAsJsonAsync("/api/me/in-room", new { round = 1 });
        time.Advance(TimeSpan.FromMinutes(15.5)); // Round 1 is over: the change of tables.
        var late = await ann.PostAsJsonAsync("/api/me/in-room", new { round = 1 });

        next.StatusCode.Should().Be(HttpStatusCode.Conflict, "round 2 is not on yet");
        (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Round 2 is not on now");
        inPerson.StatusCode.Should().Be(HttpStatusCode.Conflict, "Eve meets her mentor in the room");
        late.StatusCode.Should().Be(HttpStatusCode.Conflict, "round 1 is over");
        (await ann.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("inRoomRound").GetInt32().Should().Be(0);
        (await eve.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("inRoomRound").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task TheMentorOfTheRoundReportsAMenteeMissingAndTheHostConsoleHearsIt()
    {
        using var app = new TestApp { Time = time };
        var e = await HybridAsync(app);
        var (ann, mentor) = await OnlinePhones.InARoomAsync(app, e.People, 1);
        using var phone = Phone(app, mentor);
        await using var console = await ConsoleAsync(app, e);
        var heard = console.Pushes<int>(nameof(ILiveClient.PresenceChanged));
        await StartAsync(e);

        var reported = await phone.PostAsJsonAsync("/api/me/missing", new { personId = ann.Id, round = 1 });

        reported.StatusCode.Should().Be(HttpStatusCode.NoContent, await reported.Content.ReadAsStringAsync());
        (await heard.NextAsync()).Should().Be(1);
        Flag(await e.Host.GetFromJsonAsync<JsonElement>($"/api/events/{e.Id}/presence"), ann, "missing").Should().BeTrue("the host sees whom to reach");
    }

    [Fact]
    public async Task OnlyThatRoundsMentorMayReportAMenteeMissing()
    {
        using var app = new TestApp { Time = time };
        var e = await HybridAsync(app);
        var (ann, own) = await OnlinePhones.InARoomAsync(app, e.People, 1);
        var other = e.Named(own.Name == "Mona" ? "Omar" : "Mona");
        var tablemate = e.People.First(p => p.Role == "mentee" && p.Id != ann.Id);
        await StartAsync(e);

        var byOther = await Phone(app, other).PostAsJsonAsync("/api/me/missing", new { personId = ann.Id, round = 1 });
        var byMentee = await Phone(app, tablemate).PostAsJsonAsync("/api/me/missing", new { personId = ann.Id, round = 1 });
        var byOwnForRoundTwo = (await MentorOfAsync(app, e, ann, 2)).Name == own.Name
            ? null
            : await Phone(app, own).PostAsJsonAsync("/api/me/missing", new { personId = ann.Id, round = 2 });
        var presence = await e.Host.GetFromJsonAsync<JsonElement>($"/api/events/{e.Id}/presence");
        time.Advance(TimeSpan.FromMinutes(15.5));
        var afterTheRound = await Phone(app, own).PostAsJsonAsync("/api/me/missing", new { personId = ann.Id, round = 1 });

        byOther.StatusCode.Should().Be(HttpStatusCode.Forbidden, "she is not at the other online table in round 1");
        (await byOther.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("Only the mentor of the table");
        byMentee.StatusCode.Should().Be(HttpStatusCode.Forbidden, "another mentee is not her mentor");
        byOwnForRoundTwo?.StatusCode.Should().Be(HttpStatusCode.Forbidden, "in round 2 she sits with the other mentor");
        afterTheRound.StatusCode.Should().Be(HttpStatusCode.Conflict, "round 1 is over");
        presence.GetProperty("round").GetInt32().Should().Be(1);
        presence.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("people").EnumerateArray())
            .Should().NotContain(p => p.GetProperty("missing").GetBoolean(), "nobody was reported");
    }
}
