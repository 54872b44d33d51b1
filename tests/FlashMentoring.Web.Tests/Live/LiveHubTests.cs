using System.Net.Http.Json;
using System.Net.WebSockets;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Live;

public class LiveHubTests
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private static long Ms(int minutes) => Nine.AddMinutes(minutes).ToUnixTimeMilliseconds();

    [Fact]
    public async Task APhoneGetsASnapshotOnJoiningThenEveryTransitionAtItsInstant()
    {
        var time = new TimerWatchingFakeTimeProvider(Nine);
        using var app = new TestApp { Time = time };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine, rounds = 2, roundMinutes = 15, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        await using var phone = await app.ConnectLiveAsync();
        var clocks = phone.Pushes<ClockView>(nameof(ILiveClient.Clock));

        var snapshot = await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
        await app.HostClient(created.HostKey).PostAsync($"/api/events/{created.Id}/clock/start", null);
        var started = await clocks.NextAsync();
        await time.TimerSetFor(Nine.AddMinutes(15));
        time.Advance(TimeSpan.FromMinutes(15));
        var transition = await clocks.NextAsync();

        snapshot.Phase.Should().Be("waiting");
        started.Phase.Should().Be("round");
        started.EndsAtMs.Should().Be(Ms(15));
        transition.Phase.Should().Be("transition");
        transition.EndsAtMs.Should().Be(Ms(17), "the server pushes the transition the moment round 1 ends");
    }

    [Fact]
    public async Task ASaveThatTakesTheServerSecondsDoesNotMakeTheNextPhaseEndLate()
    {
        var time = new TimerWatchingFakeTimeProvider(Nine);
        var slow = false;
        // The round's end is saved on a slow disk: five seconds go by while it is written.
        var hook = new SaveHook(db =>
        {
            if (slow && db.ChangeTracker.Entries<FlashMentoring.Web.Data.EventRecord>().Any(e => e.Entity.ClockPhase == "Transition"))
            {
                slow = false;
                time.Advance(TimeSpan.FromSeconds(5));
            }

            return Task.CompletedTask;
        });
        using var app = new TestApp { Time = time, TestServices = hook.AddTo };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine, rounds = 2, roundMinutes = 15, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        await using var phone = await app.ConnectLiveAsync();
        var clocks = phone.Pushes<ClockView>(nameof(ILiveClient.Clock));
        await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
        await app.HostClient(created.HostKey).PostAsync($"/api/events/{created.Id}/clock/start", null);
        await clocks.NextAsync();
        await time.TimerSetFor(Nine.AddMinutes(15));

        slow = true;
        time.Advance(TimeSpan.FromMinutes(15));
        var transition = await clocks.NextAsync();
        await time.TimerSetFor(Nine.AddMinutes(17));
        time.Advance(Nine.AddMinutes(17) - time.GetUtcNow());
        var round2 = await clocks.NextAsync();

        transition.EndsAtMs.Should().Be(Ms(17));
        round2.Round.Should().Be(2, "the phones' countdown said 9:17, and round 2 starts then, not five seconds after");
        round2.EndsAtMs.Should().Be(Ms(32));
    }

    [Fact]
    public async Task AReadOfTheClockThatLandsBeforeTheClockLoopStillTellsThePhones()
    {
        // The clock loop is held back (as on a busy server, the instant a round ends): a page that reads the clock then
        // finds the round over and saves the transition. The loop later sees it saved and pushes nothing, so the read
        // must tell the phones itself.
        var time = new FakeTimeProvider(Nine);
        using var app = new TestApp
        {
            Time = time,
            TestServices = services =>
            {
                foreach (var loop in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationFactory is not null).ToList())
                {
                    services.Remove(loop);
                }
            },
        };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine, rounds = 2, roundMinutes = 15, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        await app.HostClient(created.HostKey).PostAsync($"/api/events/{created.Id}/clock/start", null);
        await using var phone = await app.ConnectLiveAsync();
        var clocks = phone.Pushes<ClockView>(nameof(ILiveClient.Clock));
        await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);

        time.Advance(TimeSpan.FromMinutes(15));
        var read = await app.CreateClient().GetFromJsonAsync<ClockView>($"/api/events/{created.Id}/clock");
        var pushed = await clocks.NextAsync();

        read!.Phase.Should().Be("transition");
        pushed.Phase.Should().Be("transition", "the phone hears of the change of tables like everyone who read it");
        pushed.EndsAtMs.Should().Be(Ms(17));
    }

    [Fact]
    public async Task APhoneThatReconnectsGetsTheCurrentStateNotTheOneItLeftWith()
    {
        var time = new FakeTimeProvider(Nine);
        using var app = new TestApp { Time = time };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        await app.HostClient(created.HostKey).PostAsync($"/api/events/{created.Id}/clock/start", null);
        WebSocket? socket = null;
        await using var phone = await app.ConnectLiveAsync(opened: s => socket = s);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        var before = await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
        socket!.Abort(); // The screen was locked and the phone's OS killed the socket.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromMinutes(20));
        await phone.StartAsync(); // As live.js does when its connection closes: connect again, join again.
        var after = await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);

        before.Round.Should().Be(1);
        after.Phase.Should().Be("round");
        after.Round.Should().Be(2);
        after.EndsAtMs.Should().Be(Ms(32));
        after.ServerNowMs.Should().Be(Ms(20));
    }

    [Fact]
    public async Task PingAnswersWithTheServersClockForTheOffsetEstimate()
    {
        var time = new FakeTimeProvider(Nine);
        using var app = new TestApp { Time = time };
        await using var phone = await app.ConnectLiveAsync();

        var pong = await phone.InvokeAsync<long>(nameof(LiveHub.Ping));

        pong.Should().Be(Nine.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task JoiningAnUnknownEventIsRefusedWithAMessage()
    {
        using var app = new TestApp();
        await using var phone = await app.ConnectLiveAsync();

        var act = () => phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), Guid.NewGuid());

        await act.Should().ThrowAsync<HubException>().WithMessage("*No such event*");
    }

    [Fact]
    public async Task AGuesserOfPersonalLinksOnTheHubIsToldToSlowDownWhileAPhoneWithItsOwnLinkStillJoins()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        var ann = (await app.HostClient(created.HostKey).GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!.Single(p => p.Name == "Ann");
        // Ann's phone has its device cookie from the join page; the guesser is a script without one, on the same address.
        var page = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync("/join");
        var annsCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Devices.Cookie + "=", StringComparison.Ordinal)).Split(';')[0];
        await using var guesser = await app.ConnectLiveAsync();

        var guesses = new List<string>();
        for (var k = 0; k <= Attempts.UnknownTokenBurst; k++)
        {
            var guess = () => guesser.InvokeAsync<PersonalView>(nameof(LiveHub.JoinPerson), $"guess-{k:D16}");
            guesses.Add((await guess.Should().ThrowAsync<HubException>()).Which.Message);
        }

        await using var annsPhone = await app.ConnectLiveAsync(cookie: annsCookie);
        var view = await annsPhone.InvokeAsync<PersonalView>(nameof(LiveHub.JoinPerson), ann.Link!["/me#t=".Length..]);

        guesses.Take(Attempts.UnknownTokenBurst).Should().OnlyContain(m => m.Contains("not valid", StringComparison.Ordinal), "the first guesses are told the link is not valid");
        guesses[^1].Should().Contain("Too many", "after its allowance the guesser is told to slow down");
        view.PersonId.Should().Be(ann.Id, "a phone with its own link is never slowed by a guesser on the same network");
    }
}
