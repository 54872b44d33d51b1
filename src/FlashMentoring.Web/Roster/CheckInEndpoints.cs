using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using Humanizer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Roster;

/// <summary>A person as the host's check-in list shows them.</summary>
/// <param name="ClaimedAt">When a device took their link (picked the name, or opened the link); null while nobody has.</param>
/// <param name="NewLinkPending">Released by the host: the name waits for its new link to be opened.</param>
public sealed record HostPersonView(long Id, string Name, string Role, string Status, string Link, DateTimeOffset? ClaimedAt, bool NewLinkPending);

/// <summary>Check-in: <c>arrived</c> or <c>absent</c>.</summary>
public sealed record StatusChange(string? Status);

/// <summary>Someone who was not on the roster: <c>mentor</c> or <c>mentee</c>, a name, optionally email and agency.</summary>
public sealed record WalkInRequest(string? Name, string? Role, string? Email = null, string? Agency = null);

/// <summary>What a check-in did to the plan.</summary>
public sealed record StatusResult(HostPersonView Person, int Moved, string Message);

/// <summary>The host's check-in: who is here, who is absent, who walked in; each re-plans the rounds to come.</summary>
public static class CheckInEndpoints
{
    public static IEndpointRouteBuilder MapCheckIn(this IEndpointRouteBuilder app)
    {
        var host = app.MapHostRoutes().WithTags("Check-in");
        host.MapGet("/people", People);
        host.MapPost("/people/{personId:long}/status", SetStatus);
        host.MapPost("/walk-ins", WalkIn);
        host.MapPost("/people/{personId:long}/release", Release);
        host.MapGet("/people/{personId:long}/link-qr.svg", LinkQr);
        return app;
    }

    internal static async Task<Ok<List<HostPersonView>>> People(Guid id, AppDb db, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => p.EventId == id).OrderBy(p => p.Role == "mentor" ? 0 : 1).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(people.Select(HostView).ToList());
    }

    /// <summary>
    /// Check-in. Marking someone absent takes them out of the rounds still to come (a mentor's table closes);
    /// marking them arrived again brings them back. The engine re-plans from the next round, and only the phones
    /// whose itinerary changed are told.
    /// </summary>
    internal static async Task<Results<Ok<StatusResult>, NotFound, ProblemHttpResult>> SetStatus(
        Guid id, long personId, StatusChange change, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var status = change.Status?.Trim().ToLowerInvariant();
        if (status is not ("arrived" or "absent"))
        {
            return TypedResults.Problem(detail: $"status must be arrived or absent; got '{change.Status}'.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown check-in status");
        }

        return await publisher.OneAtATime<Results<Ok<StatusResult>, NotFound, ProblemHttpResult>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.EventId == id, cancellationToken);
            var loaded = record is null ? null : await plans.LoadAsync(record, cancellationToken);
            if (record is null || person is null || loaded is null)
            {
                return TypedResults.NotFound();
            }

            var (held, phase) = PlanPublisher.RoundsHeld(record, time.GetUtcNow());
            var wasAbsent = person.Status == "absent";
            person.Status = status;
            RosterChange? replan = (status, wasAbsent, person.Role) switch
            {
                _ when phase == Phase.Finished || held >= record.Rounds => null,
                ("absent", false, "mentor") => new MentorDropsOut(person.Key, held + 1),
                ("absent", false, _) => new MenteeLeaves(person.Key, held + 1),
                ("arrived", true, _) => new PersonReturns(person.Key, held + 1),
                _ => null,
            };
            if (replan is null)
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(new StatusResult(HostView(person), 0, $"{person.Name} is marked {status}."));
            }

            if (TryReplan(loaded.Plan, held, replan) is not { } result)
            {
                return CouldNotReplan(person.Name);
            }

            var told = await publisher.SaveAndTell(db, record, result, cancellationToken);
            var others = "other person".ToQuantity(told.Count(k => k != person.Key));
            var message = status == "absent"
                ? $"{person.Name} is out from round {held + 1}; {others} told of a change."
                : $"{person.Name} is back from round {held + 1}; {others} told of a change.";
            return TypedResults.Ok(new StatusResult(HostView(person), told.Count, message));
        }, cancellationToken);
    }

    /// <summary>
    /// Someone not on the roster turns up: they join from the next round (a mentor opens a new table). Their name and
    /// e-mail are cleaned and checked as a roster line's are, so they are stored as they will be read.
    /// </summary>
    internal static async Task<Results<Ok<StatusResult>, NotFound, ProblemHttpResult, ValidationProblem>> WalkIn(
        Guid id, WalkInRequest walkIn, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var role = walkIn.Role?.Trim().ToLowerInvariant();
        var (person, problems) = PersonFields.WalkIn(walkIn.Name, role == "mentor" ? Role.Mentor : Role.Mentee, walkIn.Email, walkIn.Agency);
        var errors = problems.ToDictionary(p => p.Field, p => new[] { p.Message });
        if (role is not ("mentor" or "mentee"))
        {
            errors["role"] = [$"role must be mentor or mentee; got '{walkIn.Role}'."];
        }

        if (errors.Count > 0 || person is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The walk-in was not added");
        }

        return await publisher.OneAtATime<Results<Ok<StatusResult>, NotFound, ProblemHttpResult, ValidationProblem>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            if (await plans.LoadAsync(record, cancellationToken) is not { } loaded)
            {
                return TypedResults.Problem(detail: "Upload the roster first; walk-ins join a planned event.", statusCode: StatusCodes.Status409Conflict, title: "No plan yet");
            }

            var (held, phase) = PlanPublisher.RoundsHeld(record, time.GetUtcNow());
            if (phase == Phase.Finished || held >= record.Rounds)
            {
                return TypedResults.Problem(detail: "The last round has started or the event is over; there is no round left to join.", statusCode: StatusCodes.Status409Conflict, title: "Too late to join");
            }

            if (await db.People.AnyAsync(p => p.EventId == id && p.Key == person.Key, cancellationToken))
            {
                return TypedResults.Problem(detail: $"{person.Name} is already on the list; check them in instead, or add an email to tell two people of the same name apart.", statusCode: StatusCodes.Status409Conflict, title: "Already on the list");
            }

            if (TryReplan(loaded.Plan, held, new WalkIn(person, held + 1)) is not { } result)
            {
                return CouldNotReplan(person.Name);
            }

            var order = await db.People.Where(p => p.EventId == id).MaxAsync(p => (int?)p.Order, cancellationToken) ?? 0;
            var added = Roster.People.NewRecord(id, person, "walk-in", order + 1);
            added.Status = "arrived";
            db.People.Add(added);
            var told = await publisher.SaveAndTell(db, record, result, cancellationToken);
            var table = Itineraries.For(result.Plan, person.Key).FirstOrDefault(r => r.Round == held + 1)?.Table;
            var where = table is null ? "rests that round" : $"at Table {table}";
            var others = "other person".ToQuantity(told.Count(k => k != person.Key));
            return TypedResults.Ok(new StatusResult(HostView(added), told.Count, $"{person.Name} joins from round {held + 1} {where}; {others} told of a change."));
        }, cancellationToken);
    }

    /// <summary>
    /// The wrong device took someone's name (or their phone was lost): a new personal link, held for the person until
    /// they open it (the host shows its QR code). The old link stops working at once, so whoever holds it loses the
    /// person's view and their voice in the feedback; the join list no longer hands the name to anyone.
    /// </summary>
    internal static async Task<Results<Ok<HostPersonView>, NotFound>> Release(Guid id, long personId, AppDb db, ILogger<PersonalLinks> log, CancellationToken cancellationToken)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.EventId == id, cancellationToken);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        (person.Token, person.TokenHash) = HostKeys.NewPersonToken();
        person.ClaimedAt = null;
        person.ClaimedBy = PersonalLinks.Reserved; // Only the new link claims it now: the host shows it to the person.
        await db.SaveChangesAsync(cancellationToken);
        log.LogInformation("Host released the link of person {PersonId} of event {EventId}", person.Id, id);
        return TypedResults.Ok(HostView(person));
    }

    /// <summary>A person's personal link as a QR code, for the host to show at the desk (after a release, say).</summary>
    internal static async Task<Results<ContentHttpResult, NotFound>> LinkQr(Guid id, long personId, HttpRequest request, AppDb db, JoinLinks links, CancellationToken cancellationToken)
    {
        var token = await db.People.AsNoTracking().Where(p => p.Id == personId && p.EventId == id).Select(p => p.Token).FirstOrDefaultAsync(cancellationToken);
        if (token is null)
        {
            return TypedResults.NotFound();
        }

        var (origin, _) = links.Origin(request);
        return TypedResults.Content(JoinLinks.QrSvg(origin + PersonalLinks.PathFor(token)), "image/svg+xml");
    }

    // The re-planner refuses changes it cannot apply (an unknown person, say) with an ArgumentException.
    private static ReplanResult? TryReplan(PlanResult before, int held, RosterChange change)
    {
        try
        {
            return Replanner.Replan(before, held, [change]);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ProblemHttpResult CouldNotReplan(string name) =>
        TypedResults.Problem(detail: $"The plan could not be changed for {name}; nothing was saved. Reload the console and try again.", statusCode: StatusCodes.Status409Conflict, title: "Not re-planned");

    private static HostPersonView HostView(PersonRecord p) => new(p.Id, p.Name, p.Role, p.Status, PersonalLinks.PathFor(p.Token), p.ClaimedAt, PersonalLinks.IsReserved(p.ClaimedBy));
}
