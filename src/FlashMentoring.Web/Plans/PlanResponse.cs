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

/// <summary>The answer of <c>POST /api/plans</c>.</summary>
public sealed record PlanResponse(
    IReadOnlyList<RoundView> Rounds,
    PlanQuality Quality,
    IReadOnlyList<RejectedLine> Rejected,
    IReadOnlyList<RosterWarning> Warnings,
    IReadOnlyList<string> Notes,
    IReadOnlyList<PairView> Pins,
    IReadOnlyList<PairView> Forbids)
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
                    return new SeatView(mentee.Key, mentee.Name, mentee.Email, mentee.Agency, parts.Sum(p => p.Points), parts.Select(p => $"{p.Reason} (+{p.Points})").ToList());
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
        return new PlanResponse(rounds, plan.Quality, rejected, warnings, plan.Notes, Pairs(plan.Constraints.Pins), Pairs(plan.Constraints.Forbids));
    }
}
