using FlashMentoring.Web.Data;
using FlashMentoring.Web.Kits;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Events;

/// <summary>What went with an erased event: how many, never who.</summary>
public sealed record ErasedEvent(Guid Id, int People, int Answers, int Choices, int Pairs);

/// <summary>
/// Deletes an event with every personal field it holds (people, personal links, plan, answers, choices, pairs), for the
/// host's Delete and for the retention job alike.
/// </summary>
public sealed class EventErasure(AppDb db, PlanStore plans, KitJobs kits, IHubContext<LiveHub, ILiveClient> hub)
{
    /// <summary>
    /// Erases the event; null when there is no such event, or when <paramref name="stillDue"/> says no on the event as
    /// it stands at the moment of deleting (a host may have started it since it was found).
    /// </summary>
    public async Task<ErasedEvent?> EraseAsync(Guid id, Func<EventRecord, bool>? stillDue, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null || stillDue?.Invoke(record) == false)
            {
                return null;
            }

            // Deleted row by row as well as by cascade: the in-memory store does not cascade.
            var people = await db.People.Where(p => p.EventId == id).ToListAsync(cancellationToken);
            var answers = await db.Answers.Where(a => a.EventId == id).ToListAsync(cancellationToken);
            var choices = await db.Choices.Where(c => c.EventId == id).ToListAsync(cancellationToken);
            var pairs = await db.Pairs.Where(p => p.EventId == id).ToListAsync(cancellationToken);
            db.Answers.RemoveRange(answers);
            db.Choices.RemoveRange(choices);
            db.Pairs.RemoveRange(pairs);
            db.Mail.RemoveRange(await db.Mail.Where(m => m.EventId == id).ToListAsync(cancellationToken));
            db.People.RemoveRange(people);
            db.Plans.RemoveRange(await db.Plans.Where(p => p.EventId == id).ToListAsync(cancellationToken));
            db.Histories.RemoveRange(await db.Histories.Where(h => h.EventId == id).ToListAsync(cancellationToken));
            db.Events.Remove(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // The clock or a re-plan saved the event meanwhile: look at it again.
                db.ChangeTracker.Clear();
                continue;
            }

            plans.Forget(id);
            kits.ForgetEvent(id); // A kit being made for it stops, and a made one is gone.
            await SqliteFile.ForgetDeletedAsync(db, cancellationToken);

            // Told once it is gone for good: every open phone, board and console says so and stops reconnecting.
            await hub.Clients.Group(LiveHub.Group(id)).EventDeleted();
            return new ErasedEvent(id, people.Count, answers.Count, choices.Count, pairs.Count);
        }
    }
}
