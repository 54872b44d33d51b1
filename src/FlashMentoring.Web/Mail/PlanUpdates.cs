using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Mail;

/// <summary>
/// After the invitations went out, every re-plan before the start (a new roster, a change by hand, a check-in, a walk-in,
/// a plan from registrations) is mailed to exactly the people whose itinerary it changed: one short update each, with
/// the calendar file's SEQUENCE raised. Nobody else hears of it. Someone newly on the plan gets their invitation, and
/// someone taken off it is told once. Found by looking at the events, not by each way of re-planning calling here.
/// </summary>
public sealed class PlanUpdates(AppDb db, PlanStore plans, MailQueue queue, TimeProvider time, ILogger<PlanUpdates> log)
{
    /// <summary>Queues the updates of every event whose plan changed since it was mailed; returns how many messages.</summary>
    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var waiting = nameof(Phase.Waiting);
        var due = await db.Events.AsNoTracking()
            .Where(e => e.InvitationsSentAt != null && e.PlanVersion != e.MailedPlanVersion && e.ClockPhase == waiting)
            .Select(e => e.Id).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var id in due)
        {
            queued += await QueueForAsync(id, cancellationToken);
            db.ChangeTracker.Clear();
        }

        return queued;
    }

    /// <summary>
    /// Queues the invitation for someone not mailed yet, or an update when their itinerary changed since; sets what
    /// was mailed to them. False (nothing queued) when they have no e-mail or nothing changed.
    /// </summary>
    public static bool QueueFor(AppDb db, MailQueue queue, EventRecord record, PersonRecord person, PersonItinerary itinerary, DateTimeOffset now, bool again = false)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(itinerary);
        ArgumentNullException.ThrowIfNull(queue);
        if (person.Profile.Email is not { Length: > 0 } email || (!again && itinerary.Signature == person.MailedItinerary))
        {
            return false;
        }

        var link = (record.LinkOrigin ?? "") + PersonalLinks.PathFor(person.Token);
        var invite = again || person.MailedItinerary is null;
        ItineraryCalendar.Follow(person, itinerary);

        // In their own language when they chose one, else the event's; the calendar file too.
        var texts = MailLanguage.For(record, person);
        var letter = invite
            ? Letters.Invitation(record, person.Name, itinerary, link, texts)
            : Letters.Update(record, person.Name, itinerary, link, MailItinerary.Changed(person.MailedItinerary, itinerary.Signature), texts);
        person.MailedItinerary = itinerary.Signature;
        return queue.Add(db, record.Id, person.Id, email, invite ? "invitation" : "update", letter.Subject, letter.Text,
            ItineraryCalendar.Build(record, person, itinerary, link, rounds: true, now, texts)) is not null;
    }

    private async Task<int> QueueForAsync(Guid id, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null || record.InvitationsSentAt is null || record.PlanVersion == record.MailedPlanVersion || record.ClockPhase != nameof(Phase.Waiting))
        {
            return 0;
        }

        // A plan newer than the event row read: it is being saved now, and the next look mails that one.
        var loaded = await plans.LoadAsync(record, cancellationToken);
        if (loaded is null || loaded.Version != record.PlanVersion)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var people = await db.People.Where(p => p.EventId == id).ToListAsync(cancellationToken);
        var planned = new HashSet<long>();
        var queued = 0;
        foreach (var (person, itinerary) in Planned(record, loaded.Plan, people))
        {
            planned.Add(person.Id);
            queued += QueueFor(db, queue, record, person, itinerary, now) ? 1 : 0;
        }

        queued += await TellRemovedAsync(record, people, planned, cancellationToken);
        return await SaveOnceAsync(record, cancellationToken) ? queued : 0;
    }

    /// <summary>
    /// People mailed earlier whom this plan leaves out: one message each. A roster upload deletes unregistered people
    /// with their profile, so their address is the one in the mail log; registered people keep their row and link.
    /// </summary>
    private async Task<int> TellRemovedAsync(EventRecord record, List<PersonRecord> people, HashSet<long> planned, CancellationToken cancellationToken)
    {
        var mailed = await db.Mail.AsNoTracking()
            .Where(m => m.EventId == record.Id && m.PersonId != null && (m.Kind == "invitation" || m.Kind == "update" || m.Kind == "removed"))
            .Select(m => new { m.Id, PersonId = m.PersonId!.Value, m.Kind, m.To }).ToListAsync(cancellationToken);
        var gone = mailed.GroupBy(m => m.PersonId).Where(g => !planned.Contains(g.Key)).Select(g => g.MaxBy(m => m.Id)!).Where(m => m.Kind != "removed").ToList();
        foreach (var last in gone)
        {
            var still = people.Find(p => p.Id == last.PersonId);
            var letter = Letters.Removed(record, registered: still is not null, MailLanguage.For(record, still));
            queue.Add(db, record.Id, last.PersonId, still?.Profile.Email is { Length: > 0 } now ? now : last.To, "removed", letter.Subject, letter.Text);
            if (still is not null)
            {
                still.MailedItinerary = null; // Back on a later plan, they get a fresh invitation.
            }
        }

        return gone.Count;
    }

    /// <summary>
    /// Saves the queued messages and marks the plan mailed, once: of two looks at the same plan version (two nodes, or
    /// a look racing a new plan) only the one that moves MailedPlanVersion on saves its messages.
    /// </summary>
    private async Task<bool> SaveOnceAsync(EventRecord record, CancellationToken cancellationToken)
    {
        var version = record.PlanVersion;
        var before = record.MailedPlanVersion;
        if (!db.Database.IsRelational())
        {
            // The in-memory store lives in this one process, whose one sender never looks twice at once; the plan version
            // (a concurrency token) still stops a save over a newer plan.
            record.MailedPlanVersion = version;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateConcurrencyException)
            {
                return false;
            }
        }

        var claimed = await db.QueuedWriteAsync(
            () => db.Events.Where(e => e.Id == record.Id && e.PlanVersion == version && e.MailedPlanVersion == before)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.MailedPlanVersion, version), cancellationToken),
            cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex)
        {
            // Someone was deleted meanwhile, say: give the version back so the next look mails it.
            log.LogWarning(ex, "Mail: the updates for event {EventId} could not be saved; trying again.", record.Id);
            await db.QueuedWriteAsync(
                () => db.Events.Where(e => e.Id == record.Id && e.MailedPlanVersion == version)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.MailedPlanVersion, before), CancellationToken.None),
                CancellationToken.None);
            return false;
        }
    }

    /// <summary>Everyone the plan seats, with their itinerary, in plan order (mentors by table, then mentees).</summary>
    public static IEnumerable<(PersonRecord Person, PersonItinerary Itinerary)> Planned(EventRecord record, PlanResult plan, IEnumerable<PersonRecord> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var everyone = people.ToList();
        var ids = everyone.ToDictionary(p => p.Key, p => p.Id, StringComparer.Ordinal);
        return everyone.Select(p => (p, MailItinerary.For(record, plan, p.Key, ids))).Where(x => x.Item2 is not null).Select(x => (x.p, x.Item2!))
            .OrderBy(x => x.Item2.Mentor ? 0 : 1).ThenBy(x => x.p.Seating.Table).ThenBy(x => x.p.Order);
    }
}
