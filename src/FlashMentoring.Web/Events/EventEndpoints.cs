using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Events;

/// <summary>What the host fills in to create an event.</summary>
public sealed record CreateEventRequest(
    string? Title,
    DateTimeOffset? StartsAt,
    int Rounds = 6,
    int RoundMinutes = 15,
    int TransitionMinutes = 2,
    int SeatsPerTable = 4,
    string Format = "open",
    bool BoardFirstNamesOnly = false);

/// <summary>The answer to creating an event: the host key is shown this once.</summary>
public sealed record CreatedEvent(Guid Id, string HostKey, string HostLink, string JoinCode);

/// <summary>An event as anyone may see it.</summary>
public sealed record EventView(Guid Id, string Title, DateTimeOffset StartsAt, int Rounds, int RoundMinutes, int TransitionMinutes, int SeatsPerTable, string Format, string JoinCode, bool HasPlan);

/// <summary>Creating events and reading them back; host-only reads need the key from the host link.</summary>
public static class EventEndpoints
{
    /// <summary>The header (or <c>key</c> query parameter) that carries the host key.</summary>
    public const string HostKeyHeader = "X-Host-Key";

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("Events");
        group.MapPost("/", Create);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/{id:guid}/host", GetForHost);
        group.MapPut("/{id:guid}/roster", PutRoster);
        group.MapGet("/{id:guid}/plan", GetPlan);
        return app;
    }

    internal static async Task<Results<Created<CreatedEvent>, ValidationProblem>> Create(CreateEventRequest request, AppDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > EventRecord.MaxTitle)
        {
            errors["title"] = [$"Give the event a title of 1 to {EventRecord.MaxTitle} characters."];
        }

        if (request.StartsAt is null)
        {
            errors["startsAt"] = ["Give the date and start time, e.g. 2026-12-01T09:00:00-05:00."];
        }

        if (request.RoundMinutes is < 1 or > 120)
        {
            errors["roundMinutes"] = [$"roundMinutes must be between 1 and 120; got {request.RoundMinutes}."];
        }

        if (request.TransitionMinutes is < 0 or > 30)
        {
            errors["transitionMinutes"] = [$"transitionMinutes must be between 0 and 30; got {request.TransitionMinutes}."];
        }

        var (settings, invalid) = RosterUpload.Settings(request.Rounds, request.SeatsPerTable, request.Format, seed: 1);
        foreach (var (field, messages) in invalid?.ProblemDetails.Errors ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }

        if (errors.Count > 0 || settings is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Some event settings are missing or out of range");
        }

        var (key, hash) = HostKeys.NewKey();
        var record = new EventRecord
        {
            Id = Guid.NewGuid(),
            Title = title,
            StartsAt = request.StartsAt!.Value,
            Rounds = settings.Rounds,
            RoundMinutes = request.RoundMinutes,
            TransitionMinutes = request.TransitionMinutes,
            SeatsPerTable = settings.SeatsPerTable,
            Format = request.Format.Trim().ToLowerInvariant(),
            BoardFirstNamesOnly = request.BoardFirstNamesOnly,
            Seed = 1,
            HostKeyHash = hash,
            JoinCode = await UniqueJoinCode(db, cancellationToken),
            CreatedAt = time.GetUtcNow(),
        };
        db.Events.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        // The key travels in the fragment: browsers never send it to servers or in a Referer header.
        var created = new CreatedEvent(record.Id, key, $"/host/{record.Id}#key={key}", record.JoinCode);
        return TypedResults.Created($"/api/events/{record.Id}", created);
    }

    internal static async Task<Results<Ok<EventView>, NotFound>> Get(Guid id, AppDb db, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return record is null ? TypedResults.NotFound() : TypedResults.Ok(View(record));
    }

    internal static async Task<Results<Ok<EventView>, NotFound, ProblemHttpResult>> GetForHost(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        return IsHost(request, record) ? TypedResults.Ok(View(record)) : NotHost();
    }

    /// <summary>Uploads (or replaces) the roster and plans the event; rejected lines come back with the plan.</summary>
    internal static async Task<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>> PutRoster(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (!IsHost(request, record))
        {
            return NotHost();
        }

        if (record.ClockPhase != nameof(Core.Live.Phase.Waiting))
        {
            return TypedResults.Problem(detail: "The event is live; use late arrival, walk-in and drop-out instead of a new roster.", statusCode: StatusCodes.Status409Conflict, title: "The event has started");
        }

        var attempt = await PlanEndpoints.PlanFromBodyAsync(request, EventPlans.Settings(record), cancellationToken, EventPlans.Constraints(record));
        if (attempt.Problem is not null)
        {
            return attempt.Problem;
        }

        EventPlans.Save(record, attempt.Text!, attempt.Plan!);
        record.WalkInsCsv = null;
        await KeepPeopleInStep(db, id, attempt.Plan!, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PlanResponse.From(attempt.Plan!, attempt.Roster!));
    }

    /// <summary>The event's current plan, for the host.</summary>
    internal static async Task<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>> GetPlan(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (!IsHost(request, record))
        {
            return NotHost();
        }

        var loaded = EventPlans.Load(record);
        return loaded is { } p
            ? TypedResults.Ok(PlanResponse.From(p.Plan, p.Roster))
            : TypedResults.Problem(detail: "Upload the roster first (PUT /api/events/{id}/roster).", statusCode: StatusCodes.Status404NotFound, title: "No plan yet");
    }

    /// <summary>People still on the new roster keep their personal links (a printed QR stays valid); the rest go.</summary>
    private static async Task KeepPeopleInStep(AppDb db, Guid id, Core.Planning.PlanResult plan, CancellationToken cancellationToken)
    {
        var existing = await db.People.Where(p => p.EventId == id).ToDictionaryAsync(p => p.Key, cancellationToken);
        foreach (var fresh in Live.Itineraries.NewPeople(id, plan))
        {
            if (existing.Remove(fresh.Key, out var kept))
            {
                kept.Name = fresh.Name;
                kept.Role = fresh.Role;
            }
            else
            {
                db.People.Add(fresh);
            }
        }

        db.People.RemoveRange(existing.Values);
    }

    internal static bool IsHost(HttpRequest request, EventRecord record)
    {
        var key = request.Headers[HostKeyHeader].FirstOrDefault() ?? request.Query["key"].FirstOrDefault();
        if (HostKeys.Matches(key, record.HostKeyHash))
        {
            return true;
        }

        // A participant (or anyone) trying a host command: refused, and written down.
        request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("FlashMentoring.Access")
            .LogWarning("Refused {Method} {Path} without the host key, from {Client}", request.Method, request.Path, request.HttpContext.Connection.RemoteIpAddress);
        return false;
    }

    internal static ProblemHttpResult NotHost() =>
        TypedResults.Problem(detail: "Open the event from its host link; only it controls the event.", statusCode: StatusCodes.Status403Forbidden, title: "This needs the host link");

    private static EventView View(EventRecord e) =>
        new(e.Id, e.Title, e.StartsAt, e.Rounds, e.RoundMinutes, e.TransitionMinutes, e.SeatsPerTable, e.Format, e.JoinCode, e.PlanSeats is not null);

    private static async Task<string> UniqueJoinCode(AppDb db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = HostKeys.NewJoinCode();
            if (!await db.Events.AnyAsync(e => e.JoinCode == code, cancellationToken))
            {
                return code;
            }
        }
    }
}
