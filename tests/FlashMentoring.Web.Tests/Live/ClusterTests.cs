using System.Data.Common;
using System.Net.Http.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Mail;
using FlashMentoring.Web.Tests.Mail;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Live;

/// <summary>
/// Two app nodes on one database and one Redis (docs/scale.md), in one test process: each is the whole app, with its
/// own clock loop, hub and caches. They share the test's fake clock, so rounds end when the test says.
/// </summary>
public sealed class ClusterTests : IDisposable
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LeaseFor = new LiveOptions().LeaseFor;
    private static readonly TimeSpan RenewEvery = new LiveOptions().RenewEvery;

    private readonly string folder = Directory.CreateTempSubdirectory("fm-cluster-").FullName;
    private readonly TimerWatchingFakeTimeProvider time = new(Nine);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static long Ms(int minutes) => Nine.AddMinutes(minutes).ToUnixTimeMilliseconds();

    private TestApp Node(string name, TestRedis redis, Action<IServiceCollection>? services = null) => new()
    {
        DataFolder = folder,
        Time = time,
        Settings = { ["Live:Redis"] = redis.Configuration, ["Live:Node"] = name },
        TestServices = services,
    };

    private static async Task<CreatedEvent> PlannedEventAsync(TestApp node)
    {
        var created = (await (await node.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = Nine, rounds = 3, roundMinutes = 15, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await node.UploadRosterAsync(created);
        return created;
    }

    private static async Task<ClockView> CommandAsync(TestApp node, CreatedEvent created, string command, object? body = null)
    {
        var response = await node.HostClient(created.HostKey).PostAsJsonAsync($"/api/events/{created.Id}/clock/{command}", body ?? new { });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClockView>())!;
    }

    private static async Task<string?> OwnerAsync(TestApp node, Guid eventId)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return await db.ClockLeases.AsNoTracking().Where(l => l.EventId == eventId).Select(l => l.Node).FirstOrDefaultAsync();
    }

    /// <summary>The event's clock node, once one has taken it (the clock loop does, the moment the clock starts).</summary>
    private static async Task<string?> OwnerOnceTakenAsync(TestApp node, Guid eventId)
    {
        for (var look = 0; look < 200; look++)
        {
            if (await OwnerAsync(node, eventId) is { } owner)
            {
                return owner;
            }

            await Task.Delay(25);
        }

        return null;
    }

    [Fact]
    public async Task APhoneOnOneNodeHearsTheRoundChangesCommandedThroughTheOther()
    {
        var redis = await TestRedis.SharedAsync();
        using var a = Node("a", redis);
        using var b = Node("b", redis);
        var created = await PlannedEventAsync(a);
        await using var phone = await a.ConnectLiveAsync();
        var clocks = phone.Pushes<ClockView>(nameof(ILiveClient.Clock));
        await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);

        var started = await CommandAsync(b, created, "start");
        var heardStart = await clocks.NextAsync();
        var skipped = await CommandAsync(b, created, "skip", new { expectedRound = 1, expectedVersion = started.Version, skipChange = true });
        var heardSkip = await clocks.NextAsync();

        heardStart.Should().BeEquivalentTo(started with { ServerNowMs = heardStart.ServerNowMs }, "the phone on node a shows the round node b started");
        heardSkip.Round.Should().Be(2);
        heardSkip.Version.Should().Be(skipped.Version);
    }

    [Fact]
    public async Task APlanChangedThroughOneNodeIsWhatTheOtherServesNext()
    {
        var redis = await TestRedis.SharedAsync();
        using var a = Node("a", redis);
        using var b = Node("b", redis);
        var created = await PlannedEventAsync(a);
        var before = await a.HostClient(created.HostKey).GetStringAsync($"/api/events/{created.Id}/plan");

        await b.UploadRosterAsync(created, "role,name\nmentor,Mona\nmentee,Ann\nmentee,Ben\nmentee,Cleo\n");
        var after = await a.HostClient(created.HostKey).GetStringAsync($"/api/events/{created.Id}/plan");

        before.Should().NotContain("Cleo");
        after.Should().Contain("Cleo", "node a held the old plan in memory, and must see that the database's plan is newer");
    }

    [Fact]
    public async Task WhenTheClockNodeDiesTheOtherTakesTheEventOverWhenItsLeaseRunsOutAndFiresTheNextRoundOnce()
    {
        var redis = await TestRedis.SharedAsync();
        // Node a loses its database (a pulled cable) and then dies: it cannot give its events up on the way out.
        var cut = new CutDatabase();
        var a = Node("a", redis, cut.AddTo);
        var created = await PlannedEventAsync(a);
        await CommandAsync(a, created, "start");
        (await OwnerOnceTakenAsync(a, created.Id)).Should().Be("a", "the only node running when the clock started takes the event");

        using var b = Node("b", redis);
        await using var phone = await b.ConnectLiveAsync();
        var clocks = phone.Pushes<ClockView>(nameof(ILiveClient.Clock));
        var snapshot = await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
        cut.Cut = true;
        a.Dispose();

        // Until a's lease runs out, b leaves the event alone; then it takes it at its next look.
        time.Advance(RenewEvery);
        await time.TimerSetAfter(Nine + RenewEvery, RenewEvery);
        var whileLeased = await OwnerAsync(b, created.Id);
        time.Advance(LeaseFor);
        await time.TimerSetAfter(Nine + RenewEvery + LeaseFor, RenewEvery);
        var afterLease = await OwnerAsync(b, created.Id);
        time.Advance(Nine.AddMinutes(15) - time.GetUtcNow());
        var transition = await clocks.NextAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        var round2 = await clocks.NextAsync();

        snapshot.Phase.Should().Be("round");
        whileLeased.Should().Be("a");
        afterLease.Should().Be("b", "a dead node's events move within seconds");
        transition.Phase.Should().Be("transition");
        transition.EndsAtMs.Should().Be(Ms(17), "round 1 ended at 9:15 on the dot, fired by node b");
        round2.Version.Should().Be(transition.Version + 1, "the transition reached the phone once: the next push is the next round");
        round2.Round.Should().Be(2);
    }

    [Fact]
    public async Task ANodeThatStopsInGoodOrderHandsItsEventsOverAtTheOthersNextLook()
    {
        var redis = await TestRedis.SharedAsync();
        var a = Node("a", redis);
        var created = await PlannedEventAsync(a);
        await CommandAsync(a, created, "start");
        using var b = Node("b", redis);
        await using var phone = await b.ConnectLiveAsync();
        var clocks = phone.Pushes<ClockView>(nameof(ILiveClient.Clock));
        await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);

        a.Dispose();
        time.Advance(RenewEvery);
        await time.TimerSetAfter(Nine + RenewEvery, RenewEvery);
        var owner = await OwnerAsync(b, created.Id);
        time.Advance(Nine.AddMinutes(15) - time.GetUtcNow());
        var transition = await clocks.NextAsync();

        owner.Should().Be("b", "a node that stops (a deployment) gives its clocks up rather than leave them for a lease's length");
        transition.Phase.Should().Be("transition");
    }

    [Fact]
    public async Task PhonesGetTheRoundChangesMadeWhileRedisWasDownOnceItIsBack()
    {
        await using var redis = await TestRedis.StartAsync();
        using var a = Node("a", redis);
        using var b = Node("b", redis);
        var created = await PlannedEventAsync(a);
        await using var phone = await a.ConnectLiveAsync();
        var clocks = phone.Pushes<ClockView>(nameof(ILiveClient.Clock));
        var plans = phone.Pushes<int>(nameof(ILiveClient.PlanChanged));
        await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
        var started = await CommandAsync(b, created, "start");
        (await clocks.NextAsync()).Version.Should().Be(started.Version);

        await redis.StopAsync();
        var skipped = await CommandAsync(b, created, "skip", new { expectedRound = 1, expectedVersion = started.Version, skipChange = true });
        var heardDuringOutage = clocks.TryRead(out _);
        await redis.StartAgainAsync();
        ClockView? heard = null;
        for (var look = 0; look < 40 && heard is null; look++)
        {
            // Node b looks every second while pushes wait for Redis; the phone hears as soon as one of its looks succeeds.
            time.Advance(TimeSpan.FromSeconds(1));
            try
            {
                heard = await clocks.NextAsync(TimeSpan.FromMilliseconds(500));
            }
            catch (TimeoutException)
            {
                // Redis is still coming back.
            }
        }

        heardDuringOutage.Should().BeFalse("the backplane does not buffer");
        skipped.Round.Should().Be(2, "the host's skip is saved and answered though Redis is down");
        heard.Should().NotBeNull("the round change made during the outage reaches the phone once Redis is back");
        heard!.Version.Should().Be(skipped.Version);
        (await plans.NextAsync()).Should().BeGreaterThan(0, "and a plan-changed push makes phones fetch their whole view again");
        clocks.TryRead(out var again).Should().BeFalse($"nothing arrives twice (got version {again?.Version})");
    }

    [Fact]
    public async Task AnInvitationIsSentOnceWhenBothNodesSendersTakeTheQueueAtTheSameInstant()
    {
        var redis = await TestRedis.SharedAsync();
        await using var relay = await SmtpSink.StartAsync();
        var race = new QueueRace();
        TestApp MailNode(string name) => new()
        {
            DataFolder = folder,
            Time = time,
            Settings = new Dictionary<string, string>(relay.MailSettings()) { ["Live:Redis"] = redis.Configuration, ["Live:Node"] = name },
            TestServices = new QueryHook(sql => race.QueryAsync(name, sql)).AddTo,
        };
        using var a = MailNode("a");
        using var b = MailNode("b");
        var e = await MailedEvent.PlanAsync(a);
        b.CreateClient().Dispose();

        race.Armed = true;
        await e.InviteAsync(); // Node a's sender wakes at once and reads the queue; node b's reads it at its regular look.
        time.Advance(MailSender.CheckEvery);
        await race.BothDone.WaitAsync(TimeSpan.FromSeconds(30));
        var received = relay.Messages();

        race.BothRead.Should().BeTrue("both senders read the same due messages before either sent one");
        received.SelectMany(m => m.Recipients).Should().BeEquivalentTo(MailedEvent.Emails.Keys, "each person gets their invitation once, not once per node");
    }

    /// <summary>
    /// Holds each node's mail sender where it has read the due messages, until the other has read them too; then tells
    /// when both have gone back to waiting (they read the queue's next due time).
    /// </summary>
    private sealed class QueueRace
    {
        private readonly TaskCompletionSource bothRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource bothDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HashSet<string> read = [];
        private readonly HashSet<string> done = [];

        public volatile bool Armed;

        public bool BothRead => bothRead.Task.IsCompletedSuccessfully;

        public Task BothDone => bothDone.Task;

        public async Task QueryAsync(string node, string sql)
        {
            if (!Armed || !sql.Contains("FROM \"Mail\"", StringComparison.Ordinal) || !sql.Contains("'queued'", StringComparison.Ordinal))
            {
                return;
            }

            // The batch's read names CreatedAt (oldest first); the read of the next due time does not.
            var batch = sql.Contains("\"CreatedAt\"", StringComparison.Ordinal);
            bool wait;
            lock (read)
            {
                wait = batch && read.Add(node);
                if (read.Count == 2)
                {
                    bothRead.TrySetResult();
                }

                if (!batch && read.Contains(node) && done.Add(node) && done.Count == 2)
                {
                    bothDone.TrySetResult();
                }
            }

            if (wait)
            {
                await bothRead.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }
        }
    }

    /// <summary>Every command of the node's database fails once <see cref="Cut"/> is set.</summary>
    private sealed class CutDatabase : DbCommandInterceptor
    {
        public volatile bool Cut;

        public void AddTo(IServiceCollection services) => services.ConfigureDbContext<AppDb>(o => o.AddInterceptors(this));

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            Cut ? throw new InvalidOperationException("The database is out of reach.") : ValueTask.FromResult(result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Cut ? throw new InvalidOperationException("The database is out of reach.") : ValueTask.FromResult(result);
    }
}
