using System.Diagnostics;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashMentoring.Web.Plans;

/// <summary>A plan made from an uploaded roster, or the problem that stopped it.</summary>
/// <param name="Plan">The plan, when there was one to make.</param>
/// <param name="Roster">The import: people, rejected lines and warnings.</param>
/// <param name="Roles">Who hosts and who moves.</param>
/// <param name="Problem">Why there is no plan (not CSV, too large, nobody to plan).</param>
public sealed record PlanAttempt(PlanResult? Plan, RosterImport? Roster, RoleAssignment? Roles, ProblemHttpResult? Problem);

/// <summary>Planning from an upload: the stateless planner, an event's roster and the kit from a roster all start here.</summary>
public sealed class RosterPlanner(AppMetrics metrics)
{
    /// <summary>
    /// Reads the roster CSV from the body and plans it; the problem says why not (too big, not CSV, nobody to plan).
    /// The plan stops part-way (throwing) when <paramref name="cancellationToken"/> is cancelled. <paramref name="adapt"/>
    /// turns each line's person into the one planned (online as the event's mode says, see <see cref="People.InMode"/>).
    /// </summary>
    public async Task<PlanAttempt> PlanFromBodyAsync(HttpRequest request, PlanSettings settings, PlanConstraints? constraints, PlanLimits limits, CancellationToken cancellationToken, Func<Person, Person>? adapt = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (roster, problem) = await RosterUpload.ReadAsync(request, limits, cancellationToken);
        if (problem is not null)
        {
            return new PlanAttempt(null, null, null, problem);
        }

        var people = adapt is null ? roster!.People : roster!.People.Select(adapt).ToList();
        var roles = RoleAssignment.From(people, settings.SeatsPerTable);
        if (roles.Mentors.Count == 0 || roles.Mentees.Count == 0)
        {
            var texts = Languages.Of(request);
            return new PlanAttempt(null, roster, roles, TypedResults.Problem(
                detail: texts.T("plan.problem.nobodyDetail", ("mentors", texts.Plural("plan.problem.mentors", roles.Mentors.Count)),
                    ("mentees", texts.Plural("plan.problem.mentees", roles.Mentees.Count)), ("rejected", texts.Plural("plan.problem.rejectedLines", roster.Rejected.Count))),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: texts.T(roles.Mentors.Count == 0 ? "plan.problem.noMentor" : "plan.problem.noMentee"),
                extensions: new Dictionary<string, object?> { ["rejected"] = roster.Rejected, ["warnings"] = roster.Warnings }));
        }

        var started = Stopwatch.GetTimestamp();
        var plan = RotationEngine.Plan(roles, settings, constraints, cancellationToken);
        metrics.PlanMade(started);
        return new PlanAttempt(plan, roster, roles, null);
    }
}
