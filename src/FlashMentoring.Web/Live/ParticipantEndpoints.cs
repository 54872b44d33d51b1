using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using Humanizer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>A name on the join page.</summary>
public sealed record JoinName(long Id, string Name, string Role);

/// <summary>What a join code opens: the event and the names to pick from.</summary>
public sealed record JoinEventView(Guid EventId, string Title, DateTimeOffset StartsAt, IReadOnlyList<JoinName> People);

/// <summary>A personal link: open it on any device to get back to your own view.</summary>
public sealed record PersonalLink(string Token, string Link);

/// <summary>A person as the host's check-in list shows them.</summary>
public sealed record HostPersonView(long Id, string Name, string Role, string Status, string Link);

/// <summary>Check-in: <c>arrived</c> or <c>absent</c>.</summary>
public sealed record StatusChange(string? Status);

/// <summary>Someone who was not on the roster: <c>mentor</c> or <c>mentee</c>, a name, optionally email and agency.</summary>
public sealed record WalkInRequest(string? Name, string? Role, string? Email = null, string? Agency = null);

/// <summary>What a check-in did to the plan.</summary>
public sealed record StatusResult(HostPersonView Person, int Moved, string Message);

/// <summary>How phones reach the event.</summary>
public sealed record JoinInfo(string JoinUrl, string JoinCode, bool ReachableFromLan, string BoardUrl);

/// <summary>A table on the projector: number and mentor.</summary>
public sealed record BoardTable(int Table, string Mentor, string Agency, string Summary);

/// <summary>The projector's view: public, no personal details beyond mentors' names.</summary>
public sealed record BoardView(Guid EventId, string Title, DateTimeOffset StartsAt, string JoinUrl, string JoinCode, IReadOnlyList<IReadOnlyList<BoardTable>> Rounds, ClockView Clock);

/// <summary>Joining by code, personal links, the board, and the host's check-in with live re-planning.</summary>
public static class ParticipantEndpoints
{
    /// <summary>The header that carries a personal link's token.</summary>
    public const string PersonTokenHeader = "X-Person-Token";

    public static IEndpointRouteBuilder MapParticipants(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/join/{code}", JoinByCode).WithTags("Join").RequireRateLimiting(Hosting.Security.JoinPolicy);
        app.MapPost("/api/join/{code}/people/{personId:long}", PickName).WithTags("Join").RequireRateLimiting(Hosting.Security.JoinPolicy);
        app.MapGet("/api/me", Me).WithTags("Join").RequireRateLimiting(Hosting.Security.PersonPolicy);
        var events = app.MapGroup("/api/events/{id:guid}").WithTags("Live");
        events.MapGet("/join", Join);
        events.MapGet("/join-qr.svg", JoinQr);
        events.MapGet("/board", Board);
        events.MapGet("/people", People);
        events.MapPost("/people/{personId:long}/status", SetStatus);
        events.MapPost("/walk-ins", WalkIn);
        return app;
    }

    internal static async Task<Results<Ok<JoinEventView>, ProblemHttpResult>> JoinByCode(string code, AppDb db, CancellationToken cancellationToken)
    {
        var record = await FindByCode(db, code, cancellationToken);
        if (record is null)
        {
            return NoCode(code);
        }

        var people = await db.People.AsNoTracking().Where(p => p.EventId == record.Id).OrderBy(p => p.Name)
            .Select(p => new JoinName(p.Id, p.Name, p.Role)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new JoinEventView(record.Id, record.Title, record.StartsAt, people));
    }

    internal static async Task<Results<Ok<PersonalLink>, ProblemHttpResult>> PickName(string code, long personId, AppDb db, CancellationToken cancellationToken)
    {
        var record = await FindByCode(db, code, cancellationToken);
        var person = record is null ? null : await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && p.EventId == record.Id, cancellationToken);
        return person is null ? NoCode(code) : TypedResults.Ok(new PersonalLink(person.Token, PersonalPath(person.Token)));
    }

    internal static async Task<Results<Ok<PersonalView>, ProblemHttpResult>> Me(HttpRequest request, AppDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var view = await PersonalViewFor(db, request.Headers[PersonTokenHeader].FirstOrDefault(), time.GetUtcNow(), cancellationToken);
        return view is null
            ? TypedResults.Problem(title: "This personal link is not (or no longer) valid", detail: "Ask the host for your link, or join again with the event's code.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(view);
    }

    /// <summary>A person's itinerary and the clock, from their token; null when the token is unknown.</summary>
    internal static async Task<PersonalView?> PersonalViewFor(AppDb db, string? token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        var hash = HostKeys.Hash(token);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.TokenHash == hash, cancellationToken);
        var record = person is null ? null : await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == person.EventId, cancellationToken);
        if (person is null || record is null)
        {
            return null;
        }

        var rows = EventPlans.Load(record) is { } loaded ? Itineraries.For(loaded.Plan, person.Key) : [];
        return new PersonalView(record.Id, record.Title, record.StartsAt, person.Id, person.Name, person.Role, person.Status, rows, ClockNow(record, now));
    }

    internal static async Task<Results<Ok<JoinInfo>, NotFound>> Join(Guid id, HttpRequest request, AppDb db, JoinLinks links, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var (origin, reachable) = links.Origin(request);
        return TypedResults.Ok(new JoinInfo(origin + JoinLinks.JoinPath(record.JoinCode), record.JoinCode, reachable, $"{origin}/board/{record.Id}"));
    }

    internal static async Task<Results<ContentHttpResult, NotFound>> JoinQr(Guid id, HttpRequest request, AppDb db, JoinLinks links, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var (origin, _) = links.Origin(request);
        return TypedResults.Content(JoinLinks.QrSvg(origin + JoinLinks.JoinPath(record.JoinCode)), "image/svg+xml");
    }

    internal static async Task<Results<Ok<BoardView>, NotFound>> Board(Guid id, HttpRequest request, AppDb db, JoinLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var rounds = new List<IReadOnlyList<BoardTable>>();
        if (EventPlans.Load(record) is { } loaded)
        {
            var rotation = loaded.Plan.Rotation;
            for (var round = 1; round <= rotation.Rounds; round++)
            {
                rounds.Add(Enumerable.Range(0, rotation.Mentors.Count)
                    .Where(j => loaded.Plan.Attendance.MentorThere(j, round))
                    .Select(j => new BoardTable(j + 1, record.BoardFirstNamesOnly ? FirstName(rotation.Mentors[j].Name) : rotation.Mentors[j].Name, rotation.Mentors[j].Agency, "mentee".ToQuantity(rotation.MenteesAt(round, j).Count)))
                    .ToList());
            }
        }

        var (origin, _) = links.Origin(request);
        return TypedResults.Ok(new BoardView(record.Id, record.Title, record.StartsAt, origin + JoinLinks.JoinPath(record.JoinCode), record.JoinCode, rounds, ClockNow(record, time.GetUtcNow())));
    }

    internal static async Task<Results<Ok<List<HostPersonView>>, NotFound, ProblemHttpResult>> People(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (!EventEndpoints.IsHost(request, record))
        {
            return EventEndpoints.NotHost();
        }

        var people = await db.People.AsNoTracking().Where(p => p.EventId == id).OrderBy(p => p.Role == "mentor" ? 0 : 1).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(people.Select(HostView).ToList());
    }

    /// <summary>
    /// Check-in. Marking someone absent takes them out of the rounds still to come (a mentor's table closes);
    /// marking them arrived again brings them back. The engine re-plans from the next round, and only the phones
    /// whose seats changed are told.
    /// </summary>
    internal static async Task<Results<Ok<StatusResult>, NotFound, ProblemHttpResult>> SetStatus(
        Guid id, long personId, StatusChange change, HttpRequest request, AppDb db, TimeProvider time, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var status = change.Status?.Trim().ToLowerInvariant();
        if (status is not ("arrived" or "absent"))
        {
            return TypedResults.Problem(detail: $"status must be arrived or absent; got '{change.Status}'.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown check-in status");
        }

        return await publisher.OneAtATime<Results<Ok<StatusResult>, NotFound, ProblemHttpResult>>(db, async () =>
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

            var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.EventId == id, cancellationToken);
            var loaded = EventPlans.Load(record);
            if (person is null || loaded is null)
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

            var before = loaded.Value.Plan;
            if (TryReplan(before, held, replan) is not { } after)
            {
                return CouldNotReplan(person.Name);
            }

            var told = await publisher.SaveAndTell(db, record, before, after, cancellationToken);
            var others = "other person".ToQuantity(told.Count(k => k != person.Key));
            var message = status == "absent"
                ? $"{person.Name} is out from round {held + 1}; {others} told of a change."
                : $"{person.Name} is back from round {held + 1}; {others} told of a change.";
            return TypedResults.Ok(new StatusResult(HostView(person), told.Count, message));
        }, cancellationToken);
    }

    /// <summary>Someone not on the roster turns up: they join from the next round; a mentor opens a new table.</summary>
    internal static async Task<Results<Ok<StatusResult>, NotFound, ProblemHttpResult, ValidationProblem>> WalkIn(
        Guid id, WalkInRequest walkIn, HttpRequest request, AppDb db, TimeProvider time, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var name = walkIn.Name?.Trim() ?? "";
        var role = walkIn.Role?.Trim().ToLowerInvariant();
        var errors = new Dictionary<string, string[]>();
        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["Give the walk-in's name (1 to 200 characters)."];
        }

        if (role is not ("mentor" or "mentee"))
        {
            errors["role"] = [$"role must be mentor or mentee; got '{walkIn.Role}'."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The walk-in needs a name and a role");
        }

        return await publisher.OneAtATime<Results<Ok<StatusResult>, NotFound, ProblemHttpResult, ValidationProblem>>(db, async () =>
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

            if (EventPlans.Load(record) is not { } loaded)
            {
                return TypedResults.Problem(detail: "Upload the roster first; walk-ins join a planned event.", statusCode: StatusCodes.Status409Conflict, title: "No plan yet");
            }

            var (held, phase) = PlanPublisher.RoundsHeld(record, time.GetUtcNow());
            if (phase == Phase.Finished || held >= record.Rounds)
            {
                return TypedResults.Problem(detail: "The last round has started or the event is over; there is no round left to join.", statusCode: StatusCodes.Status409Conflict, title: "Too late to join");
            }

            var person = Core.Roster.Person.WalkIn(name, role == "mentor" ? Core.Roster.Role.Mentor : Core.Roster.Role.Mentee, walkIn.Email, walkIn.Agency?.Trim() ?? "");
            if (await db.People.AnyAsync(p => p.EventId == id && p.Key == person.Key, cancellationToken))
            {
                return TypedResults.Problem(detail: $"{name} is already on the list; check them in instead, or add an email to tell two people of the same name apart.", statusCode: StatusCodes.Status409Conflict, title: "Already on the list");
            }

            var before = loaded.Plan;
            if (TryReplan(before, held, new WalkIn(person, held + 1)) is not { } after)
            {
                return CouldNotReplan(person.Name);
            }

            record.WalkInsCsv = (record.WalkInsCsv ?? "role,name,email,agency\n") + string.Join(',', new[] { role!, person.Name, person.Email ?? "", person.Agency }.Select(Csv)) + "\n";
            var (token, hash) = HostKeys.NewPersonToken();
            var added = new PersonRecord { EventId = id, Key = person.Key, Name = person.Name, Role = role!, Token = token, TokenHash = hash, Status = "arrived" };
            db.People.Add(added);
            var told = await publisher.SaveAndTell(db, record, before, after, cancellationToken);
            var table = Itineraries.For(after, person.Key).FirstOrDefault(r => r.Round == held + 1)?.Table;
            var where = table is null ? "rests that round" : $"at Table {table}";
            var others = "other person".ToQuantity(told.Count(k => k != person.Key));
            return TypedResults.Ok(new StatusResult(HostView(added), told.Count, $"{person.Name} joins from round {held + 1} {where}; {others} told of a change."));
        }, cancellationToken);
    }

    // The re-planner refuses changes it cannot apply (an unknown person, say) with an ArgumentException.
    private static PlanResult? TryReplan(PlanResult before, int held, RosterChange change)
    {
        try
        {
            return Replanner.Replan(before, held, [change]).Plan;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ProblemHttpResult CouldNotReplan(string name) =>
        TypedResults.Problem(detail: $"The plan could not be changed for {name}; nothing was saved. Reload the console and try again.", statusCode: StatusCodes.Status409Conflict, title: "Not re-planned");

    private static string Csv(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;

    /// <summary>The personal link's path; the token travels in the fragment so it never reaches logs or a Referer.</summary>
    public static string PersonalPath(string token) => "/me#t=" + token;

    private static HostPersonView HostView(PersonRecord p) => new(p.Id, p.Name, p.Role, p.Status, PersonalPath(p.Token));

    private static ClockView ClockNow(EventRecord record, DateTimeOffset now) =>
        ClockStore.View(record, RoundClock.At(ClockStore.Read(record), ClockStore.Timing(record), now), now);

    private static Task<EventRecord?> FindByCode(AppDb db, string code, CancellationToken cancellationToken)
    {
        var normalised = code.Trim().ToUpperInvariant();
        return db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.JoinCode == normalised, cancellationToken);
    }

    private static ProblemHttpResult NoCode(string code) =>
        TypedResults.Problem(title: "No event with this code", detail: $"Check the code '{code}' on the board or your itinerary; it has six letters and digits.", statusCode: StatusCodes.Status404NotFound);
}
