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
/// </summary>
public sealed class ClockBroadcaster(IServiceScopeFactory scopes, IHubContext<LiveHub, ILiveClient> hub, TimeProvider time, AppMetrics metrics, ILogger<ClockBroadcaster> log) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);
    private CancellationTokenSource wake = new();

    /// <summary>Something changed: look at the schedule again now.</summary>
    public void Wake() => Interlocked.Exchange(ref wake, new CancellationTokenSource()).Cancel();

    /// <summary>
    /// Pushes a clock to everyone in the event. <paramref name="trigger"/> is "host" (a command) or "schedule" (a round's
    /// time ran out, whoever saved it); <paramref name="since"/> is the Stopwatch timestamp the push is timed from (now).
    /// </summary>
    public async Task Publish(Guid eventId, ClockView view, string trigger = "host", long? since = null)
    {
        var from = since ?? Stopwatch.GetTimestamp();
        await hub.Clients.Group(LiveHub.Group(eventId)).Clock(view);
        metrics.ClockPushed(view.Phase, trigger, from);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before looking, so a command that lands while we look still wakes the sleep below.
            var woken = wake.Token;
            var next = Idle;
            try
            {
                next = await AdvanceDueEvents(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bad row must not stop every other event's clock; try again shortly.
                log.LogError(ex, "The round clock failed to advance; retrying.");
                next = TimeSpan.FromSeconds(1);
            }

            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, woken);
            try
            {
                await Task.Delay(next, time, either.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // Woken by a host command.
            }
        }
    }

    /// <summary>Saves and pushes every transition that is due; returns how long until the next one.</summary>
    private async Task<TimeSpan> AdvanceDueEvents(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var running = new[] { nameof(Phase.Round), nameof(Phase.Transition) };
        var live = await db.Events.Where(e => running.Contains(e.ClockPhase)).ToListAsync(cancellationToken);
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
                return TimeSpan.Zero;
            }

            foreach (var (record, state) in due)
            {
                await Publish(record.Id, ClockStore.View(record, state, now), "schedule", found);
            }
        }

        // Sleep exactly until the nearest end; with nothing running, look again now and then.
        return next is null ? Idle : next < TimeSpan.Zero ? TimeSpan.Zero : next.Value;
    }
}
