using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Online;

public class AttendsCheckInTests
{
    // 10 mentees in the room at 3 tables of 4 (2 seats free), 8 online at 3 tables of 4 (4 free); 3 rounds, so each
    // mentee can meet a new mentor of their kind in every round.
    private static readonly string Roster = AttendsKit.Hybrid(roomMentors: 3, roomMentees: 10, onlineMentors: 3, onlineMentees: 8);

    private static async Task<(CreatedEvent Event, HttpClient Host, JsonElement People)> HybridAsync(TestApp app)
    {
        var (created, host) = await AttendsKit.CreateAsync(app, EventRecord.Hybrid, rounds: 3, seatsPerTable: 4);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created, host, await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/people"));
    }

    private static long IdOf(JsonElement people, string name) => people.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();

    [Fact]
    public async Task TheDeskShowsHowEachPersonTakesPartAndSwitchingSomeoneBeforeTheStartSeatsThemOnlyAtTablesOfTheirNewKind()
    {
        using var app = new TestApp();
        var (created, host, people) = await HybridAsync(app);

        var switched = await host.PostAsJsonAsync($"/api/events/{created.Id}/people/{IdOf(people, "Room Mentee 1")}/attends", new { attends = "online" });

        switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());
        var result = await switched.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("person").GetProperty("attends").GetString().Should().Be("online");
        result.GetProperty("message").GetString().Should().Contain("online");
        people.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Online Mentor 1").GetProperty("attends").GetString().Should().Be("online");
        var plan = await AttendsKit.PlanAsync(app, created.Id);
        var i = plan.Rotation.MenteeIndex("room.mentee1@agency.gov");
        plan.Rotation.Mentees[i].Online.Should().BeTrue();
        for (var round = 1; round <= 3; round++)
        {
            var j = plan.Rotation.MentorOf(round, i);
            j.Should().BeGreaterThanOrEqualTo(0, $"an online table has a free seat in round {round}");
            plan.Rotation.Mentors[j].Online.Should().BeTrue($"round {round}");
        }

        AttendsKit.CrossModeSeats(plan).Should().BeEmpty();
        plan.Quality.Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task SwitchingSomeoneDuringTheEventMovesThemFromTheNextRoundKeepsTheRoundsHeldAndTellsThoseAffected()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 13, 55, 0, TimeSpan.Zero));
        using var app = new TestApp { Time = time };
        var (created, host, people) = await HybridAsync(app);
        (await host.PostAsync($"/api/events/{created.Id}/clock/start", null)).EnsureSuccessStatusCode();
        var before = await AttendsKit.PlanAsync(app, created.Id);
        var was = before.Rotation.MentorOf(1, before.Rotation.MenteeIndex("room.mentee2@agency.gov"));

        var switched = await host.PostAsJsonAsync($"/api/events/{created.Id}/people/{IdOf(people, "Room Mentee 2")}/attends", new { attends = "video" });

        switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());
        (await switched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().Contain("from round 2");
        var plan = await AttendsKit.PlanAsync(app, created.Id);
        var i = plan.Rotation.MenteeIndex("room.mentee2@agency.gov");
        plan.Rotation.MentorOf(1, i).Should().Be(was, "round 1 is under way: it stays as it was");
        for (var round = 2; round <= 3; round++)
        {
            plan.Rotation.Mentors[plan.Rotation.MentorOf(round, i)].Online.Should().BeTrue($"round {round}");
        }

        AttendsKit.CrossModeSeats(plan).Where(s => !s.StartsWith("1:", StringComparison.Ordinal)).Should().BeEmpty();
        plan.Quality.Violations.Should().BeEmpty("round 1's seat in the room is history, not a broken rule");
    }

    [Fact]
    public async Task AWalkInWhoJoinsOnlineSitsOnlyAtOnlineTablesAndABadWordIsRefused()
    {
        using var app = new TestApp();
        var (created, host, _) = await HybridAsync(app);

        var bad = await host.PostAsJsonAsync($"/api/events/{created.Id}/walk-ins", new { name = "Walt", role = "mentee", attends = "by pigeon" });
        var walkIn = await host.PostAsJsonAsync($"/api/events/{created.Id}/walk-ins", new { name = "Wanda", role = "mentee", email = "wanda@gsa.gov", attends = "online" });

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        walkIn.StatusCode.Should().Be(HttpStatusCode.OK, await walkIn.Content.ReadAsStringAsync());
        var plan = await AttendsKit.PlanAsync(app, created.Id);
        var i = plan.Rotation.MenteeIndex("wanda@gsa.gov");
        for (var round = 1; round <= 3; round++)
        {
            plan.Rotation.Mentors[plan.Rotation.MentorOf(round, i)].Online.Should().BeTrue($"round {round}: Wanda joined online");
        }
    }

    [Fact]
    public async Task OnlyAHybridEventSwitchesSomeone()
    {
        using var app = new TestApp();
        var (created, host) = await AttendsKit.CreateAsync(app, EventRecord.InPerson);
        await app.UploadRosterAsync(created);
        var people = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/people");

        var answer = await host.PostAsJsonAsync($"/api/events/{created.Id}/people/{IdOf(people, "Ann")}/attends", new { attends = "online" });

        answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        people.EnumerateArray().Should().OnlyContain(p => p.GetProperty("attends").ValueKind == JsonValueKind.Null);
    }
}
