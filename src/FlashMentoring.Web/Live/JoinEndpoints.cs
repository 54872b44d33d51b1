using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>A name on the join page: <c>Pick</c> names it for claiming only; <c>Taken</c> when a device has claimed it.</summary>
public sealed record JoinName(string Pick, string Name, string Role, bool Taken);

/// <summary>What a join code opens: the event and the names to pick from.</summary>
public sealed record JoinEventView(Guid EventId, string Title, DateTimeOffset StartsAt, IReadOnlyList<JoinName> People);

/// <summary>A personal link: open it on any device to get back to your own view.</summary>
public sealed record PersonalLink(string Token, string Link);

/// <summary>
/// Joining by the code on the board: pick your name, get your personal link; the link opens your view. The code is
/// public, so the name list hands out nothing but names: a name's link goes to the first device that picks it (or
/// opens the link), and after that only to that device; anyone else needs their printed or e-mailed link, or the host.
/// </summary>
public static class JoinEndpoints
{
    public static IEndpointRouteBuilder MapJoin(this IEndpointRouteBuilder app)
    {
        var join = app.MapGroup("/api/join/{code}").WithTags("Join");
        join.MapGet("/", JoinByCode).WithSummary("The event and names to pick from, by join code");
        join.MapPost("/people/{pick}", PickName).WithSummary("Pick your name and get your personal link");
        app.MapPersonalRoutes().WithTags("Join").MapGet("/", Me).WithSummary("My view: table, round and itinerary");
        return app;
    }

    internal static async Task<Results<Ok<JoinEventView>, ProblemHttpResult>> JoinByCode(string code, HttpContext http, AppDb db, Attempts attempts, CancellationToken cancellationToken)
    {
        if (attempts.Blocked(http, AttemptKind.WrongCode))
        {
            return Attempts.TooMany(http, AttemptKind.WrongCode);
        }

        var record = await FindByCode(db, code, cancellationToken);
        if (record is null)
        {
            attempts.Failed(http, AttemptKind.WrongCode);
            return NoCode(Languages.Of(http.Request), code);
        }

        var people = await db.People.AsNoTracking().Where(p => p.EventId == record.Id)
            .Select(p => new { p.Id, p.Name, p.Role, Taken = p.ClaimedBy != null }).ToListAsync(cancellationToken);
        var names = people
            .Select(p => new JoinName(PersonalLinks.PickId(record.Id, p.Id), record.BoardFirstNamesOnly ? Shortened(p.Name) : p.Name, p.Role, p.Taken))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return TypedResults.Ok(new JoinEventView(record.Id, record.Title, record.StartsAt, names));
    }

    internal static async Task<Results<Ok<PersonalLink>, ProblemHttpResult>> PickName(string code, string pick, HttpContext http, AppDb db, Attempts attempts, PersonalLinks links, ILogger<PersonalLinks> log, CancellationToken cancellationToken)
    {
        if (attempts.Blocked(http, AttemptKind.WrongCode))
        {
            return Attempts.TooMany(http, AttemptKind.WrongCode);
        }

        var record = await FindByCode(db, code, cancellationToken);
        var ids = record is null ? [] : await db.People.AsNoTracking().Where(p => p.EventId == record.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var id = ids.FirstOrDefault(i => PersonalLinks.PickId(record!.Id, i) == pick);
        var person = id == 0 ? null : await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Id, p.Token, p.ClaimedBy }).FirstAsync(cancellationToken);
        if (record is null || person is null)
        {
            attempts.Failed(http, AttemptKind.WrongCode);
            return record is null ? NoCode(Languages.Of(http.Request), code) : NameGone(Languages.Of(http.Request));
        }

        var device = PersonalLinks.DeviceHash(http);
        var mine = person.ClaimedBy is not null && person.ClaimedBy.AsSpan().SequenceEqual(device);
        if (!mine && person.ClaimedBy is null)
        {
            if (!attempts.TryClaim(http, record.Id))
            {
                return Attempts.TooMany(http, AttemptKind.Claim);
            }

            mine = await links.ClaimAsync(person.Id, device, cancellationToken);
        }

        if (!mine && PersonalLinks.IsReserved(person.ClaimedBy))
        {
            var texts = Languages.Of(http.Request);
            return TypedResults.Problem(title: texts.T("join.error.newLink.title"), detail: texts.T("join.error.newLink.detail"), statusCode: StatusCodes.Status409Conflict);
        }

        if (!mine)
        {
            log.LogInformation("Join: person {PersonId} of event {EventId} was picked again from another device; refused", person.Id, record.Id);
            var texts = Languages.Of(http.Request);
            return TypedResults.Problem(title: texts.T("join.error.taken.title"), detail: texts.T("join.error.taken.detail"), statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Ok(new PersonalLink(person.Token, PersonalLinks.PathFor(person.Token)));
    }

    internal static async Task<Results<Ok<PersonalView>, ProblemHttpResult>> Me(HttpContext http, PersonalViews views, CancellationToken cancellationToken)
    {
        var view = await views.ForTokenAsync(http, http.Request.Headers[PersonalLinks.TokenHeader].FirstOrDefault(), cancellationToken);
        return view is null ? PersonalLinks.NotValid(Languages.Of(http.Request)) : TypedResults.Ok(view);
    }

    // "Ann L.": the first name as the board shows it, and an initial so two Anns can tell which is theirs.
    private static string Shortened(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length < 2 ? name : $"{parts[0]} {char.ToUpperInvariant(parts[^1][0])}.";
    }

    private static Task<EventRecord?> FindByCode(AppDb db, string code, CancellationToken cancellationToken)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return normalised.Length is 0 or > 16
            ? Task.FromResult<EventRecord?>(null)
            : db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.JoinCode == normalised, cancellationToken);
    }

    private static ProblemHttpResult NoCode(Texts texts, string code) =>
        TypedResults.Problem(title: texts.T("join.error.noCode.title"), detail: texts.T("join.error.noCode.detail", ("code", code)), statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult NameGone(Texts texts) =>
        TypedResults.Problem(title: texts.T("join.error.nameGone.title"), detail: texts.T("join.error.nameGone.detail"), statusCode: StatusCodes.Status404NotFound);
}
