using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>
/// Saves a changed plan and tells exactly the people whose itinerary changed, as the re-planner lists them (a mentee
/// who moves, the mentors and tablemates of the tables they left and joined), then the board and host console.
/// Changes to one event's plan never interleave; different events never wait for each other.
/// </summary>
public sealed class PlanPublisher(IHubContext<LiveHub, ILiveClient> hub)
{
    // One gate per event, made on first use and dropped when no re-plan holds or awaits it.
    private readonly Dictionary<Guid, (SemaphoreSlim Gate, int Users)> gates = [];

    /// <summary>
    /// Runs <paramref name="work"/> alone: two re-plans take turns. If the event was saved by someone else between
    /// its read and its write (the round changed, say), the work runs again on fresh data, so a re-plan never
    /// rewrites a round that has started in the meantime.
    /// </summary>
    public async Task<T> OneAtATime<T>(AppDb db, Guid eventId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var gate = Enter(eventId);
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(eventId);
            throw;
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await work();
                }
                catch (DbUpdateConcurrencyException) when (attempt < 5)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
        finally
        {
            gate.Release();
            Leave(eventId);
        }
    }

    private SemaphoreSlim Enter(Guid eventId)
    {
        lock (gates)
        {
            var (gate, users) = gates.TryGetValue(eventId, out var found) ? found : (new SemaphoreSlim(1, 1), 0);
            gates[eventId] = (gate, users + 1);
            return gate;
        }
    }

    private void Leave(Guid eventId)
    {
        lock (gates)
        {
            var (gate, users) = gates[eventId];
            if (users == 1)
            {
                gates.Remove(eventId);
                gate.Dispose();
            }
            else
            {
                gates[eventId] = (gate, users - 1);
            }
        }
    }

    /// <summary>Rounds already held (or under way), so a change applies from the next one.</summary>
    public static (int Held, Phase Phase) RoundsHeld(EventRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var clock = ClockStore.Now(record, now);
        return (clock.Phase == Phase.Waiting ? 0 : clock.Round, clock.Phase);
    }

    /// <summary>
    /// The rounds whose seats phones have already sent people to: those held and, during the change of tables (also
    /// paused in it), the next one, whose tables the phones already show.
    /// </summary>
    public static int RoundsSent(EventRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Math.Min(ClockStore.SeatedRound(ClockStore.Now(record, now)), record.Rounds);
    }

    /// <summary>
    /// Saves the new plan onto the event's people (with whatever else the context holds, a new walk-in say), then
    /// pushes; returns the keys of the people told.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAndTell(AppDb db, EventRecord record, ReplanResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        await db.People.Where(p => p.EventId == record.Id).LoadAsync(cancellationToken);
        var people = db.People.Local.Where(p => p.EventId == record.Id).ToList();
        var stored = await db.Plans.FirstAsync(p => p.EventId == record.Id, cancellationToken);
        PlanStore.Write(record, stored, people, result.Plan);
        await db.SaveChangesAsync(cancellationToken);

        var ids = people.ToDictionary(p => p.Key, p => p.Id, StringComparer.Ordinal);
        var told = result.PeopleToTell();
        foreach (var key in told)
        {
            if (ids.TryGetValue(key, out var id))
            {
                await hub.Clients.Group(LiveHub.PersonGroup(id)).Itinerary(Itineraries.For(result.Plan, key, record, ids));
            }
        }

        await hub.Clients.Group(LiveHub.Group(record.Id)).PlanChanged(record.PlanVersion);
        return told;
    }
}
