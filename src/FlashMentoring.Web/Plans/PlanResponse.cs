using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Kits;

namespace FlashMentoring.Web.Plans;

/// <summary>A person as the plan shows them.</summary>
public sealed record PersonView(string Name, string? Email, string Agency);

/// <summary>A mentee at a table, with why the engine put them there: in words (the reader's language) and as data a page words in its own.</summary>
public sealed record SeatView(string Key, string Name, string? Email, string Agency, int Score, IReadOnlyList<string> Why, IReadOnlyList<WhyPart> Reasons);

/// <summary>One reason a mentee sits at a table, for a page to word (the texts <c>plan.why.{Key}</c>).</summary>
/// <param name="Key">meeting, choice, needs, goals, grades, agency, opdiv, metBefore, metBeforeAskedAgain, metBeforePinned; other for one this server cannot name (its words are in Why).</param>
/// <param name="Points">What it adds to the pair's score (0 for the met-before notes).</param>
/// <param name="N">The choice's rank, or how many needs the mentor's expertise matches.</param>
/// <param name="Format">The format whose grades fit (open, senior-to-junior, peer-to-peer, reverse).</param>
public sealed record WhyPart(string Key, int Points, int? N = null, string? Format = null);

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
public sealed partial record PlanResponse(
    IReadOnlyList<RoundView> Rounds,
    PlanQuality Quality,
    IReadOnlyList<RejectedLine> Rejected,
    IReadOnlyList<RosterWarning> Warnings,
    IReadOnlyList<string> Notes,
    IReadOnlyList<PairView> Pins,
    IReadOnlyList<PairView> Forbids,
    PlanSummary Summary)
{
    /// <summary>The itineraries and table signs to print again; only in the answer to a pin, forbid or clear, which re-plans.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Reprint? Reprint { get; init; }

    public static PlanResponse From(PlanResult plan, RosterImport roster, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return From(plan, roster.Rejected, roster.Warnings, texts);
    }

    /// <summary>An event's stored plan, with the notes of its roster's import.</summary>
    public static PlanResponse From(EventPlan stored, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return From(stored.Plan, stored.Rejected, stored.Warnings, texts);
    }

    /// <summary>The plan as pages show it; the seats' reasons are worded in <paramref name="texts"/> (English when null).</summary>
    public static PlanResponse From(PlanResult plan, IReadOnlyList<RejectedLine> rejected, IReadOnlyList<RosterWarning> warnings, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        texts ??= Texts.English;
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
                    var reasons = parts.Select(Reason).ToList();
                    var why = parts.Select((p, k) => Word(reasons[k], texts, $"{p.Reason} (+{p.Points})")).ToList();
                    // The engine plans a pair that met at an earlier event only when the mentee asked again or the host pinned it.
                    if (plan.Constraints.History.MetPairs.Contains((mentee.Key, mentor.Key)))
                    {
                        var met = new WhyPart(plan.Scorer.PreferenceRank(i, j) > 0 ? "metBeforeAskedAgain"
                            : plan.Constraints.Pins.Contains((mentee.Key, mentor.Key)) ? "metBeforePinned"
                            : "metBefore", 0);
                        reasons.Add(met);
                        why.Add(Word(met, texts, met.Key));
                    }

                    return new SeatView(mentee.Key, mentee.Name, mentee.Email, mentee.Agency, parts.Sum(p => p.Points), why, reasons);
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

    /// <summary>What a part of the engine's score is, read from its words (the engine explains a score in English only).</summary>
    internal static WhyPart Reason(ScorePart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var (reason, points) = (part.Reason, part.Points);
        switch (reason)
        {
            case "a meeting": return new WhyPart("meeting", points);
            case "goals mention the mentor's expertise": return new WhyPart("goals", points);
            case "another agency": return new WhyPart("agency", points);
            case "another OPDIV": return new WhyPart("opdiv", points);
        }

        if (Choice().Match(reason) is { Success: true } choice)
        {
            return new WhyPart("choice", points, int.Parse(choice.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        if (Needs().Match(reason) is { Success: true } needs)
        {
            return new WhyPart("needs", points, int.Parse(needs.Groups["n"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        }

        if (Grades().Match(reason) is { Success: true } grades && Enum.TryParse<MentoringFormat>(grades.Groups["format"].Value, out var format))
        {
            return new WhyPart("grades", points, Format: FormatCode(format));
        }

        return new WhyPart("other", points);
    }

    /// <summary>A reason in <paramref name="texts"/>' language; <paramref name="unnamed"/> for one this server cannot name.</summary>
    internal static string Word(WhyPart part, Texts texts, string unnamed) => part.Key switch
    {
        "choice" => texts.T("plan.why.choice", ("rank", part.N), ("points", part.Points)),
        "needs" => texts.Plural("plan.why.needs", part.N ?? 0, ("points", part.Points)),
        "grades" => texts.T(GradesText(part.Format), ("points", part.Points)),
        "meeting" or "goals" or "agency" or "opdiv" or "metBefore" or "metBeforeAskedAgain" or "metBeforePinned" => texts.T($"plan.why.{part.Key}", ("points", part.Points)),
        _ => unnamed,
    };

    private static string FormatCode(MentoringFormat format) => format switch
    {
        MentoringFormat.SeniorToJunior => "senior-to-junior",
        MentoringFormat.PeerToPeer => "peer-to-peer",
        MentoringFormat.Reverse => "reverse",
        _ => "open",
    };

    private static string GradesText(string? format) => format switch
    {
        "senior-to-junior" => "plan.why.grades.seniorToJunior",
        "peer-to-peer" => "plan.why.grades.peerToPeer",
        "reverse" => "plan.why.grades.reverse",
        _ => "plan.why.grades.open",
    };

    [GeneratedRegex(@"^asked for as choice (?<n>\d+)$")]
    private static partial Regex Choice();

    [GeneratedRegex(@"^(?<n>[\d,]+) needs? matched by expertise$")]
    private static partial Regex Needs();

    [GeneratedRegex(@"^grades fit the (?<format>\w+) format$")]
    private static partial Regex Grades();
}
