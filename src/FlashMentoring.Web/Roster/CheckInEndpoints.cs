using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Kits;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Online;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Roster;

/// <summary>A person as the host's check-in list shows them.</summary>
/// <param name="ClaimedAt">When a device took their link (picked the name, or opened the link); null while nobody has.</param>
/// <param name="NewLinkPending">Released by the host: the name waits for its new link to be opened.</param>
/// <param name="HereAskedAt">Marked absent, they pressed "I'm here" on their phone: the host (or a helper) confirms.</param>
/// <param name="Attends">In a hybrid event: in-person or online; null in an event all in the room or all online.</param>
public sealed record HostPersonView(long Id, string Name, string Role, string Status, string? Link, DateTimeOffset? ClaimedAt, bool NewLinkPending, DateTimeOffset? HereAskedAt, string? Attends = null);

/// <summary>How someone takes part in a hybrid event: <c>online</c> or <c>in person</c>.</summary>
public sealed record AttendsChange(string? Attends);

/// <summary>Check-in: <c>arrived</c> or <c>absent</c>.</summary>
public sealed record StatusChange(string? Status);

/// <summary>Someone who was not on the roster: <c>mentor</c> or <c>mentee</c>, a name, optionally email and agency.</summary>
/// <param name="Attends">In a hybrid event: online, or in person (the default).</param>
public sealed record WalkInRequest(string? Name, string? Role, string? Email = null, string? Agency = null, string? Attends = null);

/// <summary>One other person's table changed in one round (null: resting, or a mentor not hosting), in plain words too.</summary>
public sealed record PersonMove(long? Id, string Name, string Role, int Round, int? FromTable, int? ToTable, string Text);

/// <summary>What a check-in did to the plan: who else moved where, and what to print again (both empty without a re-plan).</summary>
public sealed record StatusResult(HostPersonView Person, int Moved, string Message, IReadOnlyList<PersonMove> Moves, Reprint Reprint);

/// <summary>A new helper link: shown once, as only its hash is kept.</summary>
public sealed record HelperLink(string Link);

/// <summary>Whether the event has a helper link that works.</summary>
public sealed record HelperLinkState(bool Active);

/// <summary>
/// Check-in: who is here, who is absent, who walked in; each re-plans the rounds to come. The host does it, or a
/// helper at the door with the helper link, which opens these routes and no other.
/// </summary>
public static class CheckInEndpoints
{
    public static IEndpointRouteBuilder MapCheckIn(this IEndpointRouteBuilder app)
    {
        var desk = app.MapHelperRoutes().WithTags("Check-in");
        desk.MapGet("/people", People).WithSummary("List people and their check-in status");
        desk.MapPost("/people/{personId:long}/status", SetStatus).WithSummary("Mark someone arrived or absent");
        desk.MapPost("/walk-ins", WalkIn).WithSummary("Add a walk-in");
        desk.MapPost("/people/{personId:long}/attends", SetAttends).WithSummary("Switch someone between the room and online (hybrid events)");
        // A phone that took the wrong name is sorted out where people arrive: at the door.
        desk.MapPost("/people/{personId:long}/release", Release).WithSummary("Give someone a new personal link");
        desk.MapGet("/people/{personId:long}/link-qr.svg", LinkQr).WithSummary("A personal link as a QR code").ProducesFile("image/svg+xml");

        var host = app.MapHostRoutes().WithTags("Check-in");
        host.MapGet("/helper-link", HelperLinkNow).WithSummary("Whether a helper link works");
        host.MapPost("/helper-link", NewHelperLink).WithSummary("Make a new helper link");
        host.MapDelete("/helper-link", RevokeHelperLink).WithSummary("Stop the helper link");
        host.MapGet("/helper-link/qr.svg", HelperLinkQr).WithSummary("The helper link as a QR code").ProducesFile("image/svg+xml");
        return app;
    }

    internal static async Task<Ok<List<HostPersonView>>> People(Guid id, HttpContext http, AppDb db, CancellationToken cancellationToken)
    {
        // Sorted here, not by the database: SQLite orders by bytes and PostgreSQL by its collation, and the desk reads
        // the list alphabetically, as the join page does.
        var people = (await db.People.AsNoTracking().Where(p => p.EventId == id).ToListAsync(cancellationToken))
            .OrderBy(p => p.Role == "mentor" ? 0 : 1).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return TypedResults.Ok(people.Select(p => HostView(p, http, record)).ToList());
    }

    /// <summary>
    /// Check-in. Marking someone absent takes them out of the rounds still to come (a mentor's table closes);
    /// marking them arrived again brings them back. The engine re-plans from the next round, and only the phones
    /// whose itinerary changed are told.
    /// </summary>
    internal static async Task<Results<Ok<StatusResult>, NotFound, ProblemHttpResult>> SetStatus(
        Guid id, long personId, StatusChange change, HttpContext http, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http.Request);
        var status = change.Status?.Trim().ToLowerInvariant();
        if (status is not ("arrived" or "absent"))
        {
            return TypedResults.Problem(detail: texts.T("checkin.said.statusDetail", ("status", change.Status)), statusCode: StatusCodes.Status400BadRequest, title: texts.T("checkin.said.statusTitle"));
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
            person.HereAskedAt = null;
            // Someone who registered (or was imported) after the plan was made is stored but not seated: arriving, they
            // join as a walk-in would; marked absent, there is nothing to take them out of.
            var rotation = loaded.Plan.Rotation;
            var inPlan = rotation.MenteeIndex(person.Key) >= 0 || rotation.MentorIndex(person.Key) >= 0;
            RosterChange? replan = (status, wasAbsent, person.Role) switch
            {
                _ when phase == Phase.Finished || held >= record.Rounds => null,
                _ when !inPlan => status == "arrived" ? new WalkIn(Roster.People.ToCore(record, person), held + 1) : null,
                ("absent", false, "mentor") => new MentorDropsOut(person.Key, held + 1),
                ("absent", false, _) => new MenteeLeaves(person.Key, held + 1),
                ("arrived", true, _) => new PersonReturns(person.Key, held + 1),
                _ => null,
            };
            if (replan is null)
            {
                await db.SaveChangesAsync(cancellationToken);
                await hub.Clients.Group(LiveHub.Group(id)).PeopleChanged(); // No re-plan, so no PlanChanged: the desks read the list again.
                var marked = texts.T(status == "absent" ? "checkin.said.markedAbsent" : "checkin.said.markedHere", ("name", person.Name));
                return TypedResults.Ok(new StatusResult(HostView(person, http, record), 0, marked, [], Reprint.None));
            }

            if (TryReplan(loaded.Plan, held, replan, cancellationToken) is not { } result)
            {
                return CouldNotReplan(texts, person.Name);
            }

            var told = await publisher.SaveAndTell(db, record, result, cancellationToken);
            var said = !inPlan ? "checkin.said.joinsFrom" : status == "absent" ? "checkin.said.outFrom" : "checkin.said.backFrom";
            var message = texts.T(said, ("name", person.Name), ("round", held + 1), ("told", Told(texts, told, result, person.Key)));
            return TypedResults.Ok(await Tell(hub, http, id, Result(db, http, texts, record, person, told, result, message)));
        }, cancellationToken);
    }

    /// <summary>
    /// Someone not on the roster turns up: they join from the next round (a mentor opens a new table). Their name and
    /// e-mail are cleaned and checked as a roster line's are, so they are stored as they will be read.
    /// </summary>
    internal static async Task<Results<Ok<StatusResult>, NotFound, ProblemHttpResult, ValidationProblem>> WalkIn(
        Guid id, WalkInRequest walkIn, HttpContext http, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http.Request);
        var role = walkIn.Role?.Trim().ToLowerInvariant();
        var (person, problems) = PersonFields.WalkIn(walkIn.Name, role == "mentor" ? Role.Mentor : Role.Mentee, walkIn.Email, walkIn.Agency);
        var errors = problems.ToDictionary(p => p.Field, p => new[] { p.Message });
        if (role is not ("mentor" or "mentee"))
        {
            errors["role"] = [texts.T("checkin.said.roleError", ("role", walkIn.Role))];
        }

        if (!PersonFields.TryReadAttends(walkIn.Attends, out var online))
        {
            errors["attends"] = [texts.T("checkin.said.attendsError", ("attends", walkIn.Attends))];
        }

        if (errors.Count > 0 || person is null)
        {
            return TypedResults.ValidationProblem(errors, title: texts.T("checkin.walkIn.notAdded"));
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
                return TypedResults.Problem(detail: texts.T("checkin.said.noPlanDetail"), statusCode: StatusCodes.Status409Conflict, title: texts.T("checkin.said.noPlanTitle"));
            }

            var (held, phase) = PlanPublisher.RoundsHeld(record, time.GetUtcNow());
            if (phase == Phase.Finished || held >= record.Rounds)
            {
                return TypedResults.Problem(detail: texts.T("checkin.said.tooLateDetail"), statusCode: StatusCodes.Status409Conflict, title: texts.T("checkin.said.tooLateTitle"));
            }

            // Online or in the room as the event's mode and the desk's choice say: the engine seats them at tables of that kind.
            person = Roster.People.InMode(record, person with { SaidOnline = online });
            if (await AlreadyThere(db, id, loaded.Plan, person, texts, cancellationToken) is { } duplicate)
            {
                return duplicate;
            }

            if (TryReplan(loaded.Plan, held, new WalkIn(person, held + 1), cancellationToken) is not { } result)
            {
                return CouldNotReplan(texts, person.Name);
            }

            var order = await db.People.Where(p => p.EventId == id).MaxAsync(p => (int?)p.Order, cancellationToken) ?? 0;
            var added = Roster.People.NewRecord(id, person, "walk-in", order + 1);
            added.Status = "arrived";
            db.People.Add(added);
            var told = await publisher.SaveAndTell(db, record, result, cancellationToken);
            var joins = Joins(texts, person, Itineraries.For(result.Plan, person.Key).Where(r => r.Round > held).ToList());
            return TypedResults.Ok(await Tell(hub, http, id, Result(db, http, texts, record, added, told, result, $"{joins} {Told(texts, told, result, person.Key)}")));
        }, cancellationToken);
    }

    /// <summary>
    /// In a hybrid event, someone takes part the other way (in the room, or online) from the next round: a mentee sits
    /// only at tables of their new kind, a mentor's table becomes one. Before the start the plan is made again; during
    /// the event the rounds to come are re-planned moving as few others as possible, and only those affected are told.
    /// </summary>
    internal static async Task<Results<Ok<StatusResult>, NotFound, ProblemHttpResult>> SetAttends(
        Guid id, long personId, AttendsChange change, HttpContext http, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http.Request);
        if (!PersonFields.TryReadAttends(change.Attends, out var online) || online is null)
        {
            return TypedResults.Problem(detail: texts.T("checkin.said.attendsError", ("attends", change.Attends)), statusCode: StatusCodes.Status400BadRequest, title: texts.T("checkin.said.attendsTitle"));
        }

        return await publisher.OneAtATime<Results<Ok<StatusResult>, NotFound, ProblemHttpResult>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.EventId == id, cancellationToken);
            if (record is null || person is null)
            {
                return TypedResults.NotFound();
            }

            if (record.Mode != EventRecord.Hybrid)
            {
                return TypedResults.Problem(detail: texts.T("checkin.said.notHybridDetail"), statusCode: StatusCodes.Status409Conflict, title: texts.T("checkin.said.notHybridTitle"));
            }

            var was = OnlineRooms.Attends(record, person.Profile) == EventRecord.Online;
            person.Profile.Attends = Roster.People.AttendsName(online);
            var loaded = await plans.LoadAsync(record, cancellationToken);
            var (held, phase) = PlanPublisher.RoundsHeld(record, time.GetUtcNow());
            var rotation = loaded?.Plan.Rotation;
            var inPlan = rotation is not null && (rotation.MenteeIndex(person.Key) >= 0 || rotation.MentorIndex(person.Key) >= 0);
            if (was == online.Value || !inPlan || phase == Phase.Finished || held >= record.Rounds)
            {
                // Nothing seated changes: the next plan reads their new word.
                await db.SaveChangesAsync(cancellationToken);
                await hub.Clients.Group(LiveHub.Group(id)).PeopleChanged();
                var takesPart = texts.T(online.Value ? "checkin.said.takesPartOnline" : "checkin.said.takesPartInRoom", ("name", person.Name));
                return TypedResults.Ok(new StatusResult(HostView(person, http, record), 0, takesPart, [], Reprint.None));
            }

            if (TryReplan(loaded!.Plan, held, new AttendsChanges(person.Key, online.Value, held + 1), cancellationToken) is not { } result)
            {
                return CouldNotReplan(texts, person.Name);
            }

            var told = await publisher.SaveAndTell(db, record, result, cancellationToken);
            var message = texts.T(online.Value ? "checkin.said.onlineFrom" : "checkin.said.inRoomFrom", ("name", person.Name), ("round", held + 1), ("told", Told(texts, told, result, person.Key)));
            return TypedResults.Ok(await Tell(hub, http, id, Result(db, http, texts, record, person, told, result, message)));
        }, cancellationToken);
    }

    /// <summary>
    /// The wrong device took someone's name (or their phone was lost): a new personal link, held for the person until
    /// they open it (the host shows its QR code). The old link stops working at once, so whoever holds it loses the
    /// person's view and their voice in the feedback; the join list no longer hands the name to anyone.
    /// </summary>
    internal static async Task<Results<Ok<HostPersonView>, NotFound>> Release(Guid id, long personId, HttpContext http, AppDb db, ILogger<PersonalLinks> log, CancellationToken cancellationToken)
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
        return TypedResults.Ok(HostView(person, http));
    }

    /// <summary>A person's personal link as a QR code, for the host to show at the desk (after a release, say).</summary>
    internal static async Task<Results<ContentHttpResult, NotFound, ProblemHttpResult>> LinkQr(Guid id, long personId, HttpRequest request, AppDb db, JoinLinks links, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId && p.EventId == id).Select(p => new { p.Token, p.ClaimedAt, p.ClaimedBy }).FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return TypedResults.NotFound();
        }

        // At the door a helper shows the QR code of a link no phone holds yet (never opened, or new after a release);
        // a link a phone already holds is that person's, and only the host may hand it out again.
        if (HostRoutes.ByHelper(request.HttpContext) && person.ClaimedAt is not null && !PersonalLinks.IsReserved(person.ClaimedBy))
        {
            var texts = Languages.Of(request);
            return TypedResults.Problem(detail: texts.T("checkin.said.hasLinkDetail"), statusCode: StatusCodes.Status403Forbidden, title: texts.T("checkin.said.hasLinkTitle"));
        }

        var (origin, _) = links.Origin(request);
        return TypedResults.Content(JoinLinks.QrSvg(origin + PersonalLinks.PathFor(person.Token)), "image/svg+xml");
    }

    /// <summary>The event's helper link, if any, works (its key itself is not kept).</summary>
    internal static async Task<Results<Ok<HelperLinkState>, NotFound>> HelperLinkNow(Guid id, AppDb db, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.HelperKeyHash }).FirstOrDefaultAsync(cancellationToken);
        return record is null ? TypedResults.NotFound() : TypedResults.Ok(new HelperLinkState(record.HelperKeyHash is not null));
    }

    /// <summary>A new helper link for the door; the one before stops working at once.</summary>
    internal static async Task<Results<Ok<HelperLink>, NotFound>> NewHelperLink(Guid id, HttpRequest request, AppDb db, JoinLinks links, ILogger<HelperLink> log, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var (key, hash) = HostKeys.NewKey();
        record.HelperKeyHash = hash;
        await db.SaveChangesAsync(cancellationToken);
        log.LogInformation("Host made a new helper link for event {EventId}", id);
        var (origin, _) = links.Origin(request);
        return TypedResults.Ok(new HelperLink(origin + HelperPath(id, key)));
    }

    internal static async Task<Results<NoContent, NotFound>> RevokeHelperLink(Guid id, AppDb db, ILogger<HelperLink> log, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        record.HelperKeyHash = null;
        await db.SaveChangesAsync(cancellationToken);
        log.LogInformation("Host revoked the helper link of event {EventId}", id);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The helper link as a QR code, for a helper's phone to scan off the host's screen. The host's laptop keeps the
    /// link and sends its key; only the current link is drawn, so a revoked one cannot be shown by mistake.
    /// </summary>
    internal static async Task<Results<ContentHttpResult, NotFound>> HelperLinkQr(Guid id, HttpRequest request, AppDb db, JoinLinks links, CancellationToken cancellationToken)
    {
        var key = request.Headers[HostRoutes.HelperKeyHeader].FirstOrDefault();
        var hash = await db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => e.HelperKeyHash).FirstOrDefaultAsync(cancellationToken);
        if (key is null || hash is null || !HostKeys.Matches(key, hash))
        {
            return TypedResults.NotFound();
        }

        var (origin, _) = links.Origin(request);
        return TypedResults.Content(JoinLinks.QrSvg(origin + HelperPath(id, key)), "image/svg+xml");
    }

    private static string HelperPath(Guid id, string key) => $"/help/{id}#key={key}";

    /// <summary>
    /// A walk-in who is already on the list (same e-mail, or same name and no e-mail to tell them apart) is refused
    /// with what to do: check the person in, or tell the two apart.
    /// </summary>
    private static async Task<ProblemHttpResult?> AlreadyThere(AppDb db, Guid id, PlanResult plan, Person person, Texts texts, CancellationToken cancellationToken)
    {
        var stored = await db.People.AsNoTracking().Where(p => p.EventId == id).Select(p => new { p.Key, p.Name }).ToListAsync(cancellationToken);
        var everyone = stored.Select(p => (p.Key, p.Name)).Concat(plan.Rotation.Mentees.Concat(plan.Rotation.Mentors).Select(p => (p.Key, p.Name)));
        var same = everyone.FirstOrDefault(p => p.Key == person.Key || (person.Email is null && string.Equals(p.Name, person.Name, StringComparison.OrdinalIgnoreCase)));
        if (same.Key is null)
        {
            return null;
        }

        var detail = person.Email is not null && same.Key == person.Key
            ? texts.T("checkin.said.sameEmail", ("name", same.Name), ("email", person.Email))
            : texts.T("checkin.said.sameName", ("name", same.Name));
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: texts.T("checkin.said.alreadyTitle"));
    }

    /// <summary>Where a walk-in sits, read off their new itinerary, in one sentence.</summary>
    private static string Joins(Texts texts, Person person, IReadOnlyList<ItineraryRow> rounds)
    {
        var first = rounds[0];
        var seated = rounds.FirstOrDefault(r => r.Table is not null);
        (string Name, object? Value) name = ("name", person.Name), round = ("round", first.Round);
        return (person.CanMentor, first.Table, seated) switch
        {
            (true, { } table, _) => texts.T("checkin.said.hosts", name, ("table", table), round),
            (false, { } table, _) => texts.T("checkin.said.joinsAt", name, ("table", table), round),
            (_, null, { } later) => texts.T("checkin.said.restsFirst", name, round, ("table", later.Table), ("later", later.Round)),
            _ => texts.T("checkin.said.noSeat", name),
        };
    }

    /// <summary>How far the change reached: who else changes table (listed with the answer), and who else is told.</summary>
    private static string Told(Texts texts, IReadOnlyList<string> told, ReplanResult result, string key)
    {
        var others = told.Count(k => k != key);
        var movers = result.Changes.Where(c => c.Key != key).Select(c => c.Key).Distinct(StringComparer.Ordinal).Count();
        return (others, movers) switch
        {
            (0, _) => texts.T("checkin.said.nobodyElse"),
            (_, 0) => texts.Plural("checkin.said.toldOnly", others),
            _ => texts.Plural("checkin.said.moversTold", movers, ("told", texts.Plural("checkin.said.peopleTold", others))),
        };
    }

    /// <summary>The answer to a re-plan: who else moved where, and which itineraries and table signs to print again.</summary>
    private static StatusResult Result(AppDb db, HttpContext http, Texts texts, EventRecord record, PersonRecord person, IReadOnlyList<string> told, ReplanResult result, string message)
    {
        var people = db.People.Local.Where(p => p.EventId == record.Id).ToDictionary(p => p.Key, StringComparer.Ordinal);
        var moves = result.Changes.Where(c => c.Key != person.Key)
            .Select(c =>
            {
                var who = people.GetValueOrDefault(c.Key);
                var role = who?.Role ?? "mentee";
                return new PersonMove(who?.Id, c.Name, role, c.Round, c.FromTable, c.ToTable, MoveText(texts, c, role));
            })
            .OrderBy(m => m.Round).ThenBy(m => m.Name, StringComparer.CurrentCulture).ToList();
        var reprint = Reprint.Of(people.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal), told, result.Changes);
        return new StatusResult(HostView(person, http, record), told.Count, message, moves, reprint);
    }

    private static string MoveText(Texts texts, SeatChange c, string role)
    {
        var key = (role == "mentor", c.FromTable, c.ToTable) switch
        {
            (true, not null, null) => "checkin.move.closes",
            (true, null, not null) => "checkin.move.hosts",
            (true, not null, not null) => "checkin.move.hostsInstead",
            (false, not null, not null) => "checkin.move.moves",
            (false, not null, null) => "checkin.move.restsInstead",
            (false, null, not null) => "checkin.move.sits",
            _ => "checkin.move.rests",
        };
        return texts.T(key, ("round", c.Round), ("name", c.Name), ("from", c.FromTable), ("to", c.ToTable));
    }

    // A re-plan made at the door reaches the host too, who holds the printer: the moves and the reprint offer.
    private static async Task<StatusResult> Tell(IHubContext<LiveHub, ILiveClient> hub, HttpContext http, Guid id, StatusResult result)
    {
        if (HostRoutes.ByHelper(http))
        {
            await hub.Clients.Group(LiveHub.HostGroup(id)).CheckInDone(result);
        }

        return result;
    }

    // The re-planner refuses changes it cannot apply (an unknown person, say) with an ArgumentException. A desk that
    // hangs up stops a long re-plan (the request's token) before anything is saved: the change is then not made.
    private static ReplanResult? TryReplan(PlanResult before, int held, RosterChange change, CancellationToken cancellationToken)
    {
        try
        {
            return Replanner.Replan(before, held, [change], cancellationToken);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ProblemHttpResult CouldNotReplan(Texts texts, string name) =>
        TypedResults.Problem(detail: texts.T("checkin.said.notReplannedDetail", ("name", name)), statusCode: StatusCodes.Status409Conflict, title: texts.T("checkin.said.notReplannedTitle"));

    // A personal link opens (and claims) that person's phone view: the host sees them all, a helper at the door none
    // (the desk shows a QR code to scan instead, see LinkQr).
    private static HostPersonView HostView(PersonRecord p, HttpContext http, EventRecord? e = null) =>
        new(p.Id, p.Name, p.Role, p.Status, HostRoutes.ByHelper(http) ? null : PersonalLinks.PathFor(p.Token), p.ClaimedAt, PersonalLinks.IsReserved(p.ClaimedBy), p.HereAskedAt,
            e?.Mode == EventRecord.Hybrid ? OnlineRooms.Attends(e, p.Profile) : null);
}
