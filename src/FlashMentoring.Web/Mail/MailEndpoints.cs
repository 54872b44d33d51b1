using System.Text;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Mail;

/// <summary>The host's e-mail: what the queue holds, sending the invitations.</summary>
/// <param name="Enabled">An SMTP relay is configured.</param>
/// <param name="Reason">Why e-mail is off, and which settings turn it on; null when on.</param>
/// <param name="Invited">When the host sent the invitations; null before.</param>
/// <param name="Failures">Messages the relay has not taken, newest first, with the reason.</param>
public sealed record MailStatus(bool Enabled, string? Reason, int Queued, int Sent, int Failed, DateTimeOffset? Invited, IReadOnlyList<MailFailure> Failures);

/// <summary>A message not (yet) sent.</summary>
/// <param name="Name">The person it is for; null when they are no longer on the event.</param>
/// <param name="Kind">invitation, update, removed or confirmation.</param>
/// <param name="NextAttemptAt">When it is tried again; null once given up.</param>
public sealed record MailFailure(string To, string? Name, string Kind, int Attempts, string? Error, DateTimeOffset? NextAttemptAt);

/// <summary>The answer to sending the invitations.</summary>
/// <param name="Skipped">Planned people who get no e-mail, and why.</param>
public sealed record InvitationsQueued(int Queued, IReadOnlyList<SkippedPerson> Skipped);

/// <summary>Someone on the plan who gets no invitation.</summary>
public sealed record SkippedPerson(string Name, string Reason);

/// <summary>The e-mail routes: the host's status and invitations, and each person's calendar file.</summary>
public static class MailEndpoints
{
    /// <summary>Failures listed at most; the counts cover every message.</summary>
    private const int MostFailuresShown = 50;

    public static IEndpointRouteBuilder MapMailRoutes(this IEndpointRouteBuilder app)
    {
        var host = app.MapHostRoutes().WithTags("Mail");
        host.MapGet("/mail", Status).WithSummary("E-mail: queued, sent and failed messages");
        host.MapPost("/invitations", Invite).WithSummary("E-mail everyone on the plan their link, first table, itinerary and calendar file");
        app.MapPersonalRoutes().WithTags("Mail").MapGet("/calendar.ics", Calendar).WithSummary("My itinerary as a calendar file").ProducesFile("text/calendar");
        return app;
    }

    internal static async Task<Ok<MailStatus>> Status(Guid id, HttpRequest request, AppDb db, MailQueue queue, CancellationToken cancellationToken)
    {
        var counts = await db.Mail.AsNoTracking().Where(m => m.EventId == id).GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(string status) => counts.FirstOrDefault(c => c.Key == status)?.Count ?? 0;
        var failing = await db.Mail.AsNoTracking().Where(m => m.EventId == id && m.Status != "sent" && m.LastError != null)
            .OrderByDescending(m => m.Id).Take(MostFailuresShown).ToListAsync(cancellationToken);
        var ids = failing.Where(m => m.PersonId != null).Select(m => m.PersonId!.Value).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var failures = failing.Select(m => new MailFailure(
            m.To, m.PersonId is { } person && names.TryGetValue(person, out var name) ? name : null, m.Kind, m.Attempts, m.LastError,
            m.Status == "queued" ? m.NextAttemptAt : null)).ToList();
        var invited = await db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => e.InvitationsSentAt).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new MailStatus(queue.Enabled, queue.Enabled ? null : Languages.Of(request).T("mail.problem.offDetail"), Count("queued"), Count("sent"), Count("failed"), invited, failures));
    }

    /// <summary>
    /// Queues one invitation per planned person with an e-mail. Sent again, it goes to everyone again (the host's
    /// choice: a lost message, a corrected address); the calendar file's SEQUENCE rises only where the plan changed.
    /// </summary>
    internal static async Task<Results<Accepted<InvitationsQueued>, NotFound, ProblemHttpResult>> Invite(
        Guid id, HttpRequest request, AppDb db, PlanStore plans, JoinLinks links, MailQueue queue, TimeProvider time, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        if (!queue.Enabled)
        {
            return TypedResults.Problem(title: texts.T("mail.problem.off"), detail: texts.T("mail.problem.offDetail"), statusCode: StatusCodes.Status409Conflict);
        }

        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (await plans.LoadAsync(record, cancellationToken) is not { } loaded)
        {
            return TypedResults.Problem(title: texts.T("mail.problem.noPlan"), detail: texts.T("mail.problem.noPlanDetail"), statusCode: StatusCodes.Status409Conflict);
        }

        var now = time.GetUtcNow();
        record.LinkOrigin = links.Origin(request).Origin;
        var people = await db.People.Where(p => p.EventId == id).ToListAsync(cancellationToken);
        var skipped = new List<SkippedPerson>();
        var queued = 0;
        foreach (var (person, itinerary) in PlanUpdates.Planned(record, loaded.Plan, people))
        {
            if (PlanUpdates.QueueFor(db, queue, record, person, itinerary, now, again: true))
            {
                queued++;
            }
            else
            {
                skipped.Add(new SkippedPerson(person.Name, texts.T("mail.skipped.noEmail")));
            }
        }

        record.InvitationsSentAt = now;
        record.MailedPlanVersion = loaded.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: texts.T("mail.problem.changed"), detail: texts.T("mail.problem.changedDetail"), statusCode: StatusCodes.Status409Conflict);
        }

        queue.Wake();
        return TypedResults.Accepted($"/api/events/{id}/mail", new InvitationsQueued(queued, skipped));
    }

    /// <summary>The person's itinerary as an .ics file (header X-Person-Token; a token in a URL ends up in logs).</summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Calendar(
        HttpRequest request, bool? rounds, AppDb db, PersonalLinks links, PlanStore plans, JoinLinks joinLinks, TimeProvider time, CancellationToken cancellationToken)
    {
        // A calendar download is no claim of the link: the phone that opens the link claims it.
        if (await links.FindAsync(request.HttpContext, request.Headers[PersonalLinks.TokenHeader].FirstOrDefault(), cancellationToken, claim: false) is not var (linked, record))
        {
            var reader = Languages.Of(request);
            return TypedResults.Problem(title: reader.T("mail.problem.badLink"), detail: reader.T("mail.problem.badLinkDetail"), statusCode: StatusCodes.Status404NotFound);
        }

        var person = await db.People.FirstAsync(p => p.Id == linked.Id, cancellationToken);
        var ids = await db.People.AsNoTracking().Where(p => p.EventId == record.Id).Select(p => new { p.Key, p.Id }).ToDictionaryAsync(p => p.Key, p => p.Id, StringComparer.Ordinal, cancellationToken);
        var itinerary = await plans.LoadAsync(record, cancellationToken) is { } loaded ? MailItinerary.For(record, loaded.Plan, person.Key, ids) : null;
        var link = (record.LinkOrigin ?? joinLinks.Origin(request).Origin) + PersonalLinks.PathFor(person.Token);
        // The person's own language; else the page that asked for it (their phone, in the language they read it in); else the event's.
        var asked = request.Query["lang"].ToString() is var lang && Texts.Knows(lang) ? lang : Texts.Best(request.Headers.AcceptLanguage.ToString());
        var texts = MailLanguage.For(record, Languages.Clean(person.Language) ?? asked);
        if (ItineraryCalendar.Follow(person, itinerary))
        {
            // Two downloads at once compute the same sequence from the same row: the later save writes what the first did.
            await db.SaveChangesAsync(cancellationToken);
        }

        var ics = ItineraryCalendar.Build(record, person, itinerary, link, rounds == true, time.GetUtcNow(), texts);
        return TypedResults.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", ItineraryCalendar.FileName);
    }
}
