using System.Globalization;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Kits;
using FlashMentoring.Kits.Layout;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Online;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Kits;

/// <summary>A kit to make: the model, the paper and parts, the download's file name, and what the roster import noticed.</summary>
internal sealed record KitRecipe(KitModel Model, Paper Paper, IReadOnlyList<string>? Parts, string FileName, IReadOnlyList<RosterWarning>? Warnings = null);

/// <summary>What a request for an event's kit asks for: the paper, the parts, the language.</summary>
internal readonly record struct KitQuery(string? Paper, string? Parts, string? Lang);

/// <summary>What an event's kit is made from besides the order: the request (for the links it prints), the event and its plan, the clock (a reprint is dated).</summary>
internal readonly record struct EventKitSources(HttpRequest Request, AppDb Db, PlanStore Plans, JoinLinks Links, TimeProvider Time, AppMetrics Metrics);

/// <summary>
/// The printable kit: for an event (host only: itineraries carry personal links), for a roster without an event,
/// and blank for a paper-only event. Each comes as a PDF at once, or as a job whose progress the kit page shows.
/// Every one takes <c>lang=en|es</c>: the event's language when not given, else the reader's (Accept-Language); each
/// person's own pages follow their language when they have one.
/// </summary>
public static class KitEndpoints
{
    private const string Pdf = "application/pdf";

    public static IEndpointRouteBuilder MapKits(this IEndpointRouteBuilder app)
    {
        // Making a kit is heavy work (Hosting/HeavyWork): a slot each, the request's token, 503 when all are taken.
        // A job takes its request's slot over and keeps it until its PDF is made.
        var kits = app.MapGroup("/api/kits").WithTags("Kits");
        kits.MapGet("/blank.pdf", Blank).WithSummary("A blank kit to fill in by hand").ProducesFile(Pdf).AsHeavyWork("Blank kit");
        kits.MapPost("/blank/jobs", BlankJob).WithSummary("Start a blank kit as a job").AsHeavyWork("Blank kit job");
        kits.MapPost("/", FromRoster).WithSummary("A kit from a roster CSV, without an event").AcceptsRosterCsv().ProducesFile(Pdf).DisableAntiforgery().AsHeavyWork("Kit from a roster");
        kits.MapPost("/jobs", FromRosterJob).WithSummary("Start a kit from a roster CSV as a job").AcceptsRosterCsv().DisableAntiforgery().AsHeavyWork("Kit job from a roster");
        kits.MapGet("/jobs/{jobId:guid}", JobStatus).WithSummary("A kit job's progress");
        kits.MapGet("/jobs/{jobId:guid}/{file}", JobPdf).WithSummary("Download a kit job's PDF").ProducesFile(Pdf);
        var events = app.MapHostRoutes().WithTags("Kits");
        events.MapGet("/kit.pdf", EventKit).WithSummary("The event's kit").ProducesFile(Pdf).AsHeavyWork("Event kit");
        events.MapGet("/kit/{part}.pdf", EventKitPart).WithSummary("One part of the event's kit").ProducesFile(Pdf).AsHeavyWork("Event kit");
        events.MapPost("/kit-jobs", EventKitJob).WithSummary("Start the event's kit as a job").AsHeavyWork("Event kit job");
        // An event's kit prints everyone's personal link: its job is read on the host routes, with the host key.
        events.MapGet("/kit-jobs/{jobId:guid}", EventKitJobStatus).WithSummary("An event kit job's progress");
        events.MapGet("/kit-jobs/{jobId:guid}/{file}", EventKitJobPdf).WithSummary("Download an event kit job's PDF").ProducesFile(Pdf);
        return app;
    }

    internal static Results<FileContentHttpResult, ValidationProblem> Blank(HttpRequest request, TimeProvider time, ILogger<KitJobs> log, AppMetrics metrics, CancellationToken cancellationToken) =>
        BlankKit(request, time, recipe => MakePdf(recipe, log, metrics, cancellationToken), cancellationToken);

    internal static Results<Accepted<KitJobView>, ValidationProblem> BlankJob(HttpRequest request, TimeProvider time, KitJobs jobs, CancellationToken cancellationToken) =>
        BlankKit(request, time, recipe => Job(recipe, jobs, null, request.HttpContext), cancellationToken);

    internal static Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> FromRoster(HttpRequest request, RosterPlanner planner, TimeProvider time, ILogger<KitJobs> log, AppMetrics metrics, CancellationToken cancellationToken) =>
        RosterKit(request, planner, time, recipe => MakePdf(recipe, log, metrics, cancellationToken), cancellationToken);

    internal static Task<Results<Accepted<KitJobView>, ValidationProblem, ProblemHttpResult>> FromRosterJob(HttpRequest request, RosterPlanner planner, TimeProvider time, KitJobs jobs, CancellationToken cancellationToken) =>
        RosterKit(request, planner, time, recipe => Job(recipe, jobs, null, request.HttpContext), cancellationToken);

    internal static Results<Ok<KitJobView>, NotFound> JobStatus(Guid jobId, KitJobs jobs) => Status(jobs.Find(jobId));

    internal static Results<FileContentHttpResult, ProblemHttpResult> JobPdf(Guid jobId, string file, KitJobs jobs) => Download(jobs.Find(jobId), file);

    /// <summary>The event's whole kit (or the parts asked for) as one PDF.</summary>
    internal static Task<Results<FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> EventKit(Guid id, string? paper, string? parts, string? lang, [AsParameters] EventKitSources sources, CancellationToken cancellationToken) =>
        EventKitAs(id, new(paper, parts, lang), sources, recipe => MakePdf(recipe, null, sources.Metrics, cancellationToken), cancellationToken);

    /// <summary>One part of the event's kit as a PDF.</summary>
    internal static Task<Results<FileContentHttpResult, NotFound, ValidationProblem, ProblemHttpResult>> EventKitPart(Guid id, string part, string? paper, string? lang, [AsParameters] EventKitSources sources, CancellationToken cancellationToken) =>
        EventKitAs(id, new(paper, part, lang), sources, recipe => MakePdf(recipe, null, sources.Metrics, cancellationToken), cancellationToken);

    /// <summary>The event's kit as a job: its status shows the pages made, and its PDF comes when it is done.</summary>
    internal static Task<Results<Accepted<KitJobView>, NotFound, ValidationProblem, ProblemHttpResult>> EventKitJob(Guid id, string? paper, string? parts, string? lang, KitJobs jobs, [AsParameters] EventKitSources sources, CancellationToken cancellationToken) =>
        EventKitAs(id, new(paper, parts, lang), sources, recipe => Job(recipe, jobs, id, sources.Request.HttpContext), cancellationToken);

    internal static Results<Ok<KitJobView>, NotFound> EventKitJobStatus(Guid id, Guid jobId, KitJobs jobs) => Status(jobs.FindForEvent(id, jobId));

    internal static Results<FileContentHttpResult, ProblemHttpResult> EventKitJobPdf(Guid id, Guid jobId, string file, KitJobs jobs) => Download(jobs.FindForEvent(id, jobId), file);

    private static Results<Ok<KitJobView>, NotFound> Status(KitJob? job) =>
        job is not null ? TypedResults.Ok(KitJobs.View(job)) : TypedResults.NotFound();

    private static Results<FileContentHttpResult, ProblemHttpResult> Download(KitJob? job, string file) =>
        job is { Result: { } kit } && file == job.FileName
            ? TypedResults.File(kit.Pdf, Pdf, job.FileName)
            : TypedResults.Problem(detail: "This kit is not ready or has expired (kits are kept 15 minutes); make it again.", statusCode: StatusCodes.Status404NotFound, title: "No such kit");

    // Each kit is made at once (a PDF) or as a job (its status): the recipe is checked the same way for both, and
    // `make` turns it into the answer.
    private static async Task<Results<TKit, NotFound, ValidationProblem, ProblemHttpResult>> EventKitAs<TKit>(
        Guid id, KitQuery query, EventKitSources sources, Func<KitRecipe, TKit> make, CancellationToken cancellationToken)
        where TKit : IResult
    {
        var record = await sources.Db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        // An event's kit is in the language its host chose for it, unless this request asks for another.
        var (choice, problem) = Order(query.Paper, query.Parts, query.Lang, Languages.Clean(record.Language) ?? Texts.Default);
        if (problem is not null)
        {
            return problem;
        }

        if (await sources.Plans.LoadAsync(record, cancellationToken) is not { } loaded)
        {
            return TypedResults.Problem(detail: "Upload the roster first: the kit prints the event's plan.", statusCode: StatusCodes.Status409Conflict, title: "No plan yet");
        }

        var (origin, _) = sources.Links.Origin(sources.Request);
        var people = await sources.Db.People.AsNoTracking().Where(p => p.EventId == id).Select(p => new { p.Id, p.Key, p.Token, p.Language }).ToListAsync(cancellationToken);
        var tokens = people.ToDictionary(p => p.Key, p => p.Token, StringComparer.Ordinal);
        var (reprint, invalid) = Reprint(sources.Request.Query, people.ToDictionary(p => p.Id, p => p.Key), loaded.Plan.Rotation.Mentors.Count,
            sources.Time.GetUtcNow().ToOffset(record.StartsAt.Offset));
        if (invalid is not null)
        {
            return invalid;
        }

        var language = choice!.Value.Language;
        var rounds = Enumerable.Range(1, loaded.Plan.Rotation.Rounds).ToList();
        var kitEvent = new KitEvent(record.Title, record.StartsAt, record.Rounds, record.RoundMinutes, record.TransitionMinutes, record.SeatsPerTable,
            origin + JoinLinks.JoinPath(record.JoinCode), record.JoinCode)
        {
            Mode = record.Mode,
            TimeZone = record.TimeZone,
            Prompts = [.. rounds.Select(r => OnlineRooms.PromptFor(record, r, Texts.For(language)))],
            PromptKeys = [.. rounds.Select(r => OnlineRooms.PromptKeyFor(record, r))],
        };
        var model = KitModel.FromPlan(loaded.Plan, kitEvent, key => tokens.TryGetValue(key, out var token) ? origin + PersonalLinks.PathFor(token) : null,
            roomOf: (table, online) => OnlineRooms.LinkFor(record, table, online)) with { Reprint = reprint, Language = language };
        // Each person's language as stored now: a switch on their phone after the plan was made does not change the plan
        // (nor its version, which the cached plan follows), but it does change the language their pages print in.
        var languages = people.ToDictionary(p => p.Key, p => Languages.Clean(p.Language), StringComparer.Ordinal);
        KitPerson Current(KitPerson person) => person.Key is { } key && languages.TryGetValue(key, out var now) ? person with { Language = now } : person;
        model = model with { Mentors = [.. model.Mentors.Select(Current)], Mentees = [.. model.Mentees.Select(Current)] };
        var fileName = reprint is not null ? $"reprint-{reprint.At.ToString("HHmm", CultureInfo.InvariantCulture)}.pdf" : choice!.Value.Parts is [var one] ? $"{one}.pdf" : "kit.pdf";
        return make(new KitRecipe(model, choice!.Value.Paper, choice.Value.Parts, fileName));
    }

    private static Results<TKit, ValidationProblem> BlankKit<TKit>(HttpRequest request, TimeProvider time, Func<KitRecipe, TKit> make, CancellationToken cancellationToken)
        where TKit : IResult
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
        var (order, problem) = Order(q["paper"], q["parts"], q["lang"], Languages.Of(request).Code);
        if (problem is not null || errors.Count > 0)
        {
            foreach (var (k, v) in problem?.ProblemDetails.Errors ?? new Dictionary<string, string[]>())
            {
                errors[k] = v;
            }

            return TypedResults.ValidationProblem(errors, title: "Some kit settings are out of range");
        }

        var language = order!.Value.Language;
        var model = KitModel.BlankKit(new KitEvent(Title(q, language), startsAt, rounds, roundMinutes, transition, seats), tables, cancellationToken) with { Language = language };
        return make(new KitRecipe(model, order.Value.Paper, order.Value.Parts, "blank-kit.pdf"));
    }

    private static async Task<Results<TKit, ValidationProblem, ProblemHttpResult>> RosterKit<TKit>(
        HttpRequest request, RosterPlanner planner, TimeProvider time, Func<KitRecipe, TKit> make, CancellationToken cancellationToken)
        where TKit : IResult
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
        var (order, problem) = Order(q["paper"], q["parts"], q["lang"], Languages.Of(request).Code);
        foreach (var (k, v) in (invalid?.ProblemDetails.Errors ?? new Dictionary<string, string[]>()).Concat(problem?.ProblemDetails.Errors ?? new Dictionary<string, string[]>()))
        {
            errors[k] = v;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Some kit settings are out of range");
        }

        var attempt = await planner.PlanFromBodyAsync(request, settings!, null, PlanLimits.WithoutEvent, cancellationToken);
        if (attempt.Problem is not null)
        {
            return attempt.Problem;
        }

        // The lines left out go on the kit's first page as well as on the screen: the paper is what the host takes along.
        // Each person's roster language (its language column) words their own pages.
        var language = order!.Value.Language;
        var model = KitModel.FromPlan(attempt.Plan!, new KitEvent(Title(q, language), startsAt, rounds, roundMinutes, transition, seats)) with { LeftOut = attempt.Roster!.Rejected, Language = language };
        return make(new KitRecipe(model, order.Value.Paper, order.Value.Parts, "kit.pdf", attempt.Roster.Warnings));
    }

    private static FileContentHttpResult MakePdf(KitRecipe recipe, ILogger? log, AppMetrics metrics, CancellationToken cancellationToken)
    {
        var kit = KitBuilder.Build(recipe.Model, recipe.Paper, recipe.Parts, cancellationToken: cancellationToken);
        metrics.KitMade(kit.Pages);
        if (log is not null)
        {
            KitJobs.LogOverflows(log, kit);
        }

        return TypedResults.File(kit.Pdf, Pdf, recipe.FileName);
    }

    private static Accepted<KitJobView> Job(KitRecipe recipe, KitJobs jobs, Guid? eventId, HttpContext http)
    {
        var job = jobs.Start(recipe.FileName, KitBuilder.EstimatePages(recipe.Model, recipe.Parts), eventId, HeavyWork.SlotOf(http).TakeOver(),
            (progress, page, stop) => KitBuilder.Build(recipe.Model, recipe.Paper, recipe.Parts, progress, page, stop),
            new KitNotes(recipe.Model.LeftOut, recipe.Warnings ?? []));
        return TypedResults.Accepted(job.StatusPath, KitJobs.View(job));
    }

    // The paper, the parts and the language asked for; the language is `fallback` when not asked for.
    private static ((Paper Paper, IReadOnlyList<string>? Parts, string Language)? Order, ValidationProblem? Problem) Order(string? paper, string? parts, string? lang, string fallback)
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
            errors["parts"] = [$"Not a part of the kit: {string.Join(", ", unknown)}. Choose from {string.Join(", ", KitBuilder.AllParts)}."];
        }

        var language = string.IsNullOrWhiteSpace(lang) ? fallback : Languages.Clean(lang);
        if (language is null)
        {
            errors["lang"] = [$"lang must be one of {string.Join(", ", Texts.Languages.Select(l => l.Code))} (the kit's language); got '{lang}'."];
        }

        return errors.Count > 0 ? (null, TypedResults.ValidationProblem(errors, title: "Which kit?")) : ((size!.Value, list, language!), null);
    }

    /// <summary>
    /// A reprint after a change, when the request names people (their check-in numbers) or tables: null for the whole
    /// kit. Every number must be the event's; the problem names those that are not, so a stale list is noticed.
    /// </summary>
    private static (KitReprint? Reprint, ValidationProblem? Problem) Reprint(IQueryCollection q, Dictionary<long, string> keyOf, int tableCount, DateTimeOffset now)
    {
        if (!q.ContainsKey("people") && !q.ContainsKey("tables"))
        {
            return (null, null);
        }

        var errors = new Dictionary<string, string[]>();
        var people = Numbers(q, "people", keyOf.Count, "person numbers as the check-in list shows them", errors);
        var unknownPeople = people.Where(p => !keyOf.ContainsKey(p)).ToList();
        if (unknownPeople.Count > 0)
        {
            errors["people"] = [$"This event has nobody with the number {Listed(unknownPeople)}. Reload the check-in list and try again."];
        }

        var tables = Numbers(q, "tables", tableCount, "table numbers", errors);
        var unknownTables = tables.Where(t => t < 1 || t > tableCount).ToList();
        if (unknownTables.Count > 0)
        {
            errors["tables"] = [$"This event has tables 1 to {tableCount}; there is no table {Listed(unknownTables)}."];
        }

        if (errors.Count == 0 && people.Count == 0 && tables.Count == 0)
        {
            errors["people"] = ["Nothing to reprint: list at least one person or table, or leave both out for the whole kit."];
        }

        return errors.Count > 0
            ? (null, TypedResults.ValidationProblem(errors, title: "Which pages to reprint?"))
            : (new KitReprint(now, people.Select(p => keyOf[p]).ToHashSet(StringComparer.Ordinal), tables.Select(t => (int)t).ToHashSet()), null);
    }

    // A comma-separated list of whole numbers, at most as many as there are things to name (the rest would repeat).
    private static HashSet<long> Numbers(IQueryCollection q, string name, int most, string what, Dictionary<string, string[]> errors)
    {
        var entries = q[name].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length > Math.Max(most, 1))
        {
            errors[name] = [$"{name} lists {entries.Length:N0} numbers; this event has only {most:N0}. Print the whole kit instead."];
            return [];
        }

        var bad = entries.Where(e => !long.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)).ToList();
        if (bad.Count > 0)
        {
            errors[name] = [$"{name} must be {what}, separated by commas; '{bad[0]}' is not one."];
            return [];
        }

        return entries.Select(e => long.Parse(e, CultureInfo.InvariantCulture)).ToHashSet();
    }

    private static string Listed(List<long> numbers) =>
        string.Join(", ", numbers.Order().Take(20).Select(n => n.ToString(CultureInfo.InvariantCulture))) + (numbers.Count > 20 ? $" or {numbers.Count - 20} more" : "");

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

    private static string Title(IQueryCollection q, string language) =>
        q["title"].FirstOrDefault() is { Length: > 0 and <= EventRecord.MaxTitle } t ? t.Trim() : Texts.For(language).T("kit.defaultTitle");
}
