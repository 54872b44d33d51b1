using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Live;

public sealed class ClockEndpointTests : IDisposable
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("fm-clock-").FullName;
    private readonly FakeTimeProvider time = new(Nine);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static long Ms(int minutes) => Nine.AddMinutes(minutes).ToUnixTimeMilliseconds();

    private static async Task<CreatedEvent> CreateEvent(TestApp app, bool withRoster = true)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine, rounds = 6, roundMinutes = 15, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        if (withRoster)
        {
            await app.UploadRosterAsync(created);
        }

        return created;
    }

    private static async Task<ClockView> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ClockView>())!;
    }

    [Fact]
    public async Task TheClockMovesThroughRoundsAndTransitionsAtTheRightInstants()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var host = app.HostClient(created.HostKey);

        var started = await Ok(host.PostAsync($"/api/events/{created.Id}/clock/start", null));
        time.Advance(TimeSpan.FromMinutes(16));
        var moving = await Ok(app.CreateClient().GetAsync($"/api/events/{created.Id}/clock"));
        time.Advance(TimeSpan.FromMinutes(1));
        var second = await Ok(app.CreateClient().GetAsync($"/api/events/{created.Id}/clock"));

        started.Should().BeEquivalentTo(new { Phase = "round", Round = 1, Rounds = 6, EndsAtMs = Ms(15) });
        moving.Should().BeEquivalentTo(new { Phase = "transition", Round = 1, EndsAtMs = Ms(17), ServerNowMs = Ms(16) });
        second.Should().BeEquivalentTo(new { Phase = "round", Round = 2, EndsAtMs = Ms(32) });
    }

    [Fact]
    public async Task PauseResumeAndExtendKeepTheArithmeticRight()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var host = app.HostClient(created.HostKey);
        var clock = $"/api/events/{created.Id}/clock";
        await Ok(host.PostAsync($"{clock}/start", null));

        time.Advance(TimeSpan.FromMinutes(5));
        var paused = await Ok(host.PostAsync($"{clock}/pause", null));
        time.Advance(TimeSpan.FromMinutes(20));
        var resumed = await Ok(host.PostAsync($"{clock}/resume", null));
        var extended = await Ok(host.PostAsJsonAsync($"{clock}/extend", new { minutes = 1, expectedVersion = resumed.Version }));

        paused.Should().BeEquivalentTo(new { Phase = "paused", RemainingMs = 10 * 60_000L, EndsAtMs = (long?)null });
        resumed.Should().BeEquivalentTo(new { Phase = "round", Round = 1, EndsAtMs = Ms(35) });
        extended.EndsAtMs.Should().Be(Ms(36));
    }

    [Fact]
    public async Task TwoHostsSkippingTheSameRoundAdvanceItOnce()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var host = app.HostClient(created.HostKey);
        var clock = $"/api/events/{created.Id}/clock";
        await Ok(host.PostAsync($"{clock}/start", null));

        var first = await host.PostAsJsonAsync($"{clock}/skip", new { expectedRound = 1, skipChange = true });
        var second = await host.PostAsJsonAsync($"{clock}/skip", new { expectedRound = 1, skipChange = true });

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).Should().Contain("Already advanced").And.Contain("round 2");
        (await Ok(app.CreateClient().GetAsync(clock))).Round.Should().Be(2);
    }

    [Fact]
    public async Task NextRoundFromInsideARoundGivesPeopleTheirMinutesToChangeTables()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var host = app.HostClient(created.HostKey);
        var clock = $"/api/events/{created.Id}/clock";
        var started = await Ok(host.PostAsync($"{clock}/start", null));
        time.Advance(TimeSpan.FromMinutes(5));

        var change = await Ok(host.PostAsJsonAsync($"{clock}/skip", new { expectedRound = 1, expectedVersion = started.Version }));
        var repeated = await host.PostAsJsonAsync($"{clock}/skip", new { expectedRound = 1, expectedVersion = started.Version });
        var next = await Ok(host.PostAsJsonAsync($"{clock}/skip", new { expectedRound = 1, expectedVersion = change.Version }));

        change.Should().BeEquivalentTo(new { Phase = "transition", Round = 1, EndsAtMs = Ms(7) }, "the two minutes to change tables start now");
        repeated.StatusCode.Should().Be(HttpStatusCode.Conflict, "a second click from the same screen must not cut the change short");
        next.Should().BeEquivalentTo(new { Phase = "round", Round = 2, EndsAtMs = Ms(20) });
    }

    [Fact]
    public async Task SkippingTheChangeOfTablesStartsTheNextRoundAtOnce()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var host = app.HostClient(created.HostKey);
        var clock = $"/api/events/{created.Id}/clock";
        await Ok(host.PostAsync($"{clock}/start", null));

        var next = await Ok(host.PostAsJsonAsync($"{clock}/skip", new { expectedRound = 1, skipChange = true }));

        next.Should().BeEquivalentTo(new { Phase = "round", Round = 2, EndsAtMs = Ms(15) });
    }

    [Fact]
    public async Task StartingAnEventWithNobodyOnItIsRefusedAndTheRosterCanStillBeUploaded()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app, withRoster: false);
        var host = app.HostClient(created.HostKey);

        var start = await host.PostAsync($"/api/events/{created.Id}/clock/start", null);

        start.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await start.Content.ReadAsStringAsync()).Should().Contain("upload the roster first");
        (await Ok(app.CreateClient().GetAsync($"/api/events/{created.Id}/clock"))).Phase.Should().Be("waiting");
        await app.UploadRosterAsync(created);
        (await Ok(host.PostAsync($"/api/events/{created.Id}/clock/start", null))).Phase.Should().Be("round");
    }

    [Fact]
    public async Task AHostReadingSpanishIsToldInSpanishWhyTheEmptyEventCannotStart()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app, withRoster: false);
        var host = app.HostClient(created.HostKey);
        host.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var start = await host.PostAsync($"/api/events/{created.Id}/clock/start", null);

        start.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await start.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("Aún no hay a quién sentar");
        problem.GetProperty("detail").GetString().Should().Contain("suba la lista de participantes");
    }

    [Fact]
    public async Task AnEventStartedEmptyByAnOlderReleaseTakesItsRosterAndWaitsForAStart()
    {
        var data = Directory.CreateTempSubdirectory("fm-empty-start-").FullName;
        try
        {
            using var app = new TestApp { Time = time, DataFolder = data };
            var created = await CreateEvent(app, withRoster: false);
            using (var scope = app.Services.CreateScope())
            {
                // What an older release saved when Start was pressed before any roster.
                var db = scope.ServiceProvider.GetRequiredService<FlashMentoring.Web.Data.AppDb>();
                var stored = await db.Events.SingleAsync(e => e.Id == created.Id);
                stored.ClockPhase = "Round";
                stored.ClockRound = 1;
                stored.ClockEndsAt = Nine.AddMinutes(15);
                stored.ClockVersion = 1;
                await db.SaveChangesAsync();
            }

            await app.UploadRosterAsync(created);

            var clock = await Ok(app.CreateClient().GetAsync($"/api/events/{created.Id}/clock"));
            clock.Phase.Should().Be("waiting", "nobody was ever seated, so the event can start again with its people");
            (await Ok(app.HostClient(created.HostKey).PostAsync($"/api/events/{created.Id}/clock/start", null))).Round.Should().Be(1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ClockCommandsWithoutTheHostLinkAreRefusedAndChangeNothing()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var stranger = app.CreateClient();

        var response = await stranger.PostAsync($"/api/events/{created.Id}/clock/start", null);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Ok(stranger.GetAsync($"/api/events/{created.Id}/clock"))).Phase.Should().Be("waiting");
    }

    [Fact]
    public async Task AfterARestartOnTheSameFileTheClockIsWhereTheWallClockSaysWithTheSameEndsAt()
    {
        CreatedEvent created;
        ClockView before;
        using (var first = new TestApp { DataFolder = folder, Time = time })
        {
            created = await CreateEvent(first);
            await Ok(first.HostClient(created.HostKey).PostAsync($"/api/events/{created.Id}/clock/start", null));
            time.Advance(TimeSpan.FromMinutes(3));
            before = await Ok(first.CreateClient().GetAsync($"/api/events/{created.Id}/clock"));
        }

        using var second = new TestApp { DataFolder = folder, Time = time };
        var same = await Ok(second.CreateClient().GetAsync($"/api/events/{created.Id}/clock"));
        time.Advance(TimeSpan.FromMinutes(37)); // 9:40: round 3 runs 9:34 to 9:49.
        var later = await Ok(second.CreateClient().GetAsync($"/api/events/{created.Id}/clock"));

        same.Should().BeEquivalentTo(new { before.Phase, before.Round, before.EndsAtMs });
        later.Should().BeEquivalentTo(new { Phase = "round", Round = 3, EndsAtMs = Ms(49) }, "the clock ran on from the schedule while the server was down");
    }

    [Fact]
    public async Task TheHostUploadsTheRosterToTheEventAndGetsThePlanBack()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var csv = new StringContent(File.ReadAllText(Path.Combine("samples", "roster-100x25.csv")), System.Text.Encoding.UTF8, "text/csv");

        var refused = await app.CreateClient().PutAsync($"/api/events/{created.Id}/roster", csv);
        var uploaded = await app.HostClient(created.HostKey).PutAsync($"/api/events/{created.Id}/roster", csv);
        var stored = await app.HostClient(created.HostKey).GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        uploaded.StatusCode.Should().Be(HttpStatusCode.OK);
        var planned = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        stored.GetProperty("rounds").GetRawText().Should().Be(planned.GetProperty("rounds").GetRawText(), "the stored plan is the one the host saw");
        stored.GetProperty("quality").GetProperty("score").GetInt64().Should().Be(planned.GetProperty("quality").GetProperty("score").GetInt64());
    }

    [Fact]
    public async Task TwentyPlusOneMinuteClicksFromTheSameViewAddOneMinute()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var clock = $"/api/events/{created.Id}/clock";
        var started = await Ok(app.HostClient(created.HostKey).PostAsync($"{clock}/start", null));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            app.HostClient(created.HostKey).PostAsJsonAsync($"{clock}/extend", new { minutes = 1, expectedVersion = started.Version })));
        var after = await Ok(app.CreateClient().GetAsync(clock));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).Should().Be(19);
        after.EndsAtMs.Should().Be(Ms(16), "one minute was added to the 15-minute round, not twenty");
    }

    [Fact]
    public async Task AHostClickingPlusOneMinuteThreeTimesAfterSeeingEachResultGetsThreeMinutes()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var host = app.HostClient(created.HostKey);
        var clock = $"/api/events/{created.Id}/clock";
        var seen = await Ok(host.PostAsync($"{clock}/start", null));

        for (var click = 0; click < 3; click++)
        {
            seen = await Ok(host.PostAsJsonAsync($"{clock}/extend", new { expectedVersion = seen.Version }));
        }

        seen.EndsAtMs.Should().Be(Ms(18));
    }

    [Fact]
    public async Task PlusOneMinuteWithoutTheVersionSeenOrFromAStaleViewIsRefusedAndSaysWhy()
    {
        using var app = new TestApp { Time = time };
        var created = await CreateEvent(app);
        var host = app.HostClient(created.HostKey);
        var clock = $"/api/events/{created.Id}/clock";
        var started = await Ok(host.PostAsync($"{clock}/start", null));
        await Ok(host.PostAsync($"{clock}/pause", null));

        var blind = await host.PostAsJsonAsync($"{clock}/extend", new { minutes = 1 });
        var stale = await host.PostAsJsonAsync($"{clock}/extend", new { expectedVersion = started.Version });
        var after = await Ok(app.CreateClient().GetAsync(clock));

        blind.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await blind.Content.ReadAsStringAsync()).Should().Contain("expectedVersion");
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("changed");
        after.RemainingMs.Should().Be(15 * 60_000L, "no time was added");
    }
}
