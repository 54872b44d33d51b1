using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using FlashMentoring.Core.Feedback;
using FlashMentoring.Kits.Documents;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Feedback;

/// <summary>Ratings gathered under one label (a round, a mentor, a table, a kind of match).</summary>
public sealed record RatingGroup(string Label, int Count, double? Mean);

/// <summary>A note as the host sees it: anonymous unless its author signed it.</summary>
public sealed record ReportNote(int Round, string Text, string? Author);

/// <summary>A mutual choice, suggested or confirmed as a long-term pair.</summary>
public sealed record PairView(long MenteeId, string Mentee, long MentorId, string Mentor, int MenteeRank, int? MentorRank, bool Confirmed);

/// <summary>The program's evaluation of one event, for the host only.</summary>
public sealed record EventReport(
    int People,
    int Respondents,
    double ResponseRate,
    int Ratings,
    double? MeanRating,
    IReadOnlyList<RatingGroup> PerRound,
    IReadOnlyList<RatingGroup> PerMentor,
    IReadOnlyList<RatingGroup> PerTable,
    IReadOnlyList<RatingGroup> ByMatch,
    double? ScoreCorrelation,
    IReadOnlyList<RatingGroup> Survey,
    IReadOnlyList<ReportNote> Notes,
    IReadOnlyList<PairView> Mutual,
    IReadOnlyList<PairView> Suggested,
    int MentorCap,
    int MenteeCap);

/// <summary>The host's report, long-term pairs, exports and deletion of the event's personal data.</summary>
public static class ReportEndpoints
{
    public const int MentorCap = 5;
    public const int MenteeCap = 1;

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events/{id:guid}").WithTags("Report");
        events.MapGet("/report", Report);
        events.MapGet("/report.pdf", ReportPdf);
        events.MapPost("/pairs/confirm", Confirm);
        events.MapGet("/exports/ratings.csv", RatingsCsv);
        events.MapGet("/exports/pairs.csv", PairsCsv);
        events.MapDelete("/", Delete);
        return app;
    }

    internal static async Task<IResult> Report(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken) =>
        await ForHost(id, request, db, cancellationToken) is { } record ? TypedResults.Ok(await Build(db, record, cancellationToken)) : await Refusal(id, db, cancellationToken);

    /// <summary>The report as a PDF summary with its charts, for a director who wants paper.</summary>
    internal static async Task<IResult> ReportPdf(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        if (await ForHost(id, request, db, cancellationToken) is not { } record)
        {
            return await Refusal(id, db, cancellationToken);
        }

        var r = await Build(db, record, cancellationToken);
        static Chart Chart(string title, IReadOnlyList<RatingGroup> groups) => new(title, groups.Select(g => new ChartBar(g.Label, g.Mean, g.Count)).ToList());
        var model = new EvaluationModel(
            record.Title,
            [
                ("Response rate", $"{r.ResponseRate:P0} ({r.Respondents} of {r.People} people)"),
                ("Ratings", r.MeanRating is { } m ? $"{r.Ratings}, average {m:0.00} of 5" : "none yet"),
                ("Match score and rating (correlation)", r.ScoreCorrelation?.ToString("0.00", CultureInfo.InvariantCulture) ?? "not enough ratings"),
                ("Mutual choices", $"{r.Mutual.Count}; {r.Suggested.Count} suggested as long-term pairs"),
            ],
            [Chart("Rating by round", r.PerRound), Chart("Did the engine's matches do better?", r.ByMatch), Chart("Survey", r.Survey), Chart("Rating per mentor", r.PerMentor)],
            r.Mutual.Select(p => (p.Mentee, p.Mentor, p.Confirmed ? "confirmed" : r.Suggested.Any(s => s.MenteeId == p.MenteeId && s.MentorId == p.MentorId) ? "suggested" : "mutual")).ToList());
        var pdf = new FlashMentoring.Kits.Documents.EvaluationReport(model).Build(FlashMentoring.Kits.Layout.Paper.Letter);
        return TypedResults.File(pdf.Pdf, "application/pdf", "evaluation.pdf");
    }

    /// <summary>Confirms the optimal assignment of the mutual choices as the event's long-term pairs.</summary>
    internal static async Task<IResult> Confirm(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        if (await ForHost(id, request, db, cancellationToken) is not { } record)
        {
            return await Refusal(id, db, cancellationToken);
        }

        var mutual = await FeedbackEndpoints.Mutual(db, id, cancellationToken);
        var chosen = LongTermPairs.Assign(mutual.Select(m => m.Choice).ToList(), MentorCap, MenteeCap).ToHashSet();
        db.Pairs.RemoveRange(await db.Pairs.Where(p => p.EventId == id).ToListAsync(cancellationToken));
        db.Pairs.AddRange(mutual.Where(m => chosen.Contains(m.Choice)).Select(m => new PairRecord { EventId = id, MentorId = m.Mentor.Id, MenteeId = m.Mentee.Id }));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await Build(db, record, cancellationToken));
    }

    internal static async Task<IResult> RatingsCsv(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        if (await ForHost(id, request, db, cancellationToken) is not { } record)
        {
            return await Refusal(id, db, cancellationToken);
        }

        var people = await db.People.AsNoTracking().Where(p => p.EventId == id).ToDictionaryAsync(p => p.Id, cancellationToken);
        var answers = await db.Answers.AsNoTracking().Where(a => a.EventId == id).OrderBy(a => a.Round).ThenBy(a => a.PersonId).ToListAsync(cancellationToken);
        var seats = Seats(record);
        return Csv("ratings.csv", ["round", "respondent", "role", "table", "mentor", "rating", "note", "note signed"], answers.Select(a =>
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

    internal static async Task<IResult> PairsCsv(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        if (await ForHost(id, request, db, cancellationToken) is not { } record)
        {
            return await Refusal(id, db, cancellationToken);
        }

        var report = await Build(db, record, cancellationToken);
        return Csv("pairs.csv", ["mentee", "mentor", "mentee's rank", "mentor's rank", "confirmed"], report.Mutual.Select(p => new[]
        {
            p.Mentee, p.Mentor, p.MenteeRank.ToString(CultureInfo.InvariantCulture), p.MentorRank?.ToString(CultureInfo.InvariantCulture) ?? "", p.Confirmed ? "yes" : "no",
        }));
    }

    /// <summary>Deletes the event and every personal field with it: roster, people, links, answers, choices, pairs.</summary>
    internal static async Task<IResult> Delete(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        if (await ForHost(id, request, db, cancellationToken) is not { } record)
        {
            return await Refusal(id, db, cancellationToken);
        }

        db.Answers.RemoveRange(await db.Answers.Where(a => a.EventId == id).ToListAsync(cancellationToken));
        db.Choices.RemoveRange(await db.Choices.Where(c => c.EventId == id).ToListAsync(cancellationToken));
        db.Pairs.RemoveRange(await db.Pairs.Where(p => p.EventId == id).ToListAsync(cancellationToken));
        db.People.RemoveRange(await db.People.Where(p => p.EventId == id).ToListAsync(cancellationToken));
        db.Events.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        EventPlans.Forget(id);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The CSV export: CsvHelper escapes cells that start with = + - @ tab or CR with a leading quote, so a
    /// spreadsheet shows a name like "=HYPERLINK(...)" as text instead of running it.
    /// </summary>
    internal static FileContentHttpResult Csv(string name, string[] header, IEnumerable<string[]> rows)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, config))
        {
            foreach (var row in rows.Prepend(header))
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv", name);
    }

    private static async Task<EventReport> Build(AppDb db, EventRecord record, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => p.EventId == record.Id).ToDictionaryAsync(p => p.Id, cancellationToken);
        var answers = await db.Answers.AsNoTracking().Where(a => a.EventId == record.Id).ToListAsync(cancellationToken);
        var loaded = EventPlans.Load(record);
        var seats = Seats(record);
        var rated = answers.Where(a => a.Round > 0 && a.Rating is not null && people.ContainsKey(a.PersonId)).ToList();
        var menteeRatings = rated.Where(a => people[a.PersonId].Role == "mentee")
            .Select(a => (Answer: a, Seat: seats.GetValueOrDefault((people[a.PersonId].Key, a.Round))))
            .Where(x => x.Seat.Table is not null).ToList();

        var byMatch = new List<RatingGroup>();
        double? correlation = null;
        if (loaded is { } l && menteeRatings.Count > 0)
        {
            var rotation = l.Plan.Rotation;
            var scored = menteeRatings.Select(x =>
            {
                var i = rotation.Mentees.ToList().FindIndex(m => m.Key == people[x.Answer.PersonId].Key);
                var j = x.Seat.Table!.Value - 1;
                var score = l.Plan.Scorer.Explain(i, j).Sum(p => p.Points);
                var preferred = rotation.Mentees[i].Prefers.Contains(rotation.Mentors[j].Key);
                return (Rating: (double)x.Answer.Rating!.Value, Score: (double)score, Preferred: preferred);
            }).ToList();
            byMatch.Add(Group("Mentors the mentee asked for", scored.Where(s => s.Preferred).Select(s => s.Rating)));
            byMatch.Add(Group("Other matches", scored.Where(s => !s.Preferred).Select(s => s.Rating)));
            var ordered = scored.OrderBy(s => s.Score).ToList();
            var third = Math.Max(1, ordered.Count / 3);
            byMatch.Add(Group("Lowest third of match scores", ordered.Take(third).Select(s => s.Rating)));
            byMatch.Add(Group("Highest third of match scores", ordered.Skip(ordered.Count - third).Select(s => s.Rating)));
            correlation = Pearson(scored.Select(s => s.Score).ToList(), scored.Select(s => s.Rating).ToList());
        }

        var surveys = answers.Where(a => a.Round == 0 && a.SurveyJson is not null)
            .Select(a => System.Text.Json.JsonSerializer.Deserialize<SurveyAnswers>(a.SurveyJson!)!).ToList();
        var mutual = await FeedbackEndpoints.Mutual(db, record.Id, cancellationToken);
        var confirmed = (await db.Pairs.AsNoTracking().Where(p => p.EventId == record.Id).ToListAsync(cancellationToken)).Select(p => (p.MenteeId, p.MentorId)).ToHashSet();
        var suggested = LongTermPairs.Assign(mutual.Select(m => m.Choice).ToList(), MentorCap, MenteeCap).ToHashSet();
        PairView View((PersonRecord Mentee, PersonRecord Mentor, MutualChoice Choice) m) =>
            new(m.Mentee.Id, m.Mentee.Name, m.Mentor.Id, m.Mentor.Name, m.Choice.MenteeRank, m.Choice.MentorRank, confirmed.Contains((m.Mentee.Id, m.Mentor.Id)));

        var respondents = answers.Select(a => a.PersonId).Distinct().Count();
        return new EventReport(
            people.Count,
            respondents,
            people.Count == 0 ? 0 : (double)respondents / people.Count,
            rated.Count,
            rated.Count == 0 ? null : rated.Average(a => a.Rating!.Value),
            Enumerable.Range(1, record.Rounds).Select(r => Group($"Round {r}", rated.Where(a => a.Round == r).Select(a => (double)a.Rating!.Value))).ToList(),
            menteeRatings.GroupBy(x => x.Seat.Mentor!).OrderBy(g => g.Key).Select(g => Group(g.Key, g.Select(x => (double)x.Answer.Rating!.Value))).ToList(),
            menteeRatings.GroupBy(x => x.Seat.Table!.Value).OrderBy(g => g.Key).Select(g => Group($"Table {g.Key}", g.Select(x => (double)x.Answer.Rating!.Value))).ToList(),
            byMatch,
            correlation,
            [
                Group("The matches suited what I wanted", surveys.Where(s => s.Match is not null).Select(s => (double)s.Match!.Value)),
                Group("The conversations were useful", surveys.Where(s => s.Conversation is not null).Select(s => (double)s.Conversation!.Value)),
                Group("The logistics worked", surveys.Where(s => s.Logistics is not null).Select(s => (double)s.Logistics!.Value)),
                Group("I would take part again", surveys.Where(s => s.Again is not null).Select(s => (double)s.Again!.Value)),
            ],
            answers.Where(a => a.Note is not null).OrderBy(a => a.Round)
                .Select(a => new ReportNote(a.Round, a.Note!, a.NoteSigned && people.TryGetValue(a.PersonId, out var p) ? p.Name : null)).ToList(),
            mutual.Select(View).ToList(),
            mutual.Where(m => suggested.Contains(m.Choice)).Select(View).ToList(),
            MentorCap,
            MenteeCap);
    }

    // Who sat where: (person key, round) to table and mentor name, from the plan as it stands.
    private static Dictionary<(string Key, int Round), (int? Table, string? Mentor)> Seats(EventRecord record)
    {
        var seats = new Dictionary<(string, int), (int?, string?)>();
        if (EventPlans.Load(record) is not { } loaded)
        {
            return seats;
        }

        var rotation = loaded.Plan.Rotation;
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            for (var i = 0; i < rotation.Mentees.Count; i++)
            {
                var j = rotation.MentorOf(round, i);
                seats[(rotation.Mentees[i].Key, round)] = j < 0 ? (null, null) : (j + 1, rotation.Mentors[j].Name);
            }
        }

        return seats;
    }

    private static RatingGroup Group(string label, IEnumerable<double> ratings)
    {
        var list = ratings.ToList();
        return new RatingGroup(label, list.Count, list.Count == 0 ? null : Math.Round(list.Average(), 2));
    }

    private static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 3)
        {
            return null;
        }

        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var k = 0; k < x.Count; k++)
        {
            sxy += (x[k] - mx) * (y[k] - my);
            sxx += (x[k] - mx) * (x[k] - mx);
            syy += (y[k] - my) * (y[k] - my);
        }

        return sxx == 0 || syy == 0 ? null : Math.Round(sxy / Math.Sqrt(sxx * syy), 3);
    }

    private static async Task<EventRecord?> ForHost(Guid id, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return record is not null && EventEndpoints.IsHost(request, record) ? record : null;
    }

    private static async Task<IResult> Refusal(Guid id, AppDb db, CancellationToken cancellationToken) =>
        await db.Events.AnyAsync(e => e.Id == id, cancellationToken) ? EventEndpoints.NotHost() : TypedResults.NotFound();
}
