using System.Diagnostics;
using FlashMentoring.Core.Live;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>
/// The round clock's heartbeat: sleeps until the next round or transition of any live event ends (on the app's
/// TimeProvider, so tests move time by hand), saves the transition and pushes it to the event's group. Host
/// commands call <see cref="Publish"/> and <see cref="Wake"/>, so a pause or an extension reschedules at once.
/// On several nodes, each event's transitions are fired by the node that holds its lease (<see cref="ClockOwnership"/>),
/// a command on any node wakes them all, and pushes that Redis could not carry are made good here once it is back.
/// </summary>
public sealed class ClockBroadcaster(
    IServiceScopeFactory scopes,
    IHubContext<LiveHub, ILiveClient> hub,
    TimeProvider time,
    AppMetrics metrics,
    ClockOwnership ownership,
    ClusterSignals signals,
    MissedPushes missed,
    Microsoft.Extensions.Options.IOptions<LiveOptions> liveOptions,
    ILogger<ClockBroadcaster> log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);

    // While pushes wait for Redis to come back, how often to look.
    private static readonly TimeSpan RetryMissed = TimeSpan.FromSeconds(1);
    private CancellationTokenSource wake = new();

    /// <summary>Something changed: look at the schedule again now, on every node.</summary>
    public void Wake()
    {
        WakeHere();
        _ = signals.WakeOthersAsync();
    }

    private void WakeHere() => Interlocked.Exchange(ref wake, new CancellationTokenSource()).Cancel();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await ownership.ReleaseAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is gone too: the leases run out on their own.
            log.LogWarning(ex, "Could not give up this node's clocks on the way out; the other nodes take them when the leases run out.");
        }
    }

    /// <summary>
    /// Pushes a clock to everyone in the event. <paramref name="trigger"/> is "host" (a command), "schedule" (a round's
    /// time ran out, whoever saved it) or "resend" (a push lost while Redis was away); <paramref name="since"/> is the
    /// Stopwatch timestamp the push is timed from (now).
    /// </summary>
    public async Task Publish(Guid eventId, ClockView view, string trigger = "host", long? since = null)
    {
        var from = since ?? Stopwatch.GetTimestamp();
        await hub.Clients.Group(LiveHub.Group(eventId)).Clock(view);
        metrics.ClockPushed(view.Phase, trigger, from);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await signals.ListenAsync(WakeHere);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Redis away at start: the regular look below covers wake-ups until it is back.
            log.LogWarning(ex, "Could not hear the other nodes' clock wake-ups; looking every {Every} instead.", liveOptions.Value.RenewEvery);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking, so a command that lands while we look still wakes the sleep below.
            var woken = wake.Token;
            DateTimeOffset wakeAt;
            try
            {
                wakeAt = await AdvanceDueEvents(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bad row must not stop every other event's clock; try again shortly.
                log.LogError(ex, "The round clock failed to advance; retrying.");
                wakeAt = time.GetUtcNow() + TimeSpan.FromSeconds(1);
            }

            // The look took time (a slow database, a busy machine): sleep until the instant it chose, not for the
            // length it chose, so a round never ends late by the time the look took.
            var sleep = wakeAt - time.GetUtcNow();
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, woken);
            try
            {
                await Task.Delay(sleep > TimeSpan.Zero ? sleep : TimeSpan.Zero, time, either.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Woken by a host command.
            }
        }
    }

    /// <summary>Saves and pushes every transition that is due; returns when to look again.</summary>
    private async Task<DateTimeOffset> AdvanceDueEvents(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var running = new[] { nameof(Phase.Round), nameof(Phase.Transition) };
        var live = await db.Events.Where(e => running.Contains(e.ClockPhase)).ToListAsync(cancellationToken);
        if (ownership.Enabled)
        {
            var mine = await ownership.OwnAsync(db, live.Select(e => e.Id).ToList(), cancellationToken);
            live = live.Where(e => mine.Contains(e.Id)).ToList();
        }

        var now = time.GetUtcNow();
        // A phone hears of a round change only after the one save of every event due and the pushes to the events
        // before it: its fan-out time counts from here.
        var found = Stopwatch.GetTimestamp();
        TimeSpan? next = null;
        var due = new List<(EventRecord Record, ClockState State)>();
        foreach (var record in live)
        {
            var state = RoundClock.At(ClockStore.Read(record), ClockStore.Timing(record), now);
            if (state.Version != record.ClockVersion)
            {
                ClockStore.Write(record, state, now);
                due.Add((record, state));
            }

            if (state.EndsAt is { } endsAt && (next is null || endsAt - now < next))
            {
                next = endsAt - now;
            }
        }

        // On several nodes, the events whose clock this node runs: the nodes' figures add up to the whole.
        metrics.EventsRunning(live.Count(e => running.Contains(e.ClockPhase)));
        if (due.Count > 0)
        {
            // Every event that changes round at this instant is saved in one commit (one flush to disk, not one
            // per event), then pushed: saved first, so a phone never sees a state the server could lose.
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A host command saved one of them first (and pushed its own state): look at the schedule again.
                return now;
            }

            foreach (var (record, state) in due)
            {
                await Publish(record.Id, ClockStore.View(record, state, now), "schedule", found);
            }
        }

        if (missed.Any && signals.Settled)
        {
            await MakeGoodAsync(db, running, cancellationToken);
        }

        // Sleep exactly until the nearest end; with nothing running, look again now and then. On several nodes, look
        // at least as often as leases are renewed, and while pushes wait for Redis, every second.
        var sleep = next is null ? Idle : next < TimeSpan.Zero ? TimeSpan.Zero : next.Value;
        if (ownership.Enabled && sleep > liveOptions.Value.RenewEvery)
        {
            sleep = liveOptions.Value.RenewEvery;
        }

        return now + (missed.Any && sleep > RetryMissed ? RetryMissed : sleep);
    }

    /// <summary>
    /// Redis is back after pushes to some events failed: each gets its clock again (when a clock push was lost) and a
    /// "plan changed", on which phones, boards and consoles fetch what they show. Nobody received the failed pushes, so
    /// none arrives twice.
    /// </summary>
    private async Task MakeGoodAsync(AppDb db, string[] running, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var taken = missed.Take();
        var clockMissed = taken.Where(t => t.Clock).Select(t => t.EventId).ToHashSet();
        var ids = taken.Select(t => t.EventId).ToList();
        // The events, read in one query: those that missed a push, and after this node was cut off, every event awake.
        var awake = running.Append(nameof(Phase.Paused)).ToArray();
        var everyone = missed.TakeEveryone();
        var records = await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id) || (everyone && awake.Contains(e.ClockPhase))).ToListAsync(cancellationToken);
        log.LogInformation("Redis is back: {Count} events are sent what they missed.", records.Count);
        foreach (var record in records)
        {
            if (clockMissed.Contains(record.Id))
            {
                await Publish(record.Id, ClockStore.ViewNow(record, now), "resend");
            }

            await hub.Clients.Group(LiveHub.Group(record.Id)).PlanChanged(record.PlanVersion);
        }
    }
}
