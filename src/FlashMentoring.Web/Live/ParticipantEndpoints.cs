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

    // Re-plans are quick (a millisecond for 125 people) but must never interleave: one at a time.
    private static readonly SemaphoreSlim ReplanGate = new(1, 1);

    public static IEndpointRouteBuilder MapParticipants(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/join/{code}", JoinByCode).WithTags("Join");
        app.MapPost("/api/join/{code}/people/{personId:long}", PickName).WithTags("Join");
        app.MapGet("/api/me", Me).WithTags("Join");
        var events = app.MapGroup("/api/events/{id:guid}").WithTags("Live");
        events.MapGet("/join", Join);
        events.MapGet("/join-qr.svg", JoinQr);
        events.MapGet("/board", Board);
        events.MapGet("/people", People);
        events.MapPost("/people/{personId:long}/status", SetStatus);
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

        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Token == token, cancellationToken);
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
                    .Select(j => new BoardTable(j + 1, rotation.Mentors[j].Name, rotation.Mentors[j].Agency, "mentee".ToQuantity(rotation.MenteesAt(round, j).Count)))
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

        var people = await db.People.AsNoTracking().Where(p => p.EventId == id).OrderBy(p => p.Role).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(people.Select(HostView).ToList());
    }

    /// <summary>
    /// Check-in. Marking someone absent takes them out of the rounds still to come (a mentor's table closes);
    /// marking them arrived again brings them back. The engine re-plans from the next round, and only the phones
    /// whose seats changed are told.
    /// </summary>
    internal static async Task<Results<Ok<StatusResult>, NotFound, ProblemHttpResult>> SetStatus(
        Guid id, long personId, StatusChange change, HttpRequest request, AppDb db, TimeProvider time, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        var status = change.Status?.Trim().ToLowerInvariant();
        if (status is not ("arrived" or "absent"))
        {
            return TypedResults.Problem(detail: $"status must be arrived or absent; got '{change.Status}'.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown check-in status");
        }

        await ReplanGate.WaitAsync(cancellationToken);
        try
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

            var clock = RoundClock.At(ClockStore.Read(record), ClockStore.Timing(record), time.GetUtcNow());
            var held = clock.Phase == Phase.Waiting ? 0 : clock.Round;
            var wasAbsent = person.Status == "absent";
            person.Status = status;
            RosterChange? replan = (status, wasAbsent, person.Role) switch
            {
                ("absent", false, "mentor") => new MentorDropsOut(person.Key, held + 1),
                ("absent", false, _) => new MenteeLeaves(person.Key, held + 1),
                ("arrived", true, _) => new PersonReturns(person.Key, held + 1),
                _ => null,
            };
            if (clock.Phase == Phase.Finished || held >= record.Rounds)
            {
                replan = null;
            }

            IReadOnlyList<SeatChange> moved = [];
            PlanResult plan = loaded.Value.Plan;
            if (replan is not null)
            {
                var result = Replanner.Replan(plan, held, [replan]);
                plan = result.Plan;
                moved = result.Changes;
                EventPlans.Save(record, record.RosterCsv!, plan);
                record.PlanVersion++;
            }

            await db.SaveChangesAsync(cancellationToken);

            // Saved first; then only the people whose seats changed hear about it (and the mentors whose tables
            // gained or lost someone), plus the board and host.
            var keys = moved.Select(c => c.Key).ToHashSet();
            var mentorsTold = moved.SelectMany(c => new[] { c.FromTable, c.ToTable }).OfType<int>()
                .Select(table => plan.Rotation.Mentors[table - 1].Key).ToHashSet();
            var toldKeys = keys.Union(mentorsTold).ToList();
            var told = await db.People.AsNoTracking().Where(p => p.EventId == id && toldKeys.Contains(p.Key)).ToListAsync(cancellationToken);
            foreach (var p in told)
            {
                await hub.Clients.Group(LiveHub.PersonGroup(p.Id)).Itinerary(Itineraries.For(plan, p.Key));
            }

            if (moved.Count > 0)
            {
                await hub.Clients.Group(LiveHub.Group(id)).PlanChanged(record.PlanVersion);
            }

            var others = keys.Count(k => k != person.Key);
            var message = replan switch
            {
                null => $"{person.Name} is marked {status}.",
                _ when status == "absent" => $"{person.Name} is out from round {held + 1}; {"other person".ToQuantity(others)} moved.",
                _ => $"{person.Name} is back from round {held + 1}; {"other person".ToQuantity(others)} moved.",
            };
            return TypedResults.Ok(new StatusResult(HostView(person), keys.Count, message));
        }
        finally
        {
            ReplanGate.Release();
        }
    }

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
