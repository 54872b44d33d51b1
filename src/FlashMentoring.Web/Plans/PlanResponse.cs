using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Web.Plans;

/// <summary>A person as the plan shows them.</summary>
public sealed record PersonView(string Name, string? Email, string Agency);

/// <summary>A mentee at a table, with why the engine put them there.</summary>
public sealed record SeatView(string Key, string Name, string? Email, string Agency, int Score, IReadOnlyList<string> Why);

/// <summary>A mentor's table in one round.</summary>
public sealed record TableView(int Table, MentorView Mentor, IReadOnlyList<SeatView> Mentees);

/// <summary>The host of a table.</summary>
public sealed record MentorView(string Key, string Name, string? Email, string Agency, IReadOnlyList<string> Expertise);

/// <summary>A pair the host pinned or forbade.</summary>
public sealed record PairView(string MenteeKey, string Mentee, string MentorKey, string Mentor);

/// <summary>One round: tables in table order, and who rests.</summary>
public sealed record RoundView(int Number, IReadOnlyList<TableView> Tables, IReadOnlyList<PersonView> Resting);

/// <summary>
/// Per-mentee figures behind the quality in plain words: of the mentees who listed a need some mentor offers, the
/// fewest such mentors any of them meets (someone absent all day is left out); how many mentees come at all and how many meet none; and the most rounds any mentee rests.
/// </summary>
public sealed record PlanSummary(int MenteesThere, int MenteesWithNeeds, int FewestNeedsMet, int MenteesNoNeedMet, int MostRests)
{
    public static PlanSummary Of(PlanResult plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rotation = plan.Rotation;
        bool Offers(int j, Person mentee) => mentee.Needs.Any(need => rotation.Mentors[j].Expertise.Contains(need, StringComparer.OrdinalIgnoreCase));
        var needsMet = new List<int>();
        int mostRests = 0, menteesThere = 0;
        for (var i = 0; i < rotation.Mentees.Count; i++)
        {
            int met = 0, rests = 0;
            for (var round = 1; round <= rotation.Rounds; round++)
            {
                var j = rotation.MentorOf(round, i);
                if (j >= 0 && Offers(j, rotation.Mentees[i]))
                {
                    met++;
                }
                else if (j < 0 && plan.Attendance.MenteeThere(i, round))
                {
                    rests++;
                }
            }

            mostRests = Math.Max(mostRests, rests);
            var there = Enumerable.Range(1, rotation.Rounds).Any(round => plan.Attendance.MenteeThere(i, round));
            menteesThere += there ? 1 : 0;
            if (there && Enumerable.Range(0, rotation.Mentors.Count).Any(j => Offers(j, rotation.Mentees[i])))
            {
                needsMet.Add(met);
            }
        }

        return new PlanSummary(menteesThere, needsMet.Count, needsMet.DefaultIfEmpty(0).Min(), needsMet.Count(n => n == 0), mostRests);
    }
}

/// <summary>The answer of <c>POST /api/plans</c>.</summary>
public sealed record PlanResponse(
    IReadOnlyList<RoundView> Rounds,
    PlanQuality Quality,
    IReadOnlyList<RejectedLine> Rejected,
    IReadOnlyList<RosterWarning> Warnings,
    IReadOnlyList<string> Notes,
    IReadOnlyList<PairView> Pins,
    IReadOnlyList<PairView> Forbids,
    PlanSummary Summary)
{
    public static PlanResponse From(PlanResult plan, RosterImport roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return From(plan, roster.Rejected, roster.Warnings);
    }

    /// <summary>An event's stored plan, with the notes of its roster's import.</summary>
    public static PlanResponse From(EventPlan stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return From(stored.Plan, stored.Rejected, stored.Warnings);
    }

    public static PlanResponse From(PlanResult plan, IReadOnlyList<RejectedLine> rejected, IReadOnlyList<RosterWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rotation = plan.Rotation;
        var rounds = new List<RoundView>(rotation.Rounds);
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            var tables = rotation.Tables(round);
            var views = new List<TableView>();
            for (var j = 0; j < rotation.Mentors.Count; j++)
            {
                if (!plan.Attendance.MentorThere(j, round))
                {
                    continue;
                }

                var mentor = rotation.Mentors[j];
                var seats = tables[j].Select(i =>
                {
                    var mentee = rotation.Mentees[i];
                    var parts = plan.Scorer.Explain(i, j);
                    var why = parts.Select(p => $"{p.Reason} (+{p.Points})").ToList();
                    // The engine plans a pair that met at an earlier event only when the mentee asked again or the host pinned it.
                    if (plan.Constraints.History.MetPairs.Contains((mentee.Key, mentor.Key)))
                    {
                        why.Add(plan.Scorer.PreferenceRank(i, j) > 0 ? "met before, asked again"
                            : plan.Constraints.Pins.Contains((mentee.Key, mentor.Key)) ? "met before, paired by the host"
                            : "met before");
                    }

                    return new SeatView(mentee.Key, mentee.Name, mentee.Email, mentee.Agency, parts.Sum(p => p.Points), why);
                }).ToList();
                views.Add(new TableView(j + 1, new MentorView(mentor.Key, mentor.Name, mentor.Email, mentor.Agency, mentor.Expertise), seats));
            }

            var resting = rotation.Resting(round)
                .Where(i => plan.Attendance.MenteeThere(i, round))
                .Select(i => new PersonView(rotation.Mentees[i].Name, rotation.Mentees[i].Email, rotation.Mentees[i].Agency))
                .ToList();
            rounds.Add(new RoundView(round, views, resting));
        }

        var names = rotation.Mentees.Concat(rotation.Mentors).ToDictionary(p => p.Key, p => p.Name);
        IReadOnlyList<PairView> Pairs(IEnumerable<(string Mentee, string Mentor)> pairs) =>
            pairs.Select(x => new PairView(x.Mentee, names.GetValueOrDefault(x.Mentee, x.Mentee), x.Mentor, names.GetValueOrDefault(x.Mentor, x.Mentor))).ToList();
        return new PlanResponse(rounds, plan.Quality, rejected, warnings, plan.Notes, Pairs(plan.Constraints.Pins), Pairs(plan.Constraints.Forbids), PlanSummary.Of(plan));
    }
}
