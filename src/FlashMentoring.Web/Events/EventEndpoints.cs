using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Kits;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashMentoring.Web.Events;

/// <summary>What the host fills in to create an event.</summary>
public sealed record CreateEventRequest(
    string? Title,
    DateTimeOffset? StartsAt,
    int Rounds = 6,
    int RoundMinutes = 15,
    int TransitionMinutes = 2,
    int SeatsPerTable = 4,
    string? Format = "open",
    bool BoardFirstNamesOnly = false,
    bool ExtraSeatWhenShort = false,
    string? Language = null);

/// <summary>The language of an event's board, kit and e-mails (a code from GET /api/languages).</summary>
public sealed record EventLanguageRequest(string? Language);

/// <summary>Whether a table may take one mentee more than its seats on the day rather than leave someone resting.</summary>
public sealed record ExtraSeatRequest(bool Allowed);

/// <summary>The answer to creating an event: the host key is shown this once.</summary>
public sealed record CreatedEvent(Guid Id, string HostKey, string HostLink, string JoinCode);

/// <summary>An event as anyone may see it.</summary>
/// <param name="PersonalDataKeptUntil">When the retention job deletes the event with its personal data (Events/Retention): for an event still to run or running, the date if it ends as scheduled.</param>
/// <param name="Language">The board's, the kit's and e-mails' language ("en", "es"); each person's own language wins for what is theirs.</param>
/// <param name="ExtraSeatWhenShort">On the day a table may take one mentee more than <paramref name="SeatsPerTable"/> rather than leave someone resting (chosen at creation, changed on the day with PUT extra-seat).</param>
public sealed record EventView(Guid Id, string Title, DateTimeOffset StartsAt, int Rounds, int RoundMinutes, int TransitionMinutes, int SeatsPerTable, string Format, string JoinCode, bool HasPlan, DateTimeOffset PersonalDataKeptUntil, bool ExtraSeatWhenShort, string Language);

/// <summary>Creating events, reading them back, the host's view of the plan, and deleting an event with its personal data.</summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", Create).WithSummary("Create an event").WithCreationLimits().WithTags("Events");
        app.MapPublicEventRoutes().WithTags("Events").MapGet("/", Get).WithSummary("Read an event");
        var host = app.MapHostRoutes().WithTags("Events");
        host.MapGet("/host", Get).WithSummary("Check the host key"); // The same view; answering it proves the link is the host's.
        host.MapGet("/plan", GetPlan).WithSummary("Read the plan");
        host.MapPut("/language", SetLanguage).WithSummary("Set the language of the board, the kit and e-mails");
        host.MapPut("/extra-seat", SetExtraSeat).WithSummary("Allow or stop one extra mentee a table when the room runs short");
        host.MapDelete("/", Delete).WithSummary("Delete the event and its personal data");
        return app;
    }

    internal static async Task<Results<Created<CreatedEvent>, ValidationProblem>> Create(CreateEventRequest request, AppDb db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
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
        else if (EventLimits.StartDateProblem(DateOnly.FromDateTime(request.StartsAt.Value.DateTime)) is { } badDate)
        {
            errors["startsAt"] = [badDate];
        }
        else if (request.StartsAt.Value > time.GetUtcNow().AddDays(EventLimits.MaxDaysAhead))
        {
            // A draft is kept until after its date: one dated decades ahead would hold its device's and network's
            // allowance of stored events (and its disk space) for as long.
            errors["startsAt"] = [$"An event can be created at most {EventLimits.MaxDaysAhead} days ahead; got {request.StartsAt.Value:yyyy-MM-dd}. Create it nearer the day."];
        }

        if (request.RoundMinutes < 1 || request.RoundMinutes > EventLimits.MaxRoundMinutes)
        {
            errors["roundMinutes"] = [$"roundMinutes must be between 1 and {EventLimits.MaxRoundMinutes}; got {request.RoundMinutes}."];
        }

        if (request.TransitionMinutes < 0 || request.TransitionMinutes > EventLimits.MaxTransitionMinutes)
        {
            errors["transitionMinutes"] = [$"transitionMinutes must be between 0 and {EventLimits.MaxTransitionMinutes}; got {request.TransitionMinutes}."];
        }

        var (settings, invalid) = RosterUpload.Settings(request.Rounds, request.SeatsPerTable, request.Format, seed: 1, PlanLimits.Event);
        foreach (var (field, messages) in invalid?.ProblemDetails.Errors ?? new Dictionary<string, string[]>())
        {
            errors[field] = messages;
        }

        if (request.Language is { } language && !Texts.Knows(language))
        {
            errors["language"] = [$"language must be one of {string.Join(", ", Texts.Languages.Select(l => l.Code))}; got \"{language}\"."];
        }

        if (errors.Count > 0 || settings is null)
        {
            return TypedResults.ValidationProblem(errors, title: "Some event settings are missing or out of range");
        }

        var (key, hash) = HostKeys.NewKey();
        var creator = EventCreator.Of(http);
        var record = new EventRecord
        {
            Id = Guid.NewGuid(),
            Title = title,
            StartsAt = request.StartsAt!.Value,
            Rounds = settings.Rounds,
            RoundMinutes = request.RoundMinutes,
            TransitionMinutes = request.TransitionMinutes,
            SeatsPerTable = settings.SeatsPerTable,
            Format = (request.Format ?? "open").Trim().ToLowerInvariant(),
            BoardFirstNamesOnly = request.BoardFirstNamesOnly,
            ExtraSeatWhenShort = request.ExtraSeatWhenShort,
            // Unless said, the language the host created it in: a Spanish console makes a Spanish board and kit.
            Language = Languages.Clean(request.Language) ?? Languages.Of(http.Request).Code,
            Seed = 1,
            HostKeyHash = hash,
            JoinCode = await UniqueJoinCode(db, cancellationToken),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = creator.Device,
            CreatedFrom = creator.Network,
        };
        db.Events.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        // The key travels in the fragment: browsers never send it to servers or in a Referer header.
        var created = new CreatedEvent(record.Id, key, $"/host/{record.Id}#key={key}", record.JoinCode);
        return TypedResults.Created($"/api/events/{record.Id}", created);
    }

    internal static async Task<Results<Ok<EventView>, NotFound>> Get(Guid id, AppDb db, IOptions<RetentionOptions> retention, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return record is null ? TypedResults.NotFound() : TypedResults.Ok(View(record, retention.Value));
    }

    /// <summary>The event's current plan, for the host.</summary>
    internal static async Task<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>> GetPlan(Guid id, AppDb db, PlanStore plans, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        return await plans.LoadAsync(record, cancellationToken) is { } plan
            ? TypedResults.Ok(PlanResponse.From(plan))
            : TypedResults.Problem(detail: "Upload the roster first (PUT /api/events/{id}/roster).", statusCode: StatusCodes.Status404NotFound, title: "No plan yet");
    }

    internal static async Task<Results<Ok<EventView>, NotFound, ValidationProblem>> SetLanguage(Guid id, EventLanguageRequest request, AppDb db, IOptions<RetentionOptions> retention, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        if (Languages.Clean(request.Language) is not { } language)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["language"] = [$"language must be one of {string.Join(", ", Texts.Languages.Select(l => l.Code))}; got \"{request.Language}\"."] },
                title: "Not a language the app speaks");
        }

        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        record.Language = language;
        await db.SaveChangesAsync(cancellationToken);
        // The board on the projector reads the event again and opens in the new language at once, not at the next round.
        await hub.Clients.Group(LiveHub.Group(record.Id)).PlanChanged(record.PlanVersion);
        return TypedResults.Ok(View(record, retention.Value));
    }

    /// <summary>
    /// The extra seat, switched on the day: a host who sees the room run short lets the re-plans to come seat one mentee
    /// more at a table rather than rest someone. Seats already planned do not move; switching it off is refused while a
    /// round to come still has a table with the extra mentee, since the plan would then break the host's own rule.
    /// </summary>
    internal static async Task<Results<Ok<EventView>, NotFound, ProblemHttpResult>> SetExtraSeat(
        Guid id, ExtraSeatRequest request, HttpRequest http, AppDb db, PlanStore plans, TimeProvider time, IOptions<RetentionOptions> retention, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http);
        for (var attempt = 1; ; attempt++)
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            if (record.ExtraSeatWhenShort == request.Allowed)
            {
                return TypedResults.Ok(View(record, retention.Value));
            }

            if (!request.Allowed && await plans.LoadAsync(record, cancellationToken) is { } loaded
                && FirstRoundWithAnExtraMentee(loaded.Plan.Rotation, PlanPublisher.RoundsHeld(record, time.GetUtcNow()).Held) is { } round)
            {
                return TypedResults.Problem(
                    title: texts.T("host.said.extraSeatInUseTitle"), detail: texts.T("host.said.extraSeatInUse", ("round", round)), statusCode: StatusCodes.Status409Conflict);
            }

            record.ExtraSeatWhenShort = request.Allowed;
            if (record.PlanVersion > 0)
            {
                // Plans are held in memory by version, on every node: a new version has them read again with the new
                // rule. Version 0 means no roster yet, and must stay so (Start refuses an event with nobody in it).
                record.PlanVersion++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            return TypedResults.Ok(View(record, retention.Value));
        }
    }

    private static int? FirstRoundWithAnExtraMentee(Core.Planning.Rotation rotation, int held)
    {
        for (var round = held + 1; round <= rotation.Rounds; round++)
        {
            if (rotation.Tables(round).Any(t => t.Count > rotation.SeatsPerTable))
            {
                return round;
            }
        }

        return null;
    }

    /// <summary>Deletes the event and every personal field with it: people, links, plan, answers, choices, pairs.</summary>
    internal static async Task<Results<NoContent, NotFound>> Delete(Guid id, EventErasure erasure, CancellationToken cancellationToken) =>
        await erasure.EraseAsync(id, stillDue: null, cancellationToken) is null ? TypedResults.NotFound() : TypedResults.NoContent();

    private static EventView View(EventRecord e, RetentionOptions retention) =>
        new(e.Id, e.Title, e.StartsAt, e.Rounds, e.RoundMinutes, e.TransitionMinutes, e.SeatsPerTable, e.Format, e.JoinCode, e.PlanVersion > 0, Retention.DeleteAfter(e, retention), e.ExtraSeatWhenShort, e.Language);

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
