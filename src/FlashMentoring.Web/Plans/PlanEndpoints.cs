using FlashMentoring.Web.Hosting;
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
             .AcceptsRosterCsv()
             .DisableAntiforgery()
             .AsHeavyWork("Plan");
        return app;
    }

    internal static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> CreatePlan(
        HttpRequest request,
        RosterPlanner planner,
        CancellationToken cancellationToken,
        int rounds = 6,
        int seatsPerTable = 4,
        string format = "open",
        int seed = 1)
    {
        var texts = Languages.Of(request);
        var (settings, invalid) = RosterUpload.Settings(rounds, seatsPerTable, format, seed, PlanLimits.WithoutEvent, texts);
        if (invalid is not null)
        {
            return invalid;
        }

        var attempt = await planner.PlanFromBodyAsync(request, settings!, null, PlanLimits.WithoutEvent, cancellationToken);
        return attempt.Problem is not null ? attempt.Problem : TypedResults.Ok(PlanResponse.From(attempt.Plan!, attempt.Roster!, texts));
    }
}
