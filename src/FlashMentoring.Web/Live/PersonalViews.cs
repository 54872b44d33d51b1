using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>What a personal link opens: the person, their itinerary and the clock; served over HTTP and the hub alike.</summary>
public sealed class PersonalViews(PersonalLinks links, PlanStore plans, AppDb db, TimeProvider time)
{
    /// <summary>A person's view from their link's token; null when the token is unknown.</summary>
    public async Task<PersonalView?> ForTokenAsync(HttpContext context, string? token, CancellationToken cancellationToken, bool claim = true)
    {
        if (await links.FindAsync(context, token, cancellationToken, claim) is not var (person, record))
        {
            return null;
        }

        var plan = (await plans.LoadAsync(record, cancellationToken))?.Plan;
        var online = plan is null ? record.Mode == EventRecord.Online : Itineraries.IsOnline(plan, person.Key);
        // The link's lookup carries the person's own language and the round they last said "I'm in the room"; only an
        // online mentor's phone also needs the others' ids.
        var inRoom = online ? person.InRoomRound : 0;
        var ids = online && person.Role == "mentor"
            ? await db.People.AsNoTracking().Where(p => p.EventId == record.Id).Select(p => new { p.Key, p.Id }).ToDictionaryAsync(p => p.Key, p => p.Id, StringComparer.Ordinal, cancellationToken)
            : null;
        var rows = plan is null ? [] : Itineraries.For(plan, person.Key, record, ids);
        var now = time.GetUtcNow();
        return new PersonalView(
            record.Id, record.Title, record.StartsAt, person.Id, person.Name, person.Role, person.Status, rows, ClockStore.ViewNow(record, now), person.HereAskedAt is not null,
            record.Mode, online ? EventRecord.Online : EventRecord.InPerson, inRoom, record.RoundMinutes, record.TransitionMinutes, Languages.Clean(person.Language));
    }
}
