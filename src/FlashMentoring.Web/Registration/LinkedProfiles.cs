using FlashMentoring.Web.Data;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Registration;

/// <summary>The person a request's personal link opens, with their event and everyone of it, all tracked.</summary>
internal sealed class LinkedProfiles(AppDb db, PersonalLinks links)
{
    public AppDb Db => db;

    public async Task<(EventRecord Record, PersonRecord Person, List<PersonRecord> Everyone)?> PersonAsync(HttpContext http, CancellationToken cancellationToken)
    {
        // Not claimed: a profile opened from a laptop before the event is not the phone that will carry the link.
        if (await links.FindAsync(http, http.Request.Headers[PersonalLinks.TokenHeader].FirstOrDefault(), cancellationToken, claim: false) is not var (linked, record))
        {
            return null;
        }

        // The link's lookup read the event already: tracked from here, its version guards what this request saves.
        db.Events.Attach(record);
        var everyone = await db.People.Where(p => p.EventId == linked.EventId).ToListAsync(cancellationToken);
        return (record, everyone.Single(p => p.Id == linked.Id), everyone);
    }
}
