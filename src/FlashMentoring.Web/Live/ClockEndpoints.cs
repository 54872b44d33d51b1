using FlashMentoring.Core.Live;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>Optional details of a clock command.</summary>
/// <param name="ExpectedRound">For skip: the round the host saw, so a second host's click does not skip twice.</param>
/// <param name="Minutes">For extend: how many minutes to add (default 1).</param>
/// <param name="ExpectedVersion">For extend (required) and skip (recommended): the clock version the host saw, so a repeated or
/// concurrent click acts once.</param>
/// <param name="SkipChange">For skip: start the next round at once, without the minutes to change tables.</param>
public sealed record ClockCommand(int? ExpectedRound = null, int? Minutes = null, int? ExpectedVersion = null, bool SkipChange = false);

/// <summary>The host's clock controls and everyone's clock reading. Every change is saved before it is answered.</summary>
public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapClock(this IEndpointRouteBuilder app)
    {
        app.MapPublicEventRoutes().WithTags("Clock").MapGet("/clock", Read).WithSummary("Read the clock");
        app.MapHostRoutes().WithTags("Clock").MapPost("/clock/{command}", Command).WithSummary("Start, pause, resume, extend, skip or end the rounds");
        return app;
    }

    /// <summary>The clock now; a transition whose time has come is saved on the way.</summary>
    internal static async Task<Results<Ok<ClockView>, NotFound>> Read(Guid id, AppDb db, TimeProvider time, ClockBroadcaster broadcaster, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var state = RoundClock.At(ClockStore.Read(record), ClockStore.Timing(record), now);
        var view = ClockStore.View(record, state, now);
        try
        {
            if (await SaveIfChanged(db, record, state, now, cancellationToken))
            {
                // This read saved a round change before the clock loop got to it: the loop will find it saved and push
                // nothing, so the phones hear of it from here (saved first, then told, as everywhere). It is the
                // schedule's change, whoever saved it.
                await broadcaster.Publish(id, view, "schedule");
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // The clock or a command saved this transition (or a later one) first, and told the phones; what we computed
            // still reads right.
        }

        return TypedResults.Ok(view);
    }

    internal static async Task<Results<Ok<ClockView>, NotFound, ProblemHttpResult>> Command(
        Guid id, string command, HttpRequest request, AppDb db, TimeProvider time, ClockBroadcaster broadcaster, CancellationToken cancellationToken, ClockCommand? body = null)
    {
        var texts = Languages.Of(request);
        // Read, decide, save; when someone else saved the event in between (another host, the clock itself, a
        // re-plan), read again and decide again: "next round" for a round that has moved on is then refused.
        for (var attempt = 1; ; attempt++)
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            // A clock with nobody to seat would run an empty event, and the roster could no longer be uploaded.
            if (command.Equals("start", StringComparison.OrdinalIgnoreCase) && record.PlanVersion == 0)
            {
                return TypedResults.Problem(detail: texts.T("host.said.nobodyToSeat"), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.nobodyToSeatTitle"));
            }

            var now = time.GetUtcNow();
            if (Decide(command, body, ClockStore.Read(record), ClockStore.Timing(record), now) is not { } result)
            {
                return command.ToLowerInvariant() switch
                {
                    "skip" => TypedResults.Problem(detail: texts.T("host.said.skipWhichRound"), statusCode: StatusCodes.Status400BadRequest, title: texts.T("host.said.skipWhichRoundTitle")),
                    "extend" => TypedResults.Problem(detail: texts.T("host.said.extendWhichClock"), statusCode: StatusCodes.Status400BadRequest, title: texts.T("host.said.extendWhichClockTitle")),
                    _ => TypedResults.Problem(detail: texts.T("host.said.unknownCommand", ("command", command)), statusCode: StatusCodes.Status404NotFound, title: texts.T("host.said.unknownCommandTitle")),
                };
            }

            try
            {
                await SaveIfChanged(db, record, result.State, now, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            var view = ClockStore.View(record, result.State, now);
            if (!result.Accepted)
            {
                return TypedResults.Problem(detail: result.Refused, statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.notDoneTitle"));
            }

            // Saved first, then told: a phone never sees a state the server could lose.
            await broadcaster.Publish(id, view);
            broadcaster.Wake();
            return TypedResults.Ok(view);
        }
    }

    private static ClockResult? Decide(string command, ClockCommand? body, ClockState state, EventTiming timing, DateTimeOffset now) =>
        command.ToLowerInvariant() switch
        {
            "start" => RoundClock.Start(state, timing, now),
            "pause" => RoundClock.Pause(state, timing, now),
            "resume" => RoundClock.Resume(state, timing, now),
            "extend" when body?.ExpectedVersion is { } seen => RoundClock.Extend(state, timing, now, TimeSpan.FromMinutes(Math.Clamp(body.Minutes ?? 1, 1, 30)), seen),
            "skip" when body?.ExpectedRound is { } expected => RoundClock.Skip(state, timing, now, expected, body.SkipChange, body.ExpectedVersion),
            "end" => RoundClock.End(state, timing, now),
            _ => null,
        };

    /// <summary>Saves the clock when it moved on since it was last saved; true when it did.</summary>
    private static async Task<bool> SaveIfChanged(AppDb db, EventRecord record, ClockState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state.Version == record.ClockVersion)
        {
            return false;
        }

        ClockStore.Write(record, state, now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
