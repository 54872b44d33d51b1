using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Roster;

/// <summary>What "I'm here" did: when it was asked; the host confirms it from the check-in list.</summary>
public sealed record HereAsked(DateTimeOffset AskedAt);

/// <summary>
/// "I'm here" from the phone of someone the host marked absent. It only asks: the host (who sees the person in the
/// room) marks them arrived, which brings them back into the plan and their phone back to a table.
/// </summary>
public static class ImHereEndpoints
{
    public static IEndpointRouteBuilder MapImHere(this IEndpointRouteBuilder app)
    {
        // On the personal group: the token travels in a header, as on every /api/me route, and the group's guard refuses
        // a device that has tried too many unknown links.
        app.MapPersonalRoutes().WithTags("Check-in").MapPost("/here", AskHere).WithSummary("Tell the host I am here");
        return app;
    }

    internal static async Task<Results<Ok<HereAsked>, ProblemHttpResult>> AskHere(
        HttpRequest request, AppDb db, PersonalLinks links, IHubContext<LiveHub, ILiveClient> hub, TimeProvider time, CancellationToken cancellationToken)
    {
        // Read on the person's phone, in its language.
        var texts = Languages.Of(request);
        if (await links.FindAsync(request, cancellationToken) is not var (person, record))
        {
            return TypedResults.Problem(title: texts.T("phone.here.badLinkTitle"), detail: texts.T("phone.here.badLink"), statusCode: StatusCodes.Status404NotFound);
        }

        if (!person.OwnDevice)
        {
            // Otherwise anyone holding a copy of the link could bring a person back into the plan who is not in the room.
            return TypedResults.Problem(
                title: texts.T("phone.here.ownPhoneTitle"),
                detail: texts.T("phone.here.ownPhone"),
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (person.Status != "absent")
        {
            return TypedResults.Problem(title: texts.T("phone.here.notAbsentTitle"), detail: texts.T("phone.here.notAbsent"), statusCode: StatusCodes.Status409Conflict);
        }

        if (person.HereAskedAt is { } asked)
        {
            return TypedResults.Ok(new HereAsked(asked)); // A second tap (or a resend) asks once.
        }

        var now = time.GetUtcNow();
        await db.QueuedWriteAsync(
            async () =>
            {
                if (db.Database.IsRelational())
                {
                    return await db.People.Where(p => p.Id == person.Id && p.Status == "absent").ExecuteUpdateAsync(set => set.SetProperty(p => p.HereAskedAt, now), cancellationToken);
                }

                // The in-memory demo store has no bulk update.
                var row = await db.People.FirstAsync(p => p.Id == person.Id, cancellationToken);
                if (row.Status != "absent")
                {
                    return 0; // The host marked them here meanwhile: nothing to ask.
                }

                row.HereAskedAt = now;
                return await db.SaveChangesAsync(cancellationToken);
            },
            cancellationToken);
        await hub.Clients.Group(LiveHub.Group(record.Id)).PeopleChanged();
        return TypedResults.Ok(new HereAsked(now));
    }
}
