using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;

namespace FlashMentoring.Web.Live;

/// <summary>What a personal link opens: the person, their itinerary and the clock; served over HTTP and the hub alike.</summary>
public sealed class PersonalViews(PersonalLinks links, PlanStore plans, TimeProvider time)
{
    /// <summary>A person's view from their link's token; null when the token is unknown.</summary>
    public async Task<PersonalView?> ForTokenAsync(HttpContext context, string? token, CancellationToken cancellationToken, bool claim = true)
    {
        if (await links.FindAsync(context, token, cancellationToken, claim) is not var (person, record))
        {
            return null;
        }

        var rows = await plans.LoadAsync(record, cancellationToken) is { } loaded ? Itineraries.For(loaded.Plan, person.Key) : [];
        var now = time.GetUtcNow();
        return new PersonalView(record.Id, record.Title, record.StartsAt, person.Id, person.Name, person.Role, person.Status, rows, ClockStore.ViewNow(record, now), person.HereAskedAt is not null);
    }
}
