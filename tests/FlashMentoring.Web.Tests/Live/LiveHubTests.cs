using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Live;

public class LiveHubTests
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private static long Ms(int minutes) => Nine.AddMinutes(minutes).ToUnixTimeMilliseconds();

    [Fact]
    public async Task APhoneGetsASnapshotOnJoiningThenEveryTransitionAtItsInstant()
    {
        var time = new FakeTime(Nine);
        using var app = new TestApp { Time = time };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine, rounds = 2, roundMinutes = 15, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        await using var phone = await HubClient.ConnectAsync(app, "/hubs/live");

        var snapshot = await phone.InvokeAsync("Join", created.Id);
        await app.HostClient(created.HostKey).PostAsync($"/api/events/{created.Id}/clock/start", null);
        var started = await phone.NextAsync("Clock");
        await time.TimerArmedFor(Nine.AddMinutes(15));
        time.Advance(TimeSpan.FromMinutes(15));
        var transition = await phone.NextAsync("Clock");

        snapshot.GetProperty("phase").GetString().Should().Be("waiting");
        started.GetProperty("phase").GetString().Should().Be("round");
        started.GetProperty("endsAtMs").GetInt64().Should().Be(Ms(15));
        transition.GetProperty("phase").GetString().Should().Be("transition");
        transition.GetProperty("endsAtMs").GetInt64().Should().Be(Ms(17), "the server pushes the transition the moment round 1 ends");
    }

    [Fact]
    public async Task APhoneThatReconnectsGetsTheCurrentStateNotTheOneItLeftWith()
    {
        var time = new FakeTime(Nine);
        using var app = new TestApp { Time = time };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        await app.HostClient(created.HostKey).PostAsync($"/api/events/{created.Id}/clock/start", null);

        JsonElement before;
        await using (var phone = await HubClient.ConnectAsync(app, "/hubs/live"))
        {
            before = await phone.InvokeAsync("Join", created.Id);
        }

        time.Advance(TimeSpan.FromMinutes(20)); // The screen was locked; the socket is gone.
        await using var again = await HubClient.ConnectAsync(app, "/hubs/live");
        var after = await again.InvokeAsync("Join", created.Id);

        before.GetProperty("round").GetInt32().Should().Be(1);
        after.GetProperty("phase").GetString().Should().Be("round");
        after.GetProperty("round").GetInt32().Should().Be(2);
        after.GetProperty("endsAtMs").GetInt64().Should().Be(Ms(32));
        after.GetProperty("serverNowMs").GetInt64().Should().Be(Ms(20));
    }

    [Fact]
    public async Task PingAnswersWithTheServersClockForTheOffsetEstimate()
    {
        var time = new FakeTime(Nine);
        using var app = new TestApp { Time = time };
        await using var phone = await HubClient.ConnectAsync(app, "/hubs/live");

        var pong = await phone.InvokeAsync("Ping");

        pong.GetInt64().Should().Be(Nine.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task JoiningAnUnknownEventIsRefusedWithAMessage()
    {
        using var app = new TestApp();
        await using var phone = await HubClient.ConnectAsync(app, "/hubs/live");

        var act = () => phone.InvokeAsync("Join", Guid.NewGuid());

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*No such event*");
    }
}
