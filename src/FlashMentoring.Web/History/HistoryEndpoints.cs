using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace FlashMentoring.Web.History;

/// <summary>Where some of the earlier meetings came from: an earlier event of this host, or an uploaded meetings.csv.</summary>
public sealed record HistorySourceView(string Kind, string Label, Guid? EventId, int Meetings, DateTimeOffset AddedAt);

/// <summary>
/// What the plan takes into account from earlier events: the sources, how many meetings, how many of them concern
/// people of this event (pairs who met, mentees who shared a table), and whether it can still change (before the start).
/// </summary>
public sealed record HistoryView(IReadOnlyList<HistorySourceView> Sources, int Meetings, int PastPairs, int PastTableMates, bool CanChange)
{
    /// <summary>The lines of an uploaded file that were skipped; only in the answer to an upload.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LineProblem>? Problems { get; init; }
}

/// <summary>An earlier event to take into account: its host link as its console shows it, or its id and host key.</summary>
public sealed record EarlierEventRequest(string? Link, Guid? EventId, string? HostKey);

/// <summary>
/// The programme's earlier events: the meetings.csv every event exports, and the earlier meetings an event's plan
/// takes into account (pairs who met are not planned again unless asked for, past tablemates count as repeats).
/// </summary>
/// <remarks>
/// Which meetings belong to which source: <see cref="HistoryRecord.Meetings"/> holds each source's meetings as one
/// block, in the order of <see cref="HistoryRecord.Sources"/>, each block as long as its source's count. Removing a
/// source cuts its block out; a re-uploaded file is removed and added again at the end. Each meeting's event name is
/// the earlier event's title (numbered when two sources share a title, so their tables never merge) or
/// "file name: event column" for a file.
/// </remarks>
public static partial class HistoryEndpoints
{
    /// <summary>
    /// Earlier meetings an event keeps at most: eighty events of 600 meetings, a few MB in its own table. Every plan
    /// load turns them into pairs of tablemates (up to 210 for a table of 21), so the cap bounds that work too.
    /// </summary>
    public const int MaxMeetings = 50_000;

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        var host = app.MapHostRoutes().WithTags("Earlier events");
        host.MapGet("/meetings.csv", MeetingsCsv).WithSummary("Download who met whom as CSV").ProducesFile("text/csv");
        host.MapGet("/history", Get).WithSummary("Read the earlier events the plan takes into account");
        host.MapPut("/history/file", PutFile).WithSummary("Upload a meetings.csv of earlier events, and re-plan").AsHeavyWork("Re-plan")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // Described, not declared with Accepts: a declared type would answer a stranger 415 before the host-key check's 403.
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = $"A meetings.csv (as GET meetings.csv writes it), UTF-8 or Latin-1, at most 5 MB. {MeetingsFile.HeaderAdvice}",
                    Content = new Dictionary<string, OpenApiMediaType> { ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
                return Task.CompletedTask;
            });
        host.MapPost("/history/events", AddEvent).WithSummary("Take an earlier event into account, and re-plan").AsHeavyWork("Re-plan");
        host.MapDelete("/history/sources/{index:int}", Remove).WithSummary("Stop taking an earlier event or file into account, and re-plan").AsHeavyWork("Re-plan");
        return app;
    }

    internal static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> MeetingsCsv(Guid id, HttpRequest request, AppDb db, TimeProvider time, PlanStore plans, CancellationToken cancellationToken)
    {
        if (await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        return await plans.LoadAsync(record, cancellationToken) is { } loaded
            ? CsvDownload.File($"meetings-{MeetingsFile.Slug(record.Title)}.csv", MeetingsFile.Header, MeetingsFile.Rows(record.Title, loaded.Plan, MeetingsFile.RoundsTakenPlace(record, time.GetUtcNow())))
            : TypedResults.Problem(detail: Languages.Of(request).T("history.said.noPlan"), statusCode: StatusCodes.Status404NotFound, title: Languages.Of(request).T("checkin.said.noPlanTitle"));
    }

    internal static async Task<Results<Ok<HistoryView>, NotFound>> Get(Guid id, AppDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        var stored = await db.Histories.AsNoTracking().FirstOrDefaultAsync(h => h.EventId == id, cancellationToken);
        return TypedResults.Ok(await View(db, record, stored, time, cancellationToken));
    }

    /// <summary>Adds (or replaces, by file name) a meetings.csv; its unreadable lines are skipped and listed.</summary>
    internal static async Task<Results<Ok<HistoryView>, NotFound, ProblemHttpResult>> PutFile(
        Guid id, string? name, HttpRequest request, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        var (bytes, tooLarge) = await ReadBody(request, texts, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var fileName = Path.GetFileName(name?.Trim() ?? "") is { Length: > 0 } given ? given[..Math.Min(given.Length, 120)] : "meetings.csv";
        var (text, latin1) = RosterParser.Decode(bytes!);
        var (meetings, problems, headerMissing) = MeetingsFile.Read(text, fileName);
        if (headerMissing || meetings.Count == 0)
        {
            var lines = string.Join(" ", problems.Take(3).Select(p => p.Text.StartsWith("Lines ", StringComparison.Ordinal) ? p.Text : texts.T("history.said.lineProblem", ("line", p.Line), ("text", p.Text))));
            var why = headerMissing ? MeetingsFile.HeaderAdvice : texts.T("history.said.noLineRead", ("lines", lines), ("advice", MeetingsFile.HeaderAdvice));
            return TypedResults.Problem(detail: why, statusCode: StatusCodes.Status400BadRequest, title: texts.T("history.said.nothingReadTitle", ("name", fileName)));
        }

        if (latin1)
        {
            problems.Insert(0, new LineProblem(0, texts.T("history.said.latin1")));
        }

        var answer = await Change(id, texts, db, time, plans, publisher, history =>
        {
            var same = history.Sources.FindIndex(s => s.Kind == "file" && string.Equals(s.Label, fileName, StringComparison.OrdinalIgnoreCase));
            var kept = same < 0 ? history : Without(history, same);
            return Task.FromResult<HistoryEdit>(With(kept, new HistorySource { Kind = "file", Label = fileName, Meetings = meetings.Count, AddedAt = time.GetUtcNow() }, meetings));
        }, cancellationToken);
        return answer.Result is Ok<HistoryView> ok ? TypedResults.Ok(ok.Value! with { Problems = problems }) : answer;
    }

    /// <summary>
    /// Adds an earlier event of this server, proved with its host link: the same refusal for an event that does not
    /// exist and for a key that does not open it, so the answer tells a guesser nothing.
    /// </summary>
    internal static async Task<Results<Ok<HistoryView>, NotFound, ProblemHttpResult>> AddEvent(
        Guid id, EarlierEventRequest earlier, HttpRequest request, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        var (otherId, key) = earlier.EventId is { } given ? (given, earlier.HostKey) : FromLink(earlier.Link);
        if (otherId == Guid.Empty || string.IsNullOrEmpty(key))
        {
            return TypedResults.Problem(detail: texts.T("history.said.notALink"), statusCode: StatusCodes.Status400BadRequest, title: texts.T("history.said.notALinkTitle"));
        }

        if (otherId == id)
        {
            return TypedResults.Problem(detail: texts.T("history.said.sameEvent"), statusCode: StatusCodes.Status409Conflict, title: texts.T("history.said.sameEventTitle"));
        }

        var other = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == otherId, cancellationToken);
        // The hash is compared for an unknown event too, so it answers in the same time as a wrong key.
        if (!HostKeys.Matches(key, other?.HostKeyHash ?? HostKeys.Hash("")) || other is null)
        {
            return TypedResults.Problem(detail: texts.T("history.said.badLink"), statusCode: StatusCodes.Status403Forbidden, title: texts.T("history.said.badLinkTitle"));
        }

        var now = time.GetUtcNow();
        if (PlanPublisher.RoundsHeld(other, now).Phase == Phase.Waiting && other.StartsAt > now)
        {
            var date = other.StartsAt.ToString(texts.T("history.said.dateFormat"), texts.Culture);
            return Refuse(texts.T("history.said.notHeld", ("title", other.Title), ("date", date)), texts.T("history.said.notHeldTitle"));
        }

        return await Change(id, texts, db, time, plans, publisher, async history =>
        {
            if (history.Sources.Any(s => s.EventId == otherId))
            {
                return Refuse(texts.T("history.said.alreadyAdded", ("title", other.Title)), texts.T("history.said.alreadyAddedTitle"));
            }

            if (await plans.LoadAsync(other, cancellationToken) is not { } earlierPlan)
            {
                return Refuse(texts.T("history.said.noPlanThere", ("title", other.Title)), texts.T("history.said.noPlanThereTitle"));
            }

            var meetings = MeetingsFile.Meetings(Unused(other.Title, history.Meetings), earlierPlan.Plan, MeetingsFile.RoundsTakenPlace(other, now));
            return With(history, new HistorySource { Kind = "event", Label = other.Title, EventId = otherId, Meetings = meetings.Count, AddedAt = now }, meetings);
        }, cancellationToken);
    }

    /// <summary>
    /// Removes the source at <paramref name="index"/>; with <paramref name="label"/> (as the console showed it), only if
    /// that source still has it, so a console whose list is out of date (another tab removed one) never removes another.
    /// </summary>
    internal static Task<Results<Ok<HistoryView>, NotFound, ProblemHttpResult>> Remove(
        Guid id, int index, string? label, HttpRequest request, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        return Change(id, texts, db, time, plans, publisher, history => Task.FromResult<HistoryEdit>(
            index < 0 || index >= history.Sources.Count
                ? Refuse(texts.T("history.said.noSource", ("index", index)), texts.T("history.said.noSourceTitle"), StatusCodes.Status404NotFound)
                : label is not null && !string.Equals(history.Sources[index].Label, label, StringComparison.Ordinal)
                    ? Refuse(texts.T("history.said.listChanged"), texts.T("history.said.listChangedTitle"))
                    : Without(history, index)), cancellationToken);
    }

    /// <summary>
    /// Changes the history, one change at a time with the event's other re-plans, before the first round only. With a
    /// plan, the event is planned again from scratch (nobody has sat anywhere yet) and the phones whose itinerary
    /// changed are told, as after a pin.
    /// </summary>
    private static Task<Results<Ok<HistoryView>, NotFound, ProblemHttpResult>> Change(
        Guid id, Texts texts, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, Func<HistoryRecord, Task<HistoryEdit>> edit, CancellationToken cancellationToken) =>
        publisher.OneAtATime<Results<Ok<HistoryView>, NotFound, ProblemHttpResult>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            if (PlanPublisher.RoundsHeld(record, time.GetUtcNow()).Phase != Phase.Waiting)
            {
                return TypedResults.Problem(detail: texts.T("history.said.started"), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.startedTitle"));
            }

            var stored = await db.Histories.FirstOrDefaultAsync(h => h.EventId == id, cancellationToken);
            var outcome = await edit(stored ?? new HistoryRecord { EventId = id });
            if (outcome.Refusal is { } refusal)
            {
                return refusal;
            }

            if (outcome.History!.Meetings.Count > MaxMeetings)
            {
                var most = MaxMeetings.ToString("N0", texts.Culture);
                var would = outcome.History.Meetings.Count.ToString("N0", texts.Culture);
                return TypedResults.Problem(detail: texts.T("history.said.tooMany", ("most", most), ("would", would)), statusCode: StatusCodes.Status409Conflict, title: texts.T("history.said.tooManyTitle"));
            }

            // Read before the change: the stored plan's constraints hold the history it was made with.
            var loaded = await plans.LoadAsync(record, cancellationToken);
            if (stored is null)
            {
                stored = new HistoryRecord { EventId = id };
                db.Histories.Add(stored);
            }

            (stored.Sources, stored.Meetings) = (outcome.History.Sources, outcome.History.Meetings);
            if (loaded is null)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                var before = loaded.Plan;
                var roles = new RoleAssignment(before.Rotation.Mentors, before.Rotation.Mentees);
                var after = RotationEngine.Plan(roles, before.Settings, before.Constraints with { History = PlanStore.History(stored) }, before.Attendance, cancellationToken);
                await publisher.SaveAndTell(db, record, Replanner.Compare(before, after, roundsHeld: 0), cancellationToken);
            }

            return TypedResults.Ok(await View(db, record, stored, time, cancellationToken));
        }, cancellationToken);

    /// <summary>A new history, or why the change was refused.</summary>
    private sealed record HistoryEdit(HistoryRecord? History, ProblemHttpResult? Refusal)
    {
        public static implicit operator HistoryEdit(HistoryRecord history) => new(history, null);

        public static implicit operator HistoryEdit(ProblemHttpResult refusal) => new(null, refusal);
    }

    private static ProblemHttpResult Refuse(string detail, string title, int status = StatusCodes.Status409Conflict) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    // Copies, never edits in place: the stored history changes only when the re-plan is saved with it.
    private static HistoryRecord With(HistoryRecord history, HistorySource source, IEnumerable<PastMeetingRecord> meetings) =>
        new() { EventId = history.EventId, Sources = [.. history.Sources.Select(Copy), source], Meetings = [.. history.Meetings.Select(Copy), .. meetings] };

    private static HistoryRecord Without(HistoryRecord history, int index)
    {
        var start = history.Sources.Take(index).Sum(s => s.Meetings);
        var length = history.Sources[index].Meetings;
        return new()
        {
            EventId = history.EventId,
            Sources = history.Sources.Where((_, k) => k != index).Select(Copy).ToList(),
            Meetings = history.Meetings.Where((_, k) => k < start || k >= start + length).Select(Copy).ToList(),
        };
    }

    private static HistorySource Copy(HistorySource s) => new() { Kind = s.Kind, Label = s.Label, EventId = s.EventId, Meetings = s.Meetings, AddedAt = s.AddedAt };

    private static PastMeetingRecord Copy(PastMeetingRecord m) => new() { Event = m.Event, Round = m.Round, Table = m.Table, Mentor = m.Mentor, Mentee = m.Mentee };

    /// <summary>The title, numbered when another source's meetings already carry it ("Spring (2)").</summary>
    private static string Unused(string title, IEnumerable<PastMeetingRecord> meetings)
    {
        var taken = meetings.Select(m => m.Event).ToHashSet(StringComparer.Ordinal);
        var name = title;
        for (var n = 2; taken.Contains(name); n++)
        {
            name = $"{title} ({n})";
        }

        return name;
    }

    private static async Task<HistoryView> View(AppDb db, EventRecord record, HistoryRecord? stored, TimeProvider time, CancellationToken cancellationToken)
    {
        var people = (await db.People.AsNoTracking().Where(p => p.EventId == record.Id).Select(p => p.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var history = PlanStore.History(stored);
        return new HistoryView(
            (stored?.Sources ?? []).Select(s => new HistorySourceView(s.Kind, s.Label, s.EventId, s.Meetings, s.AddedAt)).ToList(),
            stored?.Meetings.Count ?? 0,
            history.MetPairs.Count(p => people.Contains(p.Mentee) && people.Contains(p.Mentor)),
            history.TableMates.Count(p => people.Contains(p.First) && people.Contains(p.Second)),
            PlanPublisher.RoundsHeld(record, time.GetUtcNow()).Phase == Phase.Waiting);
    }

    /// <summary>The event id and key of a host link: <c>https://server/host/{id}#key={key}</c>, the server part optional.</summary>
    private static (Guid Id, string? Key) FromLink(string? link)
    {
        var match = HostLink().Match(link?.Trim() ?? "");
        return match.Success && Guid.TryParse(match.Groups["id"].Value, out var id) ? (id, Uri.UnescapeDataString(match.Groups["key"].Value)) : (Guid.Empty, null);
    }

    [GeneratedRegex(@"/host/(?<id>[0-9a-fA-F-]{36})[^#]*#(?:[^#]*&)?key=(?<key>[^&\s]+)")]
    private static partial Regex HostLink();

    /// <summary>The body's bytes, up to the roster's size limit (read one chunk past it at most).</summary>
    private static async Task<(byte[]? Bytes, ProblemHttpResult? TooLarge)> ReadBody(HttpRequest request, Texts texts, CancellationToken cancellationToken)
    {
        var tooLarge = TypedResults.Problem(detail: texts.T("history.said.tooLarge"), statusCode: StatusCodes.Status413PayloadTooLarge, title: texts.T("history.said.tooLargeTitle"));
        if (request.ContentLength > RosterUpload.MaxBytes)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > RosterUpload.MaxBytes)
            {
                return (null, tooLarge);
            }
        }

        return (buffer.ToArray(), null);
    }
}
