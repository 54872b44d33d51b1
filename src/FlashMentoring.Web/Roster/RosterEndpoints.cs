using FlashMentoring.Core.Live;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Roster;

/// <summary>
/// The event's roster: an uploaded CSV is parsed once into people (each keeps their personal link across uploads)
/// and planned; the people, walk-ins included, come back as a roster CSV for the next event.
/// </summary>
public static class RosterEndpoints
{
    public static IEndpointRouteBuilder MapRoster(this IEndpointRouteBuilder app)
    {
        var host = app.MapHostRoutes().WithTags("Roster");
        host.MapPut("/roster", PutRoster).WithSummary("Upload the roster and plan the event").AcceptsRosterCsv().AsHeavyWork("Roster plan");
        host.MapGet("/roster.csv", RosterCsv).WithSummary("Download everyone as a roster CSV").ProducesFile("text/csv");
        return app;
    }

    /// <summary>Uploads (or replaces) the roster and plans the event; rejected lines come back with the plan.</summary>
    internal static async Task<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>> PutRoster(
        Guid id, HttpRequest request, AppDb db, RosterPlanner planner, TimeProvider time, ClockBroadcaster broadcaster, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var texts = Languages.Of(request);

        // An event whose clock was started before it had anyone (older releases allowed it) takes its first roster and
        // goes back to "not started": nobody has been seated, so nothing is lost, and the host starts it again.
        var clockReset = record.ClockPhase != nameof(Phase.Waiting) && record.PlanVersion == 0;
        if (clockReset)
        {
            ClockStore.Write(record, ClockState.NotStarted with { Version = record.ClockVersion + 1 }, time.GetUtcNow());
            record.EndedAt = null;
        }

        if (record.ClockPhase != nameof(Phase.Waiting))
        {
            return TypedResults.Problem(detail: texts.T("host.said.rosterLive"), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.startedTitle"));
        }

        var stored = await db.Plans.FirstOrDefaultAsync(p => p.EventId == id, cancellationToken);
        if (stored is null)
        {
            stored = new PlanRecord { EventId = id };
            db.Plans.Add(stored);
        }

        // People still on the new roster keep their rows and personal links (a printed QR stays valid); the rest go,
        // walk-ins of an earlier roster too.
        var existing = await db.People.Where(p => p.EventId == id).ToDictionaryAsync(p => p.Key, StringComparer.Ordinal, cancellationToken);

        // A registrant's own choices (must meet, no thanks) outlive a file whose line for them says nothing, and so does
        // anyone's way of taking part and time zone (the desk may have switched them); the plan is made from what will be stored.
        Person Merged(Person person) =>
            !existing.TryGetValue(person.Key, out var kept) ? person
            : kept.Source == "registration" ? People.KeepOwnChoices(person, kept)
            : People.KeepHowTheyTakePart(person, kept);

        // The host's pins and forbids outlive a corrected roster.
        var attempt = await planner.PlanFromBodyAsync(request, PlanStore.Settings(record), PlanStore.Constraints(stored, await PlanStore.HistoryOf(db, id, cancellationToken)), PlanLimits.Event, cancellationToken,
            person => People.InMode(record, Merged(person)));
        if (attempt.Problem is not null)
        {
            return attempt.Problem;
        }

        var people = new List<PersonRecord>();
        foreach (var person in attempt.Roster!.People)
        {
            var merged = Merged(person);
            if (existing.Remove(person.Key, out var kept))
            {
                People.SetProfile(kept, merged, kept.Source == "registration" ? kept.Source : "roster", person.Line);
            }
            else
            {
                kept = People.NewRecord(id, person, "roster", person.Line);
                db.People.Add(kept);
            }

            people.Add(kept);
        }

        // Someone who registered through the registration link is not dropped by a file that leaves them out: they stay,
        // unplanned, until the host plans from everyone stored (Registration/RegistrationEndpoints).
        var registered = existing.Values.Where(p => p.Source == "registration").ToList();
        foreach (var kept in registered)
        {
            kept.Seating.Table = null;
            kept.Seating.Seats = [];
            kept.Seating.Away = [];
        }

        db.People.RemoveRange(existing.Values.Except(registered));
        IReadOnlyList<RosterWarning> warnings = registered.Count == 0 ? attempt.Roster.Warnings
            : [new RosterWarning(0, texts.Plural("host.said.registeredKept", registered.Count)), .. attempt.Roster.Warnings];
        stored.Rejected = attempt.Roster.Rejected.Select(r => new LineNote { Line = r.Line, Text = r.Reason }).ToList();
        stored.Warnings = warnings.Select(w => new LineNote { Line = w.Line, Text = w.Message }).ToList();
        PlanStore.Write(record, stored, people, attempt.Plan!);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The clock started, or another upload was saved, while this one was being planned: nothing of it was saved.
            return await Overtaken(id, texts, db, cancellationToken);
        }

        if (clockReset)
        {
            await broadcaster.Publish(id, ClockStore.ViewNow(record, time.GetUtcNow()));
        }

        return TypedResults.Ok(PlanResponse.From(attempt.Plan!, attempt.Roster.Rejected, warnings));
    }

    private static async Task<ProblemHttpResult> Overtaken(Guid id, Core.Wording.Texts texts, AppDb db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return now is not null && now.ClockPhase != nameof(Phase.Waiting)
            ? TypedResults.Problem(detail: texts.T("host.said.startedWhilePlanning"), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.startedTitle"))
            : TypedResults.Problem(detail: texts.T("host.said.otherUpload"), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.otherUploadTitle"));
    }

    /// <summary>Everyone of the event as a roster in the template's columns, walk-ins included: the start of the next event's roster.</summary>
    internal static async Task<FileContentHttpResult> RosterCsv(Guid id, AppDb db, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => p.EventId == id).OrderBy(p => p.Order).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        // Prefers and avoid hold identity keys; the file names people the way a host writes them.
        var byKey = people.ToDictionary(p => p.Key, StringComparer.Ordinal);
        string Names(IEnumerable<string> keys) => string.Join(';', keys.Select(k => byKey.TryGetValue(k, out var p) ? p.Profile.Email ?? p.Name : k));
        var header = RosterParser.Columns.Concat(RosterParser.OptionalColumns).ToArray();
        return CsvDownload.File("roster.csv", header, people.Select(p => (p.Name, p.Language, f: p.Profile)).Select(p => new[]
        {
            p.f.Declared, p.Name, p.f.Email ?? "", p.f.Agency, p.f.Location, p.f.Grade, string.Join(';', p.f.Expertise), string.Join(';', p.f.Needs), p.f.Goals,
            Names(p.f.Prefers), Names(p.f.Avoid), string.Join(';', p.f.Breaks), p.f.Attends ?? "", p.f.TimeZone ?? "", p.Language ?? "",
        }));
    }
}
