using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashMentoring.Web.Plans;

/// <summary>The stateless planner: a roster CSV in, a rotation with its quality figures out.</summary>
public static class PlanEndpoints
{
    /// <summary>Maps <c>POST /api/plans</c>.</summary>
    public static IEndpointRouteBuilder MapPlans(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans");
        // No Accepts<T>("text/csv") here: it would turn other content types away with a bare 415,
        // where the handler says what to send instead.
        group.MapPost("/", CreatePlan)
             .WithSummary("Plans a rotation from a roster CSV")
             .DisableAntiforgery();
        return app;
    }

    internal static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> CreatePlan(
        HttpRequest request,
        CancellationToken cancellationToken,
        int rounds = 6,
        int seatsPerTable = 4,
        string format = "open",
        int seed = 1)
    {
        var (settings, invalid) = RosterUpload.Settings(rounds, seatsPerTable, format, seed);
        if (invalid is not null)
        {
            return invalid;
        }

        var attempt = await PlanFromBodyAsync(request, settings!, cancellationToken);
        return attempt.Problem is not null ? attempt.Problem : TypedResults.Ok(PlanResponse.From(attempt.Plan!, attempt.Roster!));
    }

    /// <summary>Reads the roster CSV from the body and plans it; the problem says why not (too big, not CSV, nobody to plan).</summary>
    internal static async Task<PlanAttempt> PlanFromBodyAsync(HttpRequest request, PlanSettings settings, CancellationToken cancellationToken, PlanConstraints? constraints = null)
    {
        var (roster, text, problem) = await RosterUpload.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return new PlanAttempt(null, null, null, problem);
        }

        var roles = RoleAssignment.From(roster!.People, settings.SeatsPerTable);
        if (roles.Mentors.Count == 0 || roles.Mentees.Count == 0)
        {
            var missing = roles.Mentors.Count == 0 ? "no mentor" : "no mentee";
            return new PlanAttempt(null, roster, text, TypedResults.Problem(
                detail: $"After import the roster has {missing} ({roles.Mentors.Count} mentor(s), {roles.Mentees.Count} mentee(s), {roster.Rejected.Count} rejected line(s)). Fix the rejected lines or add people.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: $"Nothing to plan: {missing} left",
                extensions: new Dictionary<string, object?> { ["rejected"] = roster.Rejected, ["warnings"] = roster.Warnings }));
        }

        return new PlanAttempt(RotationEngine.Plan(roles, settings, constraints), roster, text, null);
    }
}

/// <summary>A plan made from a request body, or the problem that stopped it.</summary>
internal sealed record PlanAttempt(PlanResult? Plan, RosterImport? Roster, string? Text, ProblemHttpResult? Problem);
