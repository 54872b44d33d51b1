using System.Globalization;
using FlashMentoring.Core.Planning;
using FlashMentoring.Kits;
using FlashMentoring.Kits.Layout;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Kits;

/// <summary>A kit to make: the model, the paper and parts, and the download's file name.</summary>
internal sealed record KitRecipe(KitModel Model, Paper Paper, IReadOnlyList<string>? Parts, string FileName);

/// <summary>What an event's kit is made from besides the order: the request (for the links it prints), the event and its plan.</summary>
internal readonly record struct EventKitSources(HttpRequest Request, AppDb Db, PlanStore Plans, JoinLinks Links);

/// <summary>
/// The printable kit: for an event (host only: itineraries carry personal links), for a roster without an event,
/// and blank for a paper-only event. Each comes as a PDF at once, or as a job whose progress the kit page shows.
/// </summary>
public static class KitEndpoints
{
    public static IEndpointRouteBuilder MapKits(this IEndpointRouteBuilder app)
    {
        // Making a kit is heavy work (Hosting/HeavyWork): a slot each, the request's token, 503 when all are taken.
        // A job takes its request's slot over and keeps it until its PDF is made.
        var kits = app.MapGroup("/api/kits").WithTags("Kits");
        kits.MapGet("/blank.pdf", Blank).AsHeavyWork("Blank kit");
        kits.MapPost("/blank/jobs", BlankJob).AsHeavyWork("Blank kit job");
        kits.MapPost("/", FromRoster).DisableAntiforgery().AsHeavyWork("Kit from a roster");
        kits.MapPost("/jobs", FromRosterJob).DisableAntiforgery().AsHeavyWork("Kit job from a roster");
        kits.MapGet("/jobs/{jobId:guid}", JobStatus);
        kits.MapGet("/jobs/{jobId:guid}/{file}", JobPdf);
        var events = app.MapHostRoutes().WithTags("Kits");
        events.MapGet("/kit.pdf", (Guid id, string? paper, string? parts, [AsParameters] EventKitSources sources, CancellationToken ct) =>
            ForEvent(id, paper, parts, null, sources, ct)).AsHeavyWork("Event kit");
        events.MapGet("/kit/{part}.pdf", (Guid id, string part, string? paper, [AsParameters] EventKitSources sources, CancellationToken ct) =>
            ForEvent(id, paper, part, null, sources, ct)).AsHeavyWork("Event kit");
        events.MapPost("/kit-jobs", (Guid id, string? paper, string? parts, KitJobs jobs, [AsParameters] EventKitSources sources, CancellationToken ct) =>
            ForEvent(id, paper, parts, jobs, sources, ct)).AsHeavyWork("Event kit job");
        // An event's kit prints everyone's personal link: its job is read on the host routes, with the host key.
        events.MapGet("/kit-jobs/{jobId:guid}", (Guid id, Guid jobId, KitJobs jobs) => Status(jobs.FindForEvent(id, jobId)));
        events.MapGet("/kit-jobs/{jobId:guid}/{file}", (Guid id, Guid jobId, string file, KitJobs jobs) => Download(jobs.FindForEvent(id, jobId), file));
        return app;
    }

    internal static IResult Blank(HttpRequest request, TimeProvider time, ILogger<KitJobs> log, CancellationToken cancellationToken) =>
        BlankRecipe(request, time, cancellationToken) is var (recipe, problem) && recipe is not null ? Pdf(recipe, log, cancellationToken) : problem!;

    internal static IResult BlankJob(HttpRequest request, TimeProvider time, KitJobs jobs, CancellationToken cancellationToken) =>
        BlankRecipe(request, time, cancellationToken) is var (recipe, problem) && recipe is not null ? Job(recipe, jobs, null, request.HttpContext) : problem!;

    internal static async Task<IResult> FromRoster(HttpRequest request, RosterPlanner planner, TimeProvider time, ILogger<KitJobs> log, CancellationToken cancellationToken) =>
        await RosterRecipe(request, planner, time, cancellationToken) is var (recipe, problem) && recipe is not null ? Pdf(recipe, log, cancellationToken) : problem!;

    internal static async Task<IResult> FromRosterJob(HttpRequest request, RosterPlanner planner, TimeProvider time, KitJobs jobs, CancellationToken cancellationToken) =>
        await RosterRecipe(request, planner, time, cancellationToken) is var (recipe, problem) && recipe is not null ? Job(recipe, jobs, null, request.HttpContext) : problem!;

    internal static Results<Ok<KitJobView>, NotFound> JobStatus(Guid jobId, KitJobs jobs) => Status(jobs.Find(jobId));

    internal static IResult JobPdf(Guid jobId, string file, KitJobs jobs) => Download(jobs.Find(jobId), file);

    private static Results<Ok<KitJobView>, NotFound> Status(KitJob? job) =>
        job is not null ? TypedResults.Ok(KitJobs.View(job)) : TypedResults.NotFound();

    private static IResult Download(KitJob? job, string file) =>
        job is { Result: { } kit } && file == job.FileName
            ? TypedResults.File(kit.Pdf, "application/pdf", job.FileName)
            : TypedResults.Problem(detail: "This kit is not ready or has expired (kits are kept 15 minutes); make it again.", statusCode: StatusCodes.Status404NotFound, title: "No such kit");

    private static async Task<IResult> ForEvent(Guid id, string? paper, string? parts, KitJobs? jobs, EventKitSources sources, CancellationToken cancellationToken)
    {
        var record = await sources.Db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var (choice, problem) = Order(paper, parts);
        if (problem is not null)
        {
            return problem;
        }

        if (await sources.Plans.LoadAsync(record, cancellationToken) is not { } loaded)
        {
            return TypedResults.Problem(detail: "Upload the roster first: the kit prints the event's plan.", statusCode: StatusCodes.Status409Conflict, title: "No plan yet");
        }

        var (origin, _) = sources.Links.Origin(sources.Request);
        var tokens = await sources.Db.People.AsNoTracking().Where(p => p.EventId == id).ToDictionaryAsync(p => p.Key, p => p.Token, cancellationToken);
        var kitEvent = new KitEvent(record.Title, record.StartsAt, record.Rounds, record.RoundMinutes, record.TransitionMinutes, record.SeatsPerTable,
            origin + JoinLinks.JoinPath(record.JoinCode), record.JoinCode);
        var model = KitModel.FromPlan(loaded.Plan, kitEvent, key => tokens.TryGetValue(key, out var token) ? origin + PersonalLinks.PathFor(token) : null);
        var recipe = new KitRecipe(model, choice!.Value.Paper, choice.Value.Parts, choice.Value.Parts is [var one] ? $"{one}.pdf" : "kit.pdf");
        return jobs is null ? Pdf(recipe, null, cancellationToken) : Job(recipe, jobs, id, sources.Request.HttpContext);
    }

    private static (KitRecipe? Recipe, IResult? Problem) BlankRecipe(HttpRequest request, TimeProvider time, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        var limits = PlanLimits.WithoutEvent;
        var tables = Number(q, "tables", 25, 1, EventLimits.MaxTables, errors, limits.Advice);
        var rounds = Number(q, "rounds", 6, 1, limits.MaxRounds, errors, limits.Advice);
        var seats = Number(q, "seatsPerTable", 4, 1, limits.MaxSeatsPerTable, errors, limits.Advice);
        if (!errors.ContainsKey("tables") && !errors.ContainsKey("seatsPerTable") && tables * (seats + 1) > limits.MaxPeople)
        {
            errors["tables"] = [$"A blank kit is for at most {limits.MaxPeople:N0} people; {tables} tables of {seats} mentees and a mentor make {tables * (seats + 1):N0}. " +
                                $"Use fewer tables or mentees a table, or create an event with its roster and print the event's kit."];
        }

        var roundMinutes = Number(q, "roundMinutes", 15, 1, EventLimits.MaxRoundMinutes, errors);
        var transition = Number(q, "transitionMinutes", 2, 0, EventLimits.MaxTransitionMinutes, errors);
        var startsAt = Start(q, time, errors);
        var title = Title(q);
        var (order, problem) = Order(q["paper"], q["parts"]);
        if (problem is not null || errors.Count > 0)
        {
            foreach (var (k, v) in (problem as ValidationProblem)?.ProblemDetails.Errors ?? new Dictionary<string, string[]>())
            {
                errors[k] = v;
            }

            return (null, TypedResults.ValidationProblem(errors, title: "Some kit settings are out of range"));
        }

        var model = KitModel.BlankKit(new KitEvent(title, startsAt, rounds, roundMinutes, transition, seats), tables, cancellationToken);
        return (new KitRecipe(model, order!.Value.Paper, order.Value.Parts, "blank-kit.pdf"), null);
    }

    private static async Task<(KitRecipe? Recipe, IResult? Problem)> RosterRecipe(HttpRequest request, RosterPlanner planner, TimeProvider time, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        var rounds = Number(q, "rounds", 6, 1, PlanLimits.WithoutEvent.MaxRounds, errors);
        var seats = Number(q, "seatsPerTable", 4, 1, PlanLimits.WithoutEvent.MaxSeatsPerTable, errors);
        var roundMinutes = Number(q, "roundMinutes", 15, 1, EventLimits.MaxRoundMinutes, errors);
        var transition = Number(q, "transitionMinutes", 2, 0, EventLimits.MaxTransitionMinutes, errors);
        var seed = Number(q, "seed", 1, int.MinValue, int.MaxValue, errors);
        var startsAt = Start(q, time, errors);
        var (settings, invalid) = RosterUpload.Settings(rounds, seats, q["format"], seed, PlanLimits.WithoutEvent);
        var (order, problem) = Order(q["paper"], q["parts"]);
        foreach (var (k, v) in (invalid?.ProblemDetails.Errors ?? new Dictionary<string, string[]>()).Concat((problem as ValidationProblem)?.ProblemDetails.Errors ?? new Dictionary<string, string[]>()))
        {
            errors[k] = v;
        }

        if (errors.Count > 0)
        {
            return (null, TypedResults.ValidationProblem(errors, title: "Some kit settings are out of range"));
        }

        var attempt = await planner.PlanFromBodyAsync(request, settings!, null, PlanLimits.WithoutEvent, cancellationToken);
        if (attempt.Problem is not null)
        {
            return (null, attempt.Problem);
        }

        var model = KitModel.FromPlan(attempt.Plan!, new KitEvent(Title(q), startsAt, rounds, roundMinutes, transition, seats));
        return (new KitRecipe(model, order!.Value.Paper, order.Value.Parts, "kit.pdf"), null);
    }

    private static IResult Pdf(KitRecipe recipe, ILogger? log, CancellationToken cancellationToken)
    {
        var kit = KitBuilder.Build(recipe.Model, recipe.Paper, recipe.Parts, cancellationToken: cancellationToken);
        if (log is not null)
        {
            KitJobs.LogOverflows(log, kit);
        }

        return TypedResults.File(kit.Pdf, "application/pdf", recipe.FileName);
    }

    private static IResult Job(KitRecipe recipe, KitJobs jobs, Guid? eventId, HttpContext http)
    {
        var job = jobs.Start(recipe.FileName, KitBuilder.EstimatePages(recipe.Model, recipe.Parts), eventId, HeavyWorkEndpoints.Slot(http).TakeOver(),
            (progress, page, stop) => KitBuilder.Build(recipe.Model, recipe.Paper, recipe.Parts, progress, page, stop));
        return TypedResults.Accepted(job.StatusPath, KitJobs.View(job));
    }

    private static ((Paper Paper, IReadOnlyList<string>? Parts)? Order, IResult? Problem) Order(string? paper, string? parts)
    {
        var errors = new Dictionary<string, string[]>();
        Paper? size = (paper ?? "letter").Trim().ToLowerInvariant() switch
        {
            "letter" => Paper.Letter,
            "a4" => Paper.A4,
            _ => null,
        };
        if (size is null)
        {
            errors["paper"] = [$"paper must be letter or a4; got '{paper}'."];
        }

        var list = string.IsNullOrWhiteSpace(parts) ? null : parts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant()).ToList();
        var unknown = list is null ? [] : KitBuilder.Unknown(list);
        if (unknown.Count > 0)
        {
            errors["parts"] = [$"Unknown part(s): {string.Join(", ", unknown)}. Choose from {string.Join(", ", KitBuilder.AllParts)}."];
        }

        return errors.Count > 0 ? (null, TypedResults.ValidationProblem(errors, title: "Which kit?")) : ((size!.Value, list), null);
    }

    private static int Number(IQueryCollection q, string name, int fallback, int min, int max, Dictionary<string, string[]> errors, string advice = "")
    {
        var text = q[name].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"{name} must be a whole number from {min} to {max}; got '{text}'.{(value > max ? advice : "")}"];
        return fallback;
    }

    // The start as the host's wall clock: the kit prints times as they read in the room.
    private static DateTimeOffset Start(IQueryCollection q, TimeProvider time, Dictionary<string, string[]> errors)
    {
        var date = DateOnly.FromDateTime(time.GetUtcNow().Date);
        if (q["date"].FirstOrDefault() is { Length: > 0 } d && !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors["date"] = [$"date must look like 2026-12-01; got '{d}'."];
        }
        else if (EventLimits.StartDateProblem(date) is { } badDate)
        {
            errors["date"] = [badDate];
        }

        var start = new TimeOnly(9, 0);
        if (q["start"].FirstOrDefault() is { Length: > 0 } s && !TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            errors["start"] = [$"start must look like 09:00 (24-hour); got '{s}'."];
        }

        return new DateTimeOffset(date.ToDateTime(start), TimeSpan.Zero);
    }

    private static string Title(IQueryCollection q) =>
        q["title"].FirstOrDefault() is { Length: > 0 and <= EventRecord.MaxTitle } t ? t.Trim() : "Flash mentoring";
}
