using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Online;

/// <summary>The event's mode.</summary>
public sealed record ModeRequest(string? Mode);

/// <summary>The room link pattern; null clears it.</summary>
public sealed record PatternRequest(string? Pattern);

/// <summary>A table's new room link.</summary>
public sealed record RoomRequest(string? Link);

/// <summary>What a replaced room reached: the table, its new link, and how many people were told.</summary>
public sealed record RoomReplaced(int Table, string Link, int Told);

/// <summary>The prompts of the rounds, round 1 first; "" for none.</summary>
public sealed record PromptsRequest(IReadOnlyList<string?>? Prompts);

/// <summary>The host's online and hybrid settings: the event's mode, the tables' video rooms, the rounds' prompts, who is in their room.</summary>
public static class OnlineEndpoints
{
    public static IEndpointRouteBuilder MapOnline(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var host = app.MapHostRoutes().WithTags("Online");
        host.MapGet("/online", Get).WithSummary("Read the mode, the video rooms and the prompts");
        host.MapPut("/mode", PutMode).WithSummary("Set the event's mode: in-person, online or hybrid").AsHeavyWork("Re-plan");
        host.MapPut("/rooms/pattern", PutPattern).WithSummary("Set the video room link pattern");
        host.MapPut("/rooms", PutRooms).WithSummary("Upload the video rooms as a table,link CSV").DisableAntiforgery();
        host.MapPut("/rooms/{table:int}", ReplaceRoom).WithSummary("Replace one table's video room and tell its people");
        host.MapPut("/prompts", PutPrompts).WithSummary("Set the prompt of each round");
        host.MapGet("/presence", Presence).WithSummary("Who is in their video room this round");
        return app;
    }

    internal static async Task<Results<Ok<OnlineView>, NotFound>> Get(Guid id, HttpRequest request, AppDb db, PlanStore plans, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return record is null ? TypedResults.NotFound() : TypedResults.Ok(await ViewAsync(plans, record, Languages.Of(request), cancellationToken));
    }

    /// <summary>
    /// Sets the mode before the start. When a plan exists and the mode changes who is online, the plan is made again
    /// (the same seats where the rule allows) and the phones are told as after any re-plan.
    /// </summary>
    internal static async Task<Results<Ok<OnlineView>, NotFound, ProblemHttpResult, ValidationProblem>> PutMode(
        Guid id, ModeRequest body, HttpRequest request, AppDb db, PlanStore plans, PlanPublisher publisher, TimeProvider time, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        var mode = body.Mode?.Trim().ToLowerInvariant();
        if (mode is null || !OnlineRooms.Modes.Contains(mode))
        {
            return Invalid("mode", texts.T("online.problem.chooseMode", ("modes", string.Join(", ", OnlineRooms.Modes)), ("mode", body.Mode)), texts.T("online.problem.unknownMode"));
        }

        return await publisher.OneAtATime<Results<Ok<OnlineView>, NotFound, ProblemHttpResult, ValidationProblem>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            if (ClockStore.Now(record, time.GetUtcNow()).Phase != Phase.Waiting)
            {
                return TypedResults.Problem(detail: texts.T("online.problem.startedDetail"), statusCode: StatusCodes.Status409Conflict, title: texts.T("online.problem.started"));
            }

            if (record.Mode == mode)
            {
                return TypedResults.Ok(await ViewAsync(plans, record, texts, cancellationToken));
            }

            var loaded = await plans.LoadAsync(record, cancellationToken);
            var people = await db.People.Where(p => p.EventId == id).ToDictionaryAsync(p => p.Key, StringComparer.Ordinal, cancellationToken);
            var wasOnline = loaded is null ? null : ModeChange.OnlineKeys(record, loaded.Plan, people);
            record.Mode = mode;
            if (loaded is null || wasOnline!.SetEquals(ModeChange.OnlineKeys(record, loaded.Plan, people)))
            {
                await db.SaveChangesAsync(cancellationToken);
                await hub.Clients.Group(LiveHub.Group(id)).PlanChanged(record.PlanVersion);
            }
            else
            {
                var after = ModeChange.Replan(record, loaded.Plan, cancellationToken);
                await publisher.SaveAndTell(db, record, Replanner.Compare(loaded.Plan, after, 0), cancellationToken);
            }

            return TypedResults.Ok(await ViewAsync(plans, record, texts, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>Sets (or clears) the pattern every online table's room is made from; the random part is made once.</summary>
    internal static async Task<Results<Ok<OnlineView>, NotFound, ValidationProblem>> PutPattern(
        Guid id, PatternRequest body, HttpRequest request, AppDb db, PlanStore plans, PlanPublisher publisher, TimeProvider time, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        var pattern = string.IsNullOrWhiteSpace(body.Pattern) ? null : body.Pattern.Trim();
        if (pattern is not null && PatternProblem(pattern, texts) is { } problem)
        {
            return Invalid("pattern", problem, texts.T("online.problem.badPattern"));
        }

        return await publisher.OneAtATime<Results<Ok<OnlineView>, NotFound, ValidationProblem>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            record.Rooms.Pattern = pattern;
            if (pattern is not null)
            {
                record.Rooms.Secret ??= OnlineRooms.NewSecret();
            }

            return TypedResults.Ok(await SaveAndTellAsync(db, plans, record, time, hub, texts, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>
    /// Takes a <c>table,link</c> CSV: good lines replace the per-table links of before (a room replaced mid-event
    /// stays unless a line names its table), bad lines come back by line number.
    /// </summary>
    internal static async Task<Results<Ok<OnlineView>, NotFound, ProblemHttpResult>> PutRooms(
        Guid id, HttpRequest request, AppDb db, PlanStore plans, PlanPublisher publisher, TimeProvider time, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        // Read whole before the event is: a save that must run again cannot read the request twice.
        var texts = Languages.Of(request);
        if (await ReadBoundedAsync(request.Body, RoomImport.MaxBytes, cancellationToken) is not { } bytes)
        {
            return TypedResults.Problem(detail: texts.T("online.problem.tooLargeDetail"), statusCode: StatusCodes.Status413PayloadTooLarge, title: texts.T("online.problem.tooLarge"));
        }

        return await publisher.OneAtATime<Results<Ok<OnlineView>, NotFound, ProblemHttpResult>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            if (await plans.LoadAsync(record, cancellationToken) is not { } loaded)
            {
                return TypedResults.Problem(detail: texts.T("online.problem.noTablesDetail"), statusCode: StatusCodes.Status409Conflict, title: texts.T("online.problem.noTables"));
            }

            var read = RoomImport.Read(bytes, loaded.Plan.Rotation.Mentors.Count, texts);
            if (read.Links.Count == 0)
            {
                return TypedResults.Problem(
                    detail: texts.T(read.Problems.Count == 0 ? "online.problem.emptyFile" : "online.problem.noLineUsed"),
                    statusCode: StatusCodes.Status400BadRequest,
                    title: texts.T("online.problem.noRooms"),
                    extensions: new Dictionary<string, object?> { ["problems"] = read.Problems });
            }

            var named = read.Links.Select(l => l.Table).ToHashSet();
            record.Rooms.Links = [.. read.Links, .. record.Rooms.Links.Where(l => l.ReplacedAt is not null && !named.Contains(l.Table)).Select(Copy)];
            return TypedResults.Ok(await SaveAndTellAsync(db, plans, record, time, hub, texts, cancellationToken) with { Problems = read.Problems });
        }, cancellationToken);
    }

    /// <summary>Replaces one table's room (a broken link) and pushes the new one to exactly that table's people.</summary>
    internal static async Task<Results<Ok<RoomReplaced>, NotFound, ProblemHttpResult, ValidationProblem>> ReplaceRoom(
        Guid id, int table, RoomRequest body, HttpRequest request, AppDb db, PlanStore plans, PlanPublisher publisher, TimeProvider time, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        if (!OnlineRooms.IsSafeLink(body.Link, out var problem, texts))
        {
            return Invalid("link", problem, texts.T("online.problem.badLink"));
        }

        // Mid-event the clock saves the event at every round change: one at a time, and read again if it came first.
        return await publisher.OneAtATime(db, id, () => Replace(id, table, body.Link!.Trim(), db, plans, time, hub, texts, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Ok<RoomReplaced>, NotFound, ProblemHttpResult, ValidationProblem>> Replace(
        Guid id, int table, string link, AppDb db, PlanStore plans, TimeProvider time, IHubContext<LiveHub, ILiveClient> hub, Texts texts, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var loaded = await plans.LoadAsync(record, cancellationToken);
        var rotation = loaded?.Plan.Rotation;
        if (rotation is null || table < 1 || table > rotation.Mentors.Count)
        {
            return TypedResults.Problem(
                detail: rotation is null ? texts.T("online.problem.noTablesYet") : texts.T("online.problem.tableOutOfRange", ("table", table), ("count", rotation.Mentors.Count)),
                statusCode: StatusCodes.Status404NotFound,
                title: texts.T("online.problem.noSuchTable"));
        }

        var j = table - 1;
        if (!rotation.Mentors[j].Online)
        {
            return TypedResults.Problem(detail: texts.T("online.problem.notOnlineDetail", ("table", table)), statusCode: StatusCodes.Status409Conflict, title: texts.T("online.problem.notOnline"));
        }

        var now = time.GetUtcNow();
        record.Rooms.Links = [.. record.Rooms.Links.Where(l => l.Table != table).Select(Copy), new RoomLink { Table = table, Link = link, ReplacedAt = now }];
        MailIfInvited(record, now);
        await db.SaveChangesAsync(cancellationToken);

        // The mentor, and the mentees seated there from the round people are in (or moving to) on: those leaving the
        // table during the change of tables no longer need its room.
        var from = Math.Max(1, PlanPublisher.RoundsSent(record, now));
        var keys = Enumerable.Range(from, Math.Max(0, rotation.Rounds - from + 1))
            .SelectMany(r => rotation.MenteesAt(r, j).Select(i => rotation.Mentees[i].Key))
            .Prepend(rotation.Mentors[j].Key)
            .ToHashSet(StringComparer.Ordinal);
        var ids = await db.People.AsNoTracking().Where(p => p.EventId == id && keys.Contains(p.Key)).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var person in ids)
        {
            await hub.Clients.Group(LiveHub.PersonGroup(person)).RoomChanged(table, link);
        }

        // The host console's video rooms panel shows the new link.
        await hub.Clients.Group(LiveHub.HostGroup(id)).PresenceChanged(from);
        return TypedResults.Ok(new RoomReplaced(table, link, ids.Count));
    }

    /// <summary>Sets the rounds' prompts (round 1 first); phones and the board read them again.</summary>
    internal static async Task<Results<Ok<OnlineView>, NotFound, ValidationProblem>> PutPrompts(
        Guid id, PromptsRequest body, HttpRequest request, AppDb db, PlanStore plans, PlanPublisher publisher, IHubContext<LiveHub, ILiveClient> hub, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        if (body.Prompts is null)
        {
            return Invalid("prompts", texts.T("online.problem.promptsList"), texts.T("online.problem.noPrompts"));
        }

        return await publisher.OneAtATime<Results<Ok<OnlineView>, NotFound, ValidationProblem>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            // A starter, sent as its key or its text in any language, is kept in English: every reader then gets it in their own.
            var prompts = body.Prompts.Select(p => OnlineRooms.StarterKey(p) is { } key ? Texts.English.T(key) : p?.Trim() ?? "").ToList();
            var errors = new Dictionary<string, string[]>();
            if (prompts.Count > record.Rounds)
            {
                errors["prompts"] = [texts.T("online.problem.tooManyPrompts", ("rounds", texts.Plural("common.rounds", record.Rounds)), ("count", prompts.Count))];
            }

            for (var k = 0; k < prompts.Count; k++)
            {
                if (prompts[k].Length > RoundPrompts.MaxLength)
                {
                    errors[$"prompts[{k}]"] = [texts.T("online.problem.promptTooLong", ("n", k + 1), ("length", prompts[k].Length), ("max", RoundPrompts.MaxLength))];
                }
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: texts.T("online.problem.badPrompts"));
            }

            // Trailing rounds that keep the format's own prompt are not stored: they follow the format if it changes.
            var format = RosterUpload.ParseFormat(record.Format) ?? MentoringFormat.Open;
            while (prompts.Count > 0 && prompts[^1] == RoundPrompts.For(format, [], prompts.Count))
            {
                prompts.RemoveAt(prompts.Count - 1);
            }

            record.Prompts = prompts;
            await db.SaveChangesAsync(cancellationToken);
            await hub.Clients.Group(LiveHub.Group(id)).PlanChanged(record.PlanVersion);
            return TypedResults.Ok(await ViewAsync(plans, record, texts, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>Who has said they are in their room, and who their mentor reported missing, at each online table now.</summary>
    internal static async Task<Results<Ok<PresenceView>, NotFound>> Presence(Guid id, AppDb db, PlanStore plans, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var people = await db.People.AsNoTracking().Where(p => p.EventId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(HostPresence.View(record, await plans.LoadAsync(record, cancellationToken), people, time.GetUtcNow()));
    }

    /// <summary>
    /// Saves changed rooms and tells the phones and the board. Before the start, once the invitations went out, the
    /// plan version moves on so the mail sender e-mails an update to the people whose room changed.
    /// </summary>
    private static async Task<OnlineView> SaveAndTellAsync(AppDb db, PlanStore plans, EventRecord record, TimeProvider time, IHubContext<LiveHub, ILiveClient> hub, Texts texts, CancellationToken cancellationToken)
    {
        MailIfInvited(record, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await hub.Clients.Group(LiveHub.Group(record.Id)).PlanChanged(record.PlanVersion);
        return await ViewAsync(plans, record, texts, cancellationToken);
    }

    // The mail sender looks for a plan version not mailed yet, as after a registration edit; it mails only the people
    // whose itinerary (their rooms included) reads differently.
    private static void MailIfInvited(EventRecord record, DateTimeOffset now)
    {
        if (record.InvitationsSentAt is not null && ClockStore.Now(record, now).Phase == Phase.Waiting)
        {
            record.PlanVersion++;
        }
    }

    /// <summary>The body's bytes, or null when it is longer than <paramref name="max"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<OnlineView> ViewAsync(PlanStore plans, EventRecord record, Texts texts, CancellationToken cancellationToken) =>
        OnlineTables.View(record, await plans.LoadAsync(record, cancellationToken), texts);

    /// <summary>
    /// Why a pattern cannot make rooms, or null: it must be an https link once filled in, with {table} (one room per
    /// table) and {event} (which carries the random part nobody can guess).
    /// </summary>
    private static string? PatternProblem(string pattern, Texts texts)
    {
        if (!pattern.Contains("{table}", StringComparison.Ordinal) || !pattern.Contains("{event}", StringComparison.Ordinal))
        {
            return texts.T("online.problem.patternNeeds");
        }

        var sample = pattern.Replace("{event}", "spring-flash-mentoring-k7x2m9p4q3rt", StringComparison.Ordinal).Replace("{table}", "12", StringComparison.Ordinal);
        return OnlineRooms.IsSafeLink(sample, out var problem, texts) ? null : problem;
    }

    // A new row for each kept link: the owned JSON collection is written whole, from new objects.
    private static RoomLink Copy(RoomLink l) => new() { Table = l.Table, Link = l.Link, ReplacedAt = l.ReplacedAt };

    private static ValidationProblem Invalid(string field, string message, string title) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title);
}
