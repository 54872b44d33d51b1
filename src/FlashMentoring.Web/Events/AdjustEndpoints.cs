using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Events;

/// <summary>A host's adjustment: <c>pin</c> (must meet), <c>forbid</c> (must not) or <c>clear</c> a mentee-mentor pair, by key.</summary>
public sealed record AdjustRequest(string? Kind, string? Mentee, string? Mentor);

/// <summary>The host adjusts the plan by hand before the event goes live; the engine re-plans around it.</summary>
public static class AdjustEndpoints
{
    public static IEndpointRouteBuilder MapAdjust(this IEndpointRouteBuilder app)
    {
        app.MapHostRoutes().WithTags("Events").MapPost("/constraints", Adjust).AsHeavyWork("Re-plan");
        return app;
    }

    internal static async Task<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>> Adjust(
        Guid id, AdjustRequest adjust, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var kind = adjust.Kind?.Trim().ToLowerInvariant();
        if (kind is not ("pin" or "forbid" or "clear"))
        {
            return TypedResults.Problem(detail: $"kind must be pin, forbid or clear; got '{adjust.Kind}'.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown adjustment");
        }

        return await publisher.OneAtATime<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            if (await plans.LoadAsync(record, cancellationToken) is not { } loaded)
            {
                return TypedResults.Problem(detail: "Upload the roster first.", statusCode: StatusCodes.Status409Conflict, title: "No plan yet");
            }

            if (PlanPublisher.RoundsHeld(record, time.GetUtcNow()).Phase != Phase.Waiting)
            {
                return TypedResults.Problem(detail: "The event is live: pins and forbids shape the plan before it starts. Use check-in and walk-ins now.", statusCode: StatusCodes.Status409Conflict, title: "The event has started");
            }

            var before = loaded.Plan;
            var mentee = before.Rotation.Mentees.FirstOrDefault(p => p.Key == adjust.Mentee);
            var mentor = before.Rotation.Mentors.FirstOrDefault(p => p.Key == adjust.Mentor);
            if (mentee is null || mentor is null)
            {
                return TypedResults.Problem(detail: $"No {(mentee is null ? $"mentee '{adjust.Mentee}'" : $"mentor '{adjust.Mentor}'")} in this plan; use the keys the plan shows.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown person");
            }

            var pair = (mentee.Key, mentor.Key);
            var pins = before.Constraints.Pins.Where(p => p != pair).ToList();
            var forbids = before.Constraints.Forbids.Where(p => p != pair).ToList();
            (kind == "pin" ? pins : kind == "forbid" ? forbids : []).Add(pair);

            // Before the start nobody has sat anywhere yet: plan again from scratch, then tell whoever's itinerary changed.
            var roles = new Core.Roster.RoleAssignment(before.Rotation.Mentors, before.Rotation.Mentees);
            var after = RotationEngine.Plan(roles, before.Settings, new PlanConstraints(pins, forbids), before.Attendance, cancellationToken);
            await publisher.SaveAndTell(db, record, Replanner.Compare(before, after, roundsHeld: 0), cancellationToken);
            return TypedResults.Ok(PlanResponse.From(after, loaded.Rejected, loaded.Warnings));
        }, cancellationToken);
    }
}
