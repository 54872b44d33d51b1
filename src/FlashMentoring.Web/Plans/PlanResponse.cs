using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Web.Plans;

/// <summary>A person as the plan shows them.</summary>
public sealed record PersonView(string Name, string? Email, string Agency);

/// <summary>A mentee at a table, with why the engine put them there.</summary>
public sealed record SeatView(string Name, string? Email, string Agency, int Score, IReadOnlyList<string> Why);

/// <summary>A mentor's table in one round.</summary>
public sealed record TableView(int Table, MentorView Mentor, IReadOnlyList<SeatView> Mentees);

/// <summary>The host of a table.</summary>
public sealed record MentorView(string Name, string? Email, string Agency, IReadOnlyList<string> Expertise);

/// <summary>One round: tables in table order, and who rests.</summary>
public sealed record RoundView(int Number, IReadOnlyList<TableView> Tables, IReadOnlyList<PersonView> Resting);

/// <summary>The answer of <c>POST /api/plans</c>.</summary>
public sealed record PlanResponse(
    IReadOnlyList<RoundView> Rounds,
    PlanQuality Quality,
    IReadOnlyList<RejectedLine> Rejected,
    IReadOnlyList<RosterWarning> Warnings,
    IReadOnlyList<string> Notes)
{
    public static PlanResponse From(PlanResult plan, RosterImport roster)
    {
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
                    return new SeatView(mentee.Name, mentee.Email, mentee.Agency, parts.Sum(p => p.Points), parts.Select(p => $"{p.Reason} (+{p.Points})").ToList());
                }).ToList();
                views.Add(new TableView(j + 1, new MentorView(mentor.Name, mentor.Email, mentor.Agency, mentor.Expertise), seats));
            }

            var resting = rotation.Resting(round)
                .Where(i => plan.Attendance.MenteeThere(i, round))
                .Select(i => new PersonView(rotation.Mentees[i].Name, rotation.Mentees[i].Email, rotation.Mentees[i].Agency))
                .ToList();
            rounds.Add(new RoundView(round, views, resting));
        }

        return new PlanResponse(rounds, plan.Quality, roster.Rejected, roster.Warnings, plan.Notes);
    }
}
