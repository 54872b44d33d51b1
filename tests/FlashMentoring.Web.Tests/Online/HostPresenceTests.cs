using System.Net.Http.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Online;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static FlashMentoring.Web.Tests.Online.RoomsEventForTests;

namespace FlashMentoring.Web.Tests.Online;

public class HostPresenceTests
{
    [Fact]
    public async Task TheHostSeesWhoIsInEachOnlineRoomAndWhoIsLateOnlyAMinuteIn()
    {
        var time = new FakeTimeProvider(Nine);
        using var app = new TestApp { Time = time };
        var (created, host) = await CreateAsync(app);
        await AttendOnlineAsync(app, created.Id, "Omar", "Raj", "Cy", "Dee", "Gus", "Hal");
        await SetModeAsync(host, created.Id, "hybrid");
        await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern = "https://meet.agency.gov/{event}-table-{table}" });

        var before = await Presence(host, created.Id);
        await host.PostAsync($"/api/events/{created.Id}/clock/start", null);
        time.Advance(TimeSpan.FromSeconds(30));
        var table2 = (await Presence(host, created.Id)).Tables.Single(t => t.Table == 2);
        // As the phones' "I'm in the room" and the mentor's "missing" report store it (helper "phone"'s routes).
        await Mark(app, created.Id, round: 1, inRoom: ["Omar", table2.People[0].Name], missing: [table2.People[1].Name]);
        var early = await Presence(host, created.Id);
        time.Advance(TimeSpan.FromSeconds(30));
        var late = await Presence(host, created.Id);

        before.Round.Should().Be(0);
        before.Tables.Should().BeEmpty("no round is on");
        early.Round.Should().Be(1);
        early.Phase.Should().Be("Round");
        early.RoundStartedAt.Should().Be(Nine);
        early.Late.Should().BeFalse("30 seconds in, nobody is late yet");
        early.Tables.Select(t => t.Mentor).Should().Equal(["Omar", "Raj"], "only online tables have rooms to join");
        var omar = early.Tables[0];
        omar.MentorInRoom.Should().BeTrue();
        omar.Link.Should().StartWith("https://meet.agency.gov/autumn-flash-mentoring-").And.EndWith("-table-2");
        omar.People.Select(p => (p.Name, p.InRoom, p.Missing)).Should().Equal((table2.People[0].Name, true, false), (table2.People[1].Name, false, true));
        early.Tables[1].MentorInRoom.Should().BeFalse();
        late.Late.Should().BeTrue("a minute into the round, who has not joined counts as not joined");
    }

    [Fact]
    public async Task PresenceOfAnEarlierRoundDoesNotCountInTheNextOne()
    {
        var time = new FakeTimeProvider(Nine);
        using var app = new TestApp { Time = time };
        var (created, host) = await CreateAsync(app);
        await SetModeAsync(host, created.Id, "online");
        await host.PostAsync($"/api/events/{created.Id}/clock/start", null);
        await Mark(app, created.Id, round: 1, inRoom: ["Mona"], missing: []);

        time.Advance(TimeSpan.FromMinutes(16));
        var moving = await Presence(host, created.Id);
        time.Advance(TimeSpan.FromMinutes(2));
        var second = await Presence(host, created.Id);

        moving.Round.Should().Be(0, "nobody is in a room while tables change");
        second.Round.Should().Be(2);
        second.RoundStartedAt.Should().Be(Nine.AddMinutes(17));
        second.Tables.Single(t => t.Mentor == "Mona").MentorInRoom.Should().BeFalse("she said so in round 1");
    }

    private static async Task<PresenceView> Presence(HttpClient host, Guid id) =>
        (await host.GetFromJsonAsync<PresenceView>($"/api/events/{id}/presence"))!;

    private static async Task Mark(TestApp app, Guid eventId, int round, string[] inRoom, string[] missing)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        foreach (var person in await db.People.Where(p => p.EventId == eventId).ToListAsync())
        {
            if (inRoom.Contains(person.Name))
            {
                person.InRoomRound = round;
            }

            if (missing.Contains(person.Name))
            {
                person.MissingRound = round;
            }
        }

        await db.SaveChangesAsync();
    }
}
