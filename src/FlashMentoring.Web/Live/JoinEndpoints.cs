using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>A name on the join page.</summary>
public sealed record JoinName(long Id, string Name, string Role);

/// <summary>What a join code opens: the event and the names to pick from.</summary>
public sealed record JoinEventView(Guid EventId, string Title, DateTimeOffset StartsAt, IReadOnlyList<JoinName> People);

/// <summary>A personal link: open it on any device to get back to your own view.</summary>
public sealed record PersonalLink(string Token, string Link);

/// <summary>Joining by the code on the board: pick your name, get your personal link; the link opens your view.</summary>
public static class JoinEndpoints
{
    public static IEndpointRouteBuilder MapJoin(this IEndpointRouteBuilder app)
    {
        var join = app.MapGroup("/api").WithTags("Join");
        join.MapGet("/join/{code}", JoinByCode).RequireRateLimiting(Security.JoinPolicy);
        join.MapPost("/join/{code}/people/{personId:long}", PickName).RequireRateLimiting(Security.JoinPolicy);
        join.MapGet("/me", Me).RequireRateLimiting(Security.PersonPolicy);
        return app;
    }

    internal static async Task<Results<Ok<JoinEventView>, ProblemHttpResult>> JoinByCode(string code, AppDb db, CancellationToken cancellationToken)
    {
        var record = await FindByCode(db, code, cancellationToken);
        if (record is null)
        {
            return NoCode(code);
        }

        var people = await db.People.AsNoTracking().Where(p => p.EventId == record.Id).OrderBy(p => p.Name)
            .Select(p => new JoinName(p.Id, p.Name, p.Role)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new JoinEventView(record.Id, record.Title, record.StartsAt, people));
    }

    internal static async Task<Results<Ok<PersonalLink>, ProblemHttpResult>> PickName(string code, long personId, AppDb db, CancellationToken cancellationToken)
    {
        var record = await FindByCode(db, code, cancellationToken);
        var person = record is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && p.EventId == record.Id, cancellationToken);
        return person is null ? NoCode(code) : TypedResults.Ok(new PersonalLink(person.Token, PersonalLinks.PathFor(person.Token)));
    }

    internal static async Task<Results<Ok<PersonalView>, ProblemHttpResult>> Me(HttpRequest request, PersonalViews views, CancellationToken cancellationToken)
    {
        var view = await views.ForTokenAsync(request.Headers[PersonalLinks.TokenHeader].FirstOrDefault(), cancellationToken);
        return view is null
            ? TypedResults.Problem(title: "This personal link is not (or no longer) valid", detail: "Ask the host for your link, or join again with the event's code.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(view);
    }

    private static Task<EventRecord?> FindByCode(AppDb db, string code, CancellationToken cancellationToken)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.JoinCode == normalised, cancellationToken);
    }

    private static ProblemHttpResult NoCode(string code) =>
        TypedResults.Problem(title: "No event with this code", detail: $"Check the code '{code}' on the board or your itinerary; it has six letters and digits.", statusCode: StatusCodes.Status404NotFound);
}
