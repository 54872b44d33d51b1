using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Roster;

/// <summary>Who a personal link belongs to: what the phone's view and its feedback need, and no more.</summary>
public sealed record LinkedPerson(long Id, Guid EventId, string Key, string Name, string Role, string Status);

/// <summary>Personal links: the path a phone opens, and finding the person (and event) a link's token belongs to.</summary>
public sealed class PersonalLinks(AppDb db)
{
    /// <summary>The header that carries a personal link's token.</summary>
    public const string TokenHeader = "X-Person-Token";

    /// <summary>The personal link's path; the token travels in the fragment so it never reaches logs or a Referer.</summary>
    public static string PathFor(string token) => "/me#t=" + token;

    /// <summary>The person whose link this token is, with their event; null for a token nobody has.</summary>
    public async Task<(LinkedPerson Person, EventRecord Event)?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        // Found by the token's hash, so a lookup's timing says nothing about how close a guess was. Thousands of
        // phones join at once: read the few columns a view needs, not the profile.
        var hash = HostKeys.Hash(token);
        var person = await db.People.AsNoTracking().Where(p => p.TokenHash == hash)
            .Select(p => new LinkedPerson(p.Id, p.EventId, p.Key, p.Name, p.Role, p.Status)).FirstOrDefaultAsync(cancellationToken);
        var record = person is null ? null : await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == person.EventId, cancellationToken);
        return person is null || record is null ? null : (person, record);
    }

    /// <summary>The person whose link the request carries (header <see cref="TokenHeader"/>).</summary>
    public Task<(LinkedPerson Person, EventRecord Event)?> FindAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FindAsync(request.Headers[TokenHeader].FirstOrDefault(), cancellationToken);
    }
}
