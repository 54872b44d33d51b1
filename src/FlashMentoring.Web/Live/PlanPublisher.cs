using System.Text.Json;
using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>
/// Saves a changed plan and tells exactly the people whose itinerary changed (a mentee who moves, a mentor whose
/// table gains or loses someone), then the board and host console. Changes to one plan never interleave.
/// </summary>
public sealed class PlanPublisher(IHubContext<LiveHub, ILiveClient> hub)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// Runs <paramref name="work"/> alone: two re-plans take turns. If the event was saved by someone else between
    /// its read and its write (the round changed, say), the work runs again on fresh data, so a re-plan never
    /// rewrites a round that has started in the meantime.
    /// </summary>
    public async Task<T> OneAtATime<T>(AppDb db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        await gate.WaitAsync(cancellationToken);
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
        }
    }

    /// <summary>Rounds already held (or under way), so a change applies from the next one.</summary>
    public static (int Held, Phase Phase) RoundsHeld(EventRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var clock = RoundClock.At(ClockStore.Read(record), ClockStore.Timing(record), now);
        return (clock.Phase == Phase.Waiting ? 0 : clock.Round, clock.Phase);
    }

    /// <summary>Saves the new plan (with whatever else the context holds), then pushes; returns who was told.</summary>
    public async Task<IReadOnlyList<string>> SaveAndTell(AppDb db, EventRecord record, PlanResult before, PlanResult after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        EventPlans.Save(record, record.RosterCsv!, after);
        await db.SaveChangesAsync(cancellationToken);

        var people = await db.People.AsNoTracking().Where(p => p.EventId == record.Id).ToListAsync(cancellationToken);
        var told = new List<string>();
        foreach (var person in people)
        {
            var now = Itineraries.For(after, person.Key);
            if (JsonSerializer.Serialize(now) != JsonSerializer.Serialize(Itineraries.For(before, person.Key)))
            {
                told.Add(person.Key);
                await hub.Clients.Group(LiveHub.PersonGroup(person.Id)).Itinerary(now);
            }
        }

        await hub.Clients.Group(LiveHub.Group(record.Id)).PlanChanged(record.PlanVersion);
        return told;
    }
}
