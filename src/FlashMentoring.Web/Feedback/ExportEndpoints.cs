using System.Globalization;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Feedback;

/// <summary>The host's spreadsheets: every rating with its round, table and mentor, and the mutual pairs.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var host = app.MapHostRoutes().WithTags("Report");
        host.MapGet("/exports/ratings.csv", RatingsCsv).WithSummary("Download the ratings as CSV").ProducesFile("text/csv");
        host.MapGet("/exports/pairs.csv", PairsCsv).WithSummary("Download the pairs as CSV").ProducesFile("text/csv");
        return app;
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> RatingsCsv(Guid id, AppDb db, PlanStore plans, CancellationToken cancellationToken)
    {
        if (await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        var people = await db.People.AsNoTracking().Where(p => p.EventId == id).ToDictionaryAsync(p => p.Id, cancellationToken);
        var answers = await db.Answers.AsNoTracking().Where(a => a.EventId == id).OrderBy(a => a.Round).ThenBy(a => a.PersonId).ToListAsync(cancellationToken);
        var seats = ReportBuilder.Seats(await plans.LoadAsync(record, cancellationToken));
        return CsvDownload.File("ratings.csv", ["round", "respondent", "role", "table", "mentor", "rating", "note", "note signed"], answers.Select(a =>
        {
            var person = people.GetValueOrDefault(a.PersonId);
            var seat = person is null ? default : seats.GetValueOrDefault((person.Key, a.Round));
            return new[]
            {
                a.Round == 0 ? "survey" : a.Round.ToString(CultureInfo.InvariantCulture),
                a.NoteSigned ? person?.Name ?? "" : "anonymous",
                person?.Role ?? "",
                seat.Table?.ToString(CultureInfo.InvariantCulture) ?? "",
                seat.Mentor ?? "",
                a.Rating?.ToString(CultureInfo.InvariantCulture) ?? "",
                a.Note ?? "",
                a.NoteSigned ? "yes" : "no",
            };
        }));
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> PairsCsv(Guid id, AppDb db, ReportBuilder reports, CancellationToken cancellationToken)
    {
        if (await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        var report = await reports.BuildAsync(record, cancellationToken);
        return CsvDownload.File("pairs.csv", ["mentee", "mentor", "mentee's rank", "mentor's rank", "confirmed"], report.Mutual.Select(p => new[]
        {
            p.Mentee, p.Mentor, p.MenteeRank.ToString(CultureInfo.InvariantCulture), p.MentorRank?.ToString(CultureInfo.InvariantCulture) ?? "", p.Confirmed ? "yes" : "no",
        }));
    }
}
