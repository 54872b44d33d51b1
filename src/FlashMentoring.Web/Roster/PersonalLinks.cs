using System.Security.Cryptography;
using System.Text;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Core.Wording;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Roster;

/// <summary>Who a personal link belongs to: what the phone's view and its feedback need, and no more.</summary>
/// <param name="OwnDevice">The request comes from the device that claimed the link (the person's own phone).</param>
/// <param name="HereAskedAt">When they, marked absent, said "I'm here" and the host has not answered yet.</param>
public sealed record LinkedPerson(
    long Id, Guid EventId, string Key, string Name, string Role, string Status, bool OwnDevice, DateTimeOffset? HereAskedAt = null, int InRoomRound = 0, string? Language = null);

/// <summary>
/// Personal links: the path a phone opens, finding the person (and event) a link's token belongs to, and claims. The
/// first device that opens a link, or picks the name on the join page, claims it; from then on the join page hands the
/// link to that device only, so knowing the public join code is not knowing who anyone is.
/// </summary>
public sealed class PersonalLinks(AppDb db, Attempts attempts, TimeProvider time)
{
    /// <summary>The header that carries a personal link's token.</summary>
    public const string TokenHeader = "X-Person-Token";

    /// <summary>The answer to a personal route's request whose token is nobody's, in the reader's language.</summary>
    public static ProblemHttpResult NotValid(Texts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return TypedResults.Problem(title: texts.T("phone.error.link.title"), detail: texts.T("phone.error.link.detail"), statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>The personal link's path; the token travels in the fragment so it never reaches logs or a Referer.</summary>
    public static string PathFor(string token) => "/me#t=" + token;

    /// <summary>What the join list calls a person: a hash of who they are in which event, so it is no id any other route takes.</summary>
    public static string PickId(Guid eventId, long personId) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"pick:{eventId:N}:{personId}")).AsSpan(0, 9));

    /// <summary>
    /// What a released person is claimed by until their new link is opened: the join list then refuses the name to
    /// everyone, so a script polling the list cannot take it back before the person scans the link the host shows them.
    /// </summary>
    public static readonly byte[] Reserved = new byte[32];

    /// <summary>True for a person held for their new link.</summary>
    public static bool IsReserved(byte[]? claimedBy) => claimedBy is not null && claimedBy.AsSpan().SequenceEqual(Reserved);

    /// <summary>The hash a claim stores of the request's device.</summary>
    public static byte[] DeviceHash(HttpContext context) => SHA256.HashData(Encoding.UTF8.GetBytes(Devices.OwnerKey(context)));

    /// <summary>
    /// The person whose link this token is, with their event; null for a token nobody has (which counts against the
    /// device's guesses). Opening an unclaimed link claims it for this device, unless <paramref name="claim"/> is false
    /// (the host previewing someone's phone from the console).
    /// </summary>
    public async Task<(LinkedPerson Person, EventRecord Event)?> FindAsync(HttpContext context, string? token, CancellationToken cancellationToken, bool claim = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            attempts.Failed(context, AttemptKind.UnknownToken);
            return null;
        }

        // Found by the token's hash, so a lookup's timing says nothing about how close a guess was. Thousands of
        // phones join at once: read the few columns a view needs (all of them: one query a join), not the profile.
        var hash = HostKeys.Hash(token);
        var found = await db.People.AsNoTracking().Where(p => p.TokenHash == hash)
            .Select(p => new { p.Id, p.EventId, p.Key, p.Name, p.Role, p.Status, p.ClaimedBy, p.HereAskedAt, p.InRoomRound, p.Language }).FirstOrDefaultAsync(cancellationToken);
        var record = found is null ? null : await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == found.EventId, cancellationToken);
        if (found is null || record is null)
        {
            attempts.Failed(context, AttemptKind.UnknownToken);
            return null;
        }

        var device = DeviceHash(context);
        var own = found.ClaimedBy is null || IsReserved(found.ClaimedBy)
            ? claim && await ClaimAsync(found.Id, device, cancellationToken)
            : found.ClaimedBy.AsSpan().SequenceEqual(device);
        return (new LinkedPerson(found.Id, found.EventId, found.Key, found.Name, found.Role, found.Status, own, found.HereAskedAt, found.InRoomRound, found.Language), record);
    }

    /// <summary>The person whose link the request carries (header <see cref="TokenHeader"/>).</summary>
    public Task<(LinkedPerson Person, EventRecord Event)?> FindAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FindAsync(request.HttpContext, request.Headers[TokenHeader].FirstOrDefault(), cancellationToken);
    }

    /// <summary>Claims an unclaimed (or reserved) person for a device; false when another device got there first.</summary>
    public async Task<bool> ClaimAsync(long personId, byte[] device, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await db.QueuedWriteAsync(
            async () =>
            {
                if (db.Database.IsRelational())
                {
                    // One statement: of two devices racing, exactly one finds the row still unclaimed.
                    return await db.People.Where(p => p.Id == personId && (p.ClaimedBy == null || p.ClaimedBy == Reserved))
                        .ExecuteUpdateAsync(set => set.SetProperty(p => p.ClaimedBy, device).SetProperty(p => p.ClaimedAt, now), cancellationToken);
                }

                // The in-memory demo store has no bulk updates, and loading a person with their profile and seats scans
                // every person's three tables: read the row's own columns, attach them, and change only the claim.
                var row = await db.People.AsNoTracking().Where(p => p.Id == personId)
                    .Select(p => new PersonRecord
                    {
                        Id = p.Id, EventId = p.EventId, Key = p.Key, Name = p.Name, Role = p.Role, Token = p.Token, TokenHash = p.TokenHash,
                        Status = p.Status, Source = p.Source, Order = p.Order, ClaimedAt = p.ClaimedAt, ClaimedBy = p.ClaimedBy,
                    })
                    .FirstOrDefaultAsync(cancellationToken);
                if (row is null || (row.ClaimedBy is not null && !IsReserved(row.ClaimedBy)))
                {
                    return 0;
                }

                var entry = db.People.Attach(row);
                row.ClaimedBy = device;
                row.ClaimedAt = now;
                entry.Property(p => p.ClaimedBy).IsModified = true;
                entry.Property(p => p.ClaimedAt).IsModified = true;
                await db.SaveChangesAsync(cancellationToken);
                return 1;
            },
            cancellationToken);
        if (claimed == 1)
        {
            return true;
        }

        var holder = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.ClaimedBy).FirstOrDefaultAsync(cancellationToken);
        return holder is not null && holder.AsSpan().SequenceEqual(device);
    }
}
