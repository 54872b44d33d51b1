using FlashMentoring.Core.Live;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>Optional details of a clock command.</summary>
/// <param name="ExpectedRound">For skip: the round the host saw, so a second host's click does not skip twice.</param>
/// <param name="Minutes">For extend: how many minutes to add (default 1).</param>
public sealed record ClockCommand(int? ExpectedRound = null, int? Minutes = null);

/// <summary>The host's clock controls and everyone's clock reading. Every change is saved before it is answered.</summary>
public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapClock(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events/{id:guid}/clock").WithTags("Clock");
        group.MapGet("/", Read);
        group.MapPost("/{command}", Command);
        return app;
    }

    /// <summary>The clock now; a transition whose time has come is saved on the way.</summary>
    internal static async Task<Results<Ok<ClockView>, NotFound>> Read(Guid id, AppDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var state = RoundClock.At(ClockStore.Read(record), ClockStore.Timing(record), now);
        await SaveIfChanged(db, record, state, cancellationToken);
        return TypedResults.Ok(ClockStore.View(record, state, now));
    }

    internal static async Task<Results<Ok<ClockView>, NotFound, ProblemHttpResult>> Command(
        Guid id, string command, HttpRequest request, AppDb db, TimeProvider time, ClockBroadcaster broadcaster, CancellationToken cancellationToken, ClockCommand? body = null)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (!EventEndpoints.IsHost(request, record))
        {
            return EventEndpoints.NotHost();
        }

        var now = time.GetUtcNow();
        var timing = ClockStore.Timing(record);
        var state = ClockStore.Read(record);
        ClockResult result;
        switch (command.ToLowerInvariant())
        {
            case "start":
                result = RoundClock.Start(state, timing, now);
                break;
            case "pause":
                result = RoundClock.Pause(state, timing, now);
                break;
            case "resume":
                result = RoundClock.Resume(state, timing, now);
                break;
            case "extend":
                result = RoundClock.Extend(state, timing, now, TimeSpan.FromMinutes(Math.Clamp(body?.Minutes ?? 1, 1, 30)));
                break;
            case "skip" when body?.ExpectedRound is { } expected:
                result = RoundClock.Skip(state, timing, now, expected);
                break;
            case "skip":
                return TypedResults.Problem(detail: "Send {\"expectedRound\": N} with the round you see, so two hosts cannot skip twice.", statusCode: StatusCodes.Status400BadRequest, title: "Which round to skip?");
            case "end":
                result = RoundClock.End(state, timing, now);
                break;
            default:
                return TypedResults.Problem(detail: $"Unknown command \"{command}\". Use start, pause, resume, extend, skip or end.", statusCode: StatusCodes.Status404NotFound, title: "No such clock command");
        }

        try
        {
            await SaveIfChanged(db, record, result.State, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another host's command was saved between our read and our write: theirs stands.
            return TypedResults.Problem(detail: "Another host changed the clock at the same moment; look again and retry if needed.", statusCode: StatusCodes.Status409Conflict, title: "Already changed");
        }

        var view = ClockStore.View(record, result.State, now);
        if (!result.Accepted)
        {
            return TypedResults.Problem(detail: result.Refused, statusCode: StatusCodes.Status409Conflict, title: "Not done");
        }

        // Saved first, then told: a phone never sees a state the server could lose.
        await broadcaster.Publish(id, view);
        broadcaster.Wake();
        return TypedResults.Ok(view);
    }

    private static async Task SaveIfChanged(AppDb db, EventRecord record, ClockState state, CancellationToken cancellationToken)
    {
        if (state.Version != record.ClockVersion)
        {
            ClockStore.Write(record, state);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
