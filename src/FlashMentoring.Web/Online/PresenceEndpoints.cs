using FlashMentoring.Core.Live;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Online;

/// <summary>"I'm in the room" for a round.</summary>
public sealed record InRoomRequest(int Round);

/// <summary>A mentor's report that a mentee of their table has not come to the video room this round.</summary>
public sealed record MissingRequest(long PersonId, int Round);

/// <summary>A participant's side of an online round: "I'm in the room", and a mentor reporting a mentee missing.</summary>
public static class PresenceEndpoints
{
    public static IEndpointRouteBuilder MapPresence(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var me = app.MapPersonalRoutes().WithTags("Online");
        me.MapPost("/in-room", InRoom).WithSummary("Tell the host I am in my video room this round");
        me.MapPost("/missing", Missing).WithSummary("As a mentor, tell the host a mentee has not come to my video room this round");
        return app;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> InRoom(
        InRoomRequest body, HttpRequest request, AppDb db, PersonalLinks links, PlanStore plans, IHubContext<LiveHub, ILiveClient> hub, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await links.FindAsync(request, cancellationToken) is not var (person, record))
        {
            return UnknownLink(Languages.Of(request));
        }

        var plan = (await plans.LoadAsync(record, cancellationToken))?.Plan;
        if (plan is null || !Itineraries.IsOnline(plan, person.Key))
        {
            var texts = Languages.Of(request);
            return TypedResults.Problem(title: texts.T("online.problem.inPerson"), detail: texts.T("online.problem.inPersonDetail"), statusCode: StatusCodes.Status409Conflict);
        }

        var now = time.GetUtcNow();
        if (NotOn(record, body.Round, now, Languages.Of(request)) is { } notOn)
        {
            return notOn;
        }

        await Mark(db, person.Id, p => (p.InRoomRound, p.InRoomAt) = (body.Round, now), set => set.SetProperty(p => p.InRoomRound, body.Round).SetProperty(p => p.InRoomAt, now), cancellationToken);
        await hub.Clients.Group(LiveHub.HostGroup(record.Id)).PresenceChanged(body.Round);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Missing(
        MissingRequest body, HttpRequest request, AppDb db, PersonalLinks links, PlanStore plans, IHubContext<LiveHub, ILiveClient> hub, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await links.FindAsync(request, cancellationToken) is not var (person, record))
        {
            return UnknownLink(Languages.Of(request));
        }

        var menteeKey = await db.People.AsNoTracking().Where(p => p.Id == body.PersonId && p.EventId == record.Id).Select(p => p.Key).FirstOrDefaultAsync(cancellationToken);
        var rotation = (await plans.LoadAsync(record, cancellationToken))?.Plan.Rotation;
        var mentor = rotation?.MentorIndex(person.Key) ?? -1;
        var mentee = menteeKey is null ? -1 : rotation?.MenteeIndex(menteeKey) ?? -1;
        if (rotation is null || mentor < 0 || mentee < 0 || body.Round < 1 || body.Round > rotation.Rounds || rotation.MentorOf(body.Round, mentee) != mentor)
        {
            // Only the mentor whose room they should be in can say they are not there.
            var texts = Languages.Of(request);
            return TypedResults.Problem(
                title: texts.T("online.problem.notYourMentee"),
                detail: texts.T("online.problem.notYourMenteeDetail", ("n", body.Round)),
                statusCode: StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow();
        if (NotOn(record, body.Round, now, Languages.Of(request)) is { } notOn)
        {
            return notOn;
        }

        await Mark(db, body.PersonId, p => (p.MissingRound, p.MissingReportedAt) = (body.Round, now), set => set.SetProperty(p => p.MissingRound, body.Round).SetProperty(p => p.MissingReportedAt, now), cancellationToken);
        await hub.Clients.Group(LiveHub.HostGroup(record.Id)).PresenceChanged(body.Round);
        return TypedResults.NoContent();
    }

    // Presence counts for the round under way (paused included: people stay in their rooms through a pause).
    private static ProblemHttpResult? NotOn(EventRecord record, int round, DateTimeOffset now, Texts texts)
    {
        var clock = ClockStore.Now(record, now);
        var on = clock.Phase == Phase.Round || (clock.Phase == Phase.Paused && clock.PausedFrom == Phase.Round);
        return on && clock.Round == round
            ? null
            : TypedResults.Problem(
                title: texts.T("online.problem.roundNotOn", ("n", round)),
                detail: on ? texts.T("online.problem.otherRoundOn", ("n", clock.Round)) : texts.T("online.problem.noRoundOn"),
                statusCode: StatusCodes.Status409Conflict);
    }

    private static async Task Mark(AppDb db, long personId, Action<PersonRecord> change, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<PersonRecord>> setters, CancellationToken cancellationToken) =>
        await db.QueuedWriteAsync(
            async () =>
            {
                if (db.Database.IsRelational())
                {
                    return await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(setters, cancellationToken);
                }

                // The in-memory demo store has no bulk update.
                change(await db.People.FirstAsync(p => p.Id == personId, cancellationToken));
                return await db.SaveChangesAsync(cancellationToken);
            },
            cancellationToken);

    private static ProblemHttpResult UnknownLink(Texts texts) =>
        TypedResults.Problem(title: texts.T("online.problem.badPersonalLink"), detail: texts.T("online.problem.badPersonalLinkDetail"), statusCode: StatusCodes.Status404NotFound);
}
