using FlashMentoring.Core.Feedback;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;
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

/// <summary>Builds the host's evaluation of an event from its answers, choices and plan.</summary>
public sealed class ReportBuilder(AppDb db, PlanStore plans, Meetings meetings)
{
    /// <summary>Most mentees a mentor takes on as long-term pairs.</summary>
    public const int MentorCap = 5;

    /// <summary>Most mentors a mentee is paired with.</summary>
    public const int MenteeCap = 1;

    /// <summary>The report as it stands, its labels in English (the CSV exports' words).</summary>
    public Task<EventReport> BuildAsync(EventRecord record, CancellationToken cancellationToken) => BuildAsync(record, Texts.English, cancellationToken);

    /// <summary>
    /// The report as it stands: response rate, ratings by round, mentor, table and kind of match, the survey, notes and
    /// pairs; its labels ("Round 2", the survey's questions) in <paramref name="texts"/>, the reader's language.
    /// </summary>
    public async Task<EventReport> BuildAsync(EventRecord record, Texts texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(texts);
        var people = await db.People.AsNoTracking().Where(p => p.EventId == record.Id).ToDictionaryAsync(p => p.Id, cancellationToken);
        var answers = await db.Answers.AsNoTracking().Where(a => a.EventId == record.Id).ToListAsync(cancellationToken);
        var loaded = await plans.LoadAsync(record, cancellationToken);
        var seats = Seats(loaded);
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
                var i = rotation.MenteeIndex(people[x.Answer.PersonId].Key);
                var j = x.Seat.Table!.Value - 1;
                var score = l.Plan.Scorer.Explain(i, j).Sum(p => p.Points);
                var preferred = rotation.Mentees[i].Prefers.Contains(rotation.Mentors[j].Key);
                return (Rating: (double)x.Answer.Rating!.Value, Score: (double)score, Preferred: preferred);
            }).ToList();
            byMatch.Add(Group(texts.T("report.group.asked"), scored.Where(s => s.Preferred).Select(s => s.Rating)));
            byMatch.Add(Group(texts.T("report.group.other"), scored.Where(s => !s.Preferred).Select(s => s.Rating)));
            var ordered = scored.OrderBy(s => s.Score).ToList();
            var third = Math.Max(1, ordered.Count / 3);
            byMatch.Add(Group(texts.T("report.group.lowest"), ordered.Take(third).Select(s => s.Rating)));
            byMatch.Add(Group(texts.T("report.group.highest"), ordered.Skip(ordered.Count - third).Select(s => s.Rating)));
            correlation = Pearson(scored.Select(s => s.Score).ToList(), scored.Select(s => s.Rating).ToList());
        }

        var surveys = answers.Where(a => a.Round == 0 && a.SurveyJson is not null)
            .Select(a => System.Text.Json.JsonSerializer.Deserialize<SurveyAnswers>(a.SurveyJson!)!).ToList();
        var mutual = await meetings.MutualAsync(record.Id, cancellationToken);
        var confirmed = (await db.Pairs.AsNoTracking().Where(p => p.EventId == record.Id).ToListAsync(cancellationToken)).Select(p => (p.MenteeId, p.MentorId)).ToHashSet();
        var suggested = Suggest(mutual);
        PairView View((PersonRecord Mentee, PersonRecord Mentor, MutualChoice Choice) m) =>
            new(m.Mentee.Id, m.Mentee.Name, m.Mentor.Id, m.Mentor.Name, m.Choice.MenteeRank, m.Choice.MentorRank, confirmed.Contains((m.Mentee.Id, m.Mentor.Id)));

        var respondents = answers.Select(a => a.PersonId).Distinct().Count();
        return new EventReport(
            people.Count,
            respondents,
            people.Count == 0 ? 0 : (double)respondents / people.Count,
            rated.Count,
            rated.Count == 0 ? null : rated.Average(a => a.Rating!.Value),
            Enumerable.Range(1, record.Rounds).Select(r => Group(texts.T("common.round", ("n", r)), rated.Where(a => a.Round == r).Select(a => (double)a.Rating!.Value))).ToList(),
            menteeRatings.GroupBy(x => x.Seat.Mentor!).OrderBy(g => g.Key).Select(g => Group(g.Key, g.Select(x => (double)x.Answer.Rating!.Value))).ToList(),
            menteeRatings.GroupBy(x => x.Seat.Table!.Value).OrderBy(g => g.Key).Select(g => Group(texts.T("common.table", ("n", g.Key)), g.Select(x => (double)x.Answer.Rating!.Value))).ToList(),
            byMatch,
            correlation,
            [
                Group(texts.T("report.group.match"), surveys.Where(s => s.Match is not null).Select(s => (double)s.Match!.Value)),
                Group(texts.T("report.group.conversation"), surveys.Where(s => s.Conversation is not null).Select(s => (double)s.Conversation!.Value)),
                Group(texts.T("report.group.logistics"), surveys.Where(s => s.Logistics is not null).Select(s => (double)s.Logistics!.Value)),
                Group(texts.T("report.group.again"), surveys.Where(s => s.Again is not null).Select(s => (double)s.Again!.Value)),
            ],
            answers.Where(a => a.Note is not null).OrderBy(a => a.Round)
                .Select(a => new ReportNote(a.Round, a.Note!, a.NoteSigned && people.TryGetValue(a.PersonId, out var p) ? p.Name : null)).ToList(),
            mutual.Select(View).ToList(),
            mutual.Where(m => suggested.Contains(m.Choice)).Select(View).ToList(),
            MentorCap,
            MenteeCap);
    }

    /// <summary>The long-term pairs the optimal assignment suggests among the mutual choices, under the caps.</summary>
    public static HashSet<MutualChoice> Suggest(IEnumerable<(PersonRecord Mentee, PersonRecord Mentor, MutualChoice Choice)> mutual) =>
        LongTermPairs.Assign(mutual.Select(m => m.Choice).ToList(), MentorCap, MenteeCap).ToHashSet();

    /// <summary>Who sat where: (person key, round) to table and mentor name, from the plan as it stands.</summary>
    public static Dictionary<(string Key, int Round), (int? Table, string? Mentor)> Seats(EventPlan? loaded)
    {
        var seats = new Dictionary<(string, int), (int?, string?)>();
        if (loaded is null)
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
}
