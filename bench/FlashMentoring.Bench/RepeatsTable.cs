using System.Diagnostics;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Bench;

/// <summary>
/// The engine's quality with the mentee repeats beside the fewest possible, at tables of 4 and of 5, all measured in one
/// run (issue 17): the sample roster at 90, 100 and 120 mentees (120 is the sample's 100 plus 20 generated mentees), the
/// sample as a hybrid event, generated rosters (seeds 1 to 5 at 100x25x6, 1 and 2 at the other sizes), and a second event
/// of the same people that remembers the first.
/// </summary>
internal static class RepeatsTable
{
    private static readonly (int Mentees, int Mentors, int Rounds)[] Sizes = [(90, 25, 6), (100, 25, 6), (120, 25, 6), (200, 40, 8), (1000, 250, 8)];
    private static readonly int[] TableSizes = [4, 5];

    private sealed record Case(string Name, int Seats, Func<RoleAssignment> Roles, int Rounds)
    {
        public string Label => $"{Name} T={Seats}";
    }

    /// <summary>Prints the table; <paramref name="only"/> keeps the cases whose name (with " T=4" or " T=5") contains any of its words.</summary>
    public static void Run(string[] only)
    {
        bool Wanted(string label) => only.Length == 0 || only.Any(o => label.Contains(o, StringComparison.OrdinalIgnoreCase));

        // One plan first, unprinted, so that the first row's time is not the JIT's.
        var (warmRoles, warmSettings) = Rosters.Case("100x25x6");
        RotationEngine.Plan(warmRoles, warmSettings);

        Console.WriteLine("| case | T | ms (1 run) | score | bound | gap | prefs met/satisfiable/asked | spread | repeats | fewest possible | violations |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var c in Cases().Where(c => Wanted(c.Label)))
        {
            var roles = c.Roles();
            var (planned, ms) = Timed(() => RotationEngine.Plan(roles, new PlanSettings(c.Rounds, c.Seats)));
            var q = planned.Quality;
            Console.WriteLine($"| {c.Name} | {c.Seats} | {ms:F0} | {q.Score} | {Figures.Bound(q)} | {Figures.Gap(q)} | {Figures.Preferences(q)} | {q.TableSizeSpread} | {q.MenteeRepeats} | {q.RepeatsLowerBound} | {q.Violations.Count} |");
        }

        if (Wanted("history generated 100x25x6 seed 1 T=4"))
        {
            Console.WriteLine();
            History();
        }
    }

    // Each roster at tables of 4 and then of 5, side by side.
    private static IEnumerable<Case> Cases() => EachRoster().SelectMany(r => TableSizes.Select(seats => new Case(r.Name, seats, () => r.Roles(seats), r.Rounds)));

    private static IEnumerable<(string Name, Func<int, RoleAssignment> Roles, int Rounds)> EachRoster()
    {
        foreach (var (mentees, mentors, rounds) in Sizes.Where(s => s.Mentors == 25))
        {
            yield return ($"sample {mentees}x{mentors}x{rounds}", seats => RoleAssignment.From(Rosters.SampleWith(mentees).People, seats), rounds);
        }

        yield return ("hybrid sample 100x25x6", seats => Rosters.Hybrid(RoleAssignment.From(Rosters.SampleWith(100).People, seats), seats), 6);
        foreach (var (mentees, mentors, rounds) in Sizes)
        {
            for (var seed = 1; seed <= (mentees == 100 ? 5 : 2); seed++)
            {
                var s = seed;
                yield return ($"generated {mentees}x{mentors}x{rounds} seed {s}", seats => Generated(mentees, mentors, s, seats), rounds);
            }
        }
    }

    /// <summary>
    /// A second event of the generated 100x25x6 (seed 1, tables of 4): every seat of the first becomes a past meeting,
    /// and the same people are planned again with that history.
    /// </summary>
    private static void History()
    {
        var roles = Generated(100, 25, 1, 4);
        var settings = new PlanSettings(6, 4);
        var first = RotationEngine.Plan(roles, settings).Rotation;
        var meetings = new List<PastMeeting>();
        for (var round = 1; round <= first.Rounds; round++)
        {
            for (var i = 0; i < first.Mentees.Count; i++)
            {
                var j = first.MentorOf(round, i);
                if (j >= 0)
                {
                    meetings.Add(new PastMeeting("first event", round, j + 1, first.Mentors[j].Key, first.Mentees[i].Key));
                }
            }
        }

        var constraints = PlanConstraints.None with { History = new PlanHistory(meetings) };
        var (again, ms) = Timed(() => RotationEngine.Plan(roles, settings, constraints));
        var q = again.Quality;
        Console.WriteLine("| history case | ms (1 run) | score | gap | prefs met/satisfiable/asked | repeats | of them with earlier tablemates | fewest possible | past pairs avoided | past pairs asked again | violations |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| generated 100x25x6 seed 1, T=4, again after itself ({meetings.Count} past meetings) | {ms:F0} | {q.Score} | {Figures.Gap(q)} | {Figures.Preferences(q)} | {q.MenteeRepeats} | {q.RepeatsWithPastTableMates} | {q.RepeatsLowerBound} | {q.PastPairsAvoided} | {q.PastPairsAskedAgain} | {q.Violations.Count} |");
        if (q.Violations.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"first violation: {q.Violations[0]}");
        }
    }

    private static RoleAssignment Generated(int mentees, int mentors, int seed, int seats) =>
        RoleAssignment.From(RosterParser.Parse(RosterGenerator.Csv(new RosterGenerator.Options(mentees, mentors, Seed: seed))).People, seats);

    private static (PlanResult Plan, double Milliseconds) Timed(Func<PlanResult> plan)
    {
        var sw = Stopwatch.StartNew();
        var result = plan();
        return (result, sw.Elapsed.TotalMilliseconds);
    }
}

/// <summary>Quality figures as the benchmark tables print them.</summary>
internal static class Figures
{
    public static string Bound(PlanQuality q) => q.UpperBound?.ToString() ?? "-";

    public static string Gap(PlanQuality q) => q.Gap is { } g ? $"{g:P2}" : "-";

    public static string Preferences(PlanQuality q) => $"{q.PreferencesMet}/{q.PreferencesSatisfiable}/{q.PreferencesAsked}";
}
