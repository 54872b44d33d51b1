using FlashMentoring.Kits.Documents;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Feedback;

/// <summary>The host's evaluation report, as data and as a PDF, and the confirmation of long-term pairs.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var host = app.MapHostRoutes().WithTags("Report");
        host.MapGet("/report", Report).WithSummary("The evaluation report").AsHeavyWork("Report");
        host.MapGet("/report.pdf", ReportPdf).WithSummary("The evaluation report as a PDF").ProducesFile("application/pdf").AsHeavyWork("Report");
        host.MapPost("/pairs/confirm", Confirm).WithSummary("Confirm the long-term pairs");
        return app;
    }

    internal static async Task<Results<Ok<EventReport>, NotFound>> Report(Guid id, HttpRequest request, AppDb db, ReportBuilder reports, CancellationToken cancellationToken) =>
        await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } record
            ? TypedResults.Ok(await reports.BuildAsync(record, Languages.Of(request), cancellationToken))
            : TypedResults.NotFound();

    /// <summary>The report as a PDF summary with its charts, for a director who wants paper.</summary>
    internal static async Task<Results<FileContentHttpResult, NotFound>> ReportPdf(Guid id, HttpRequest request, AppDb db, ReportBuilder reports, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        if (await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        var r = await reports.BuildAsync(record, texts, cancellationToken);
        static Chart Chart(string title, IReadOnlyList<RatingGroup> groups) => new(title, groups.Select(g => new ChartBar(g.Label, g.Mean, g.Count)).ToList());
        var culture = texts.Culture;
        var model = new EvaluationModel(
            record.Title,
            [
                (texts.T("report.figure.responseRate"), texts.Plural("report.pdf.responseRate", r.People, ("percent", r.ResponseRate.ToString("P0", culture)), ("respondents", r.Respondents))),
                (texts.T("report.figure.ratings"), r.MeanRating is { } m ? texts.T("report.pdf.ratings", ("ratings", r.Ratings), ("mean", m.ToString("0.00", culture))) : texts.T("report.figure.noneYet")),
                (texts.T("report.pdf.correlationTitle"), r.ScoreCorrelation?.ToString("0.00", culture) ?? texts.T("report.pdf.notEnough")),
                (texts.T("report.figure.mutual"), texts.T("report.pdf.mutual", ("mutual", r.Mutual.Count), ("suggested", r.Suggested.Count))),
            ],
            [
                Chart(texts.T("report.byRoundTitle"), r.PerRound), Chart(texts.T("report.byMatchTitle"), r.ByMatch),
                Chart(texts.T("report.survey"), r.Survey), Chart(texts.T("report.pdf.perMentorTitle"), r.PerMentor),
            ],
            r.Mutual.Select(p => (p.Mentee, p.Mentor, texts.T(p.Confirmed ? "report.pdf.confirmed" : r.Suggested.Any(s => s.MenteeId == p.MenteeId && s.MentorId == p.MentorId) ? "report.pdf.suggested" : "report.pdf.mutualOnly"))).ToList());
        var pdf = new EvaluationReport(model, texts).Build(FlashMentoring.Kits.Layout.Paper.Letter);
        return TypedResults.File(pdf.Pdf, "application/pdf", "evaluation.pdf");
    }

    /// <summary>Confirms the optimal assignment of the mutual choices as the event's long-term pairs.</summary>
    internal static async Task<Results<Ok<EventReport>, NotFound>> Confirm(Guid id, HttpRequest request, AppDb db, Meetings meetings, ReportBuilder reports, CancellationToken cancellationToken)
    {
        if (await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        var mutual = await meetings.MutualAsync(id, cancellationToken);
        var chosen = ReportBuilder.Suggest(mutual);
        db.Pairs.RemoveRange(await db.Pairs.Where(p => p.EventId == id).ToListAsync(cancellationToken));
        db.Pairs.AddRange(mutual.Where(m => chosen.Contains(m.Choice)).Select(m => new PairRecord { EventId = id, MentorId = m.Mentor.Id, MenteeId = m.Mentee.Id }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await reports.BuildAsync(record, Languages.Of(request), cancellationToken));
    }
}
