using System.Diagnostics;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Bench;

/// <summary>
/// How many other people one change on the day moves: 20 generated rosters of 100 mentees and 25 mentors,
/// 6 rounds, tables of 4, planned, then after round 2 one walk-in mentee or one absent mentor from round 3.
/// A person's itinerary is, per round, the table they sit at (or rest; for a mentor, whether they host);
/// a person counts when any round from 3 on reads differently. The walk-in and the absent mentor do not count.
/// </summary>
internal static class Disturbance
{
    private const int Rosters = 20;
    private const int Held = 2;

    public static void Run(int mentees, bool extraSeat)
    {
        var settings = new PlanSettings(6, 4) { ExtraSeatWhenShort = extraSeat };
        var walkIns = new List<Sample>();
        var absences = new List<Sample>();
        for (var seed = 1; seed <= Rosters; seed++)
        {
            var import = RosterParser.Parse(RosterGenerator.Csv(new RosterGenerator.Options(mentees, 25, Seed: seed)));
            var plan = RotationEngine.Plan(RoleAssignment.From(import.People, settings.SeatsPerTable), settings);
            var walkIn = Person.WalkIn("Walk In", Role.Mentee, $"walk.in.{seed}@example.gov", "OPM", "GS-9");
            walkIns.Add(Measure(plan, new WalkIn(walkIn, Held + 1), walkIn.Key));

            // A different table each roster, so the figures do not hang on one mentor.
            var mentor = plan.Rotation.Mentors[(seed * 7) % plan.Rotation.Mentors.Count].Key;
            absences.Add(Measure(plan, new MentorDropsOut(mentor, Held + 1), mentor));
        }

        Console.WriteLine($"Re-plan disturbance, {Rosters} rosters (RosterGenerator seeds 1-{Rosters}), {mentees} mentees x 25 mentors x 6 rounds, tables of 4{(extraSeat ? ", one extra seat a table allowed" : "")}, after round {Held}:");
        Console.WriteLine();
        Console.WriteLine("| change | others moved (median) | others moved (max) | of them the closed table's mentees (median / max) | others beyond those (median / max) | people to tell (median / max) | rests added (median / max) | violations | re-plan ms (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Row("one walk-in mentee", walkIns);
        Row("one mentor absent", absences);
        Console.WriteLine();
        Console.WriteLine("Per roster (seed: walk-in others / mentor-absent others = own mentees + beyond):");
        Console.WriteLine(string.Join(", ", walkIns.Zip(absences).Select((x, k) => $"{k + 1}: {x.First.Others} / {x.Second.Others} = {x.Second.OwnMentees} + {x.Second.Others - x.Second.OwnMentees}")));
    }

    private static void Row(string name, List<Sample> samples)
    {
        static string MedMax(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return $"{Median(sorted):F0} / {sorted[^1]:F0}";
        }

        var others = samples.Select(s => (double)s.Others).Order().ToList();
        Console.WriteLine($"| {name} | {Median(others):F0} | {others[^1]:F0} | {MedMax(samples.Select(s => (double)s.OwnMentees))} | {MedMax(samples.Select(s => (double)(s.Others - s.OwnMentees)))} | {MedMax(samples.Select(s => (double)s.ToTell))} | {MedMax(samples.Select(s => (double)s.RestsAdded))} | {samples.Sum(s => s.Violations)} | {Median(samples.Select(s => s.Milliseconds).Order().ToList()):F1} |");
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static Sample Measure(PlanResult plan, RosterChange change, string subject)
    {
        // The median of five, after a warm-up run: a host's re-plan is rarely the JIT's first. The machine is shared.
        Replanner.Replan(plan, Held, [change]);
        var times = new List<double>();
        ReplanResult result = null!;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            result = Replanner.Replan(plan, Held, [change]);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var ms = Median(times.Order().ToList());
        var before = plan.Rotation;
        var after = result.Plan.Rotation;
        var closed = before.MentorIndex(subject);
        var others = 0;
        var own = 0;
        foreach (var person in before.Mentees)
        {
            var was = before.MenteeIndex(person.Key);
            var now = after.MenteeIndex(person.Key);
            var rounds = Enumerable.Range(Held + 1, before.Rounds - Held).ToList();
            if (rounds.Any(r => before.MentorOf(r, was) != after.MentorOf(r, now)))
            {
                others++;
                if (closed >= 0 && rounds.Any(r => before.MentorOf(r, was) == closed))
                {
                    own++;
                }
            }
        }

        foreach (var person in before.Mentors.Where(p => p.Key != subject))
        {
            var was = before.MentorIndex(person.Key);
            var now = after.MentorIndex(person.Key);
            if (Enumerable.Range(Held + 1, before.Rounds - Held).Any(r => plan.Attendance.MentorThere(was, r) != result.Plan.Attendance.MentorThere(now, r)))
            {
                others++;
            }
        }

        var restsAdded = Enumerable.Range(Held + 1, before.Rounds - Held).Sum(r => after.Resting(r).Count - before.Resting(r).Count);
        return new Sample(others, own, result.PeopleToTell().Count, restsAdded, result.Plan.Quality.Violations.Count, ms);
    }

    private sealed record Sample(int Others, int OwnMentees, int ToTell, int RestsAdded, int Violations, double Milliseconds);
}
