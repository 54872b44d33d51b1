using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using FlashMentoring.Bench;
using FlashMentoring.Core.Planning;
using FlashMentoring.Kits;
using FlashMentoring.Kits.Layout;

// `quality` prints the quality table (engine beside clockwise) and one timed run per case; `repeats` the engine's
// mentee repeats beside the fewest possible at tables of 4 and 5 (RepeatsTable); anything else goes to
// BenchmarkDotNet, e.g. `--filter *PlanBenchmarks*`.
if (args is ["repeats", .. var cases])
{
    RepeatsTable.Run(cases);
    return;
}

if (args is ["quality", .. var only])
{
    Console.WriteLine("| case | planner | ms (1 run) | score | bound | gap | prefs met/satisfiable/asked | spread | mentee repeats | fewest possible | worst-off | violations |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
    var steps = new List<string>();
    foreach (var name in Rosters.Cases.Where(c => only.Length == 0 || only.Contains(c)))
    {
        var (roles, settings) = Rosters.Case(name);
        foreach (var (planner, run) in new (string, Func<PlanResult>)[] { ("engine", () => RotationEngine.Plan(roles, settings)), ("clockwise", () => ClockwiseRotation.Plan(roles, settings)) })
        {
            var sw = Stopwatch.StartNew();
            var planned = run();
            var q = planned.Quality;
            var ms = sw.Elapsed.TotalMilliseconds;
            steps.Add($"{name}: " + string.Join(", ", planned.Timings.Select(t => $"{t.Step} {t.Milliseconds:F0} ms")));
            Console.WriteLine($"| {name} | {planner} | {ms:F0} | {q.Score} | {Figures.Bound(q)} | {Figures.Gap(q)} | {Figures.Preferences(q)} | {q.TableSizeSpread} | {q.MenteeRepeats} | {q.RepeatsLowerBound} | {q.WorstOffMenteeScore} | {q.Violations.Count} |");
        }
    }

    Console.WriteLine();
    steps.Where(x => !x.EndsWith(": ", StringComparison.Ordinal)).ToList().ForEach(Console.WriteLine);
    var (plan, changes) = Rosters.ReplanCase();
    var result = Replanner.Replan(plan, 3, changes);
    Console.WriteLine();
    Console.WriteLine($"re-plan 100x25x8 after round 3: {result.Changes.Count} seat changes ({result.Changes.Count(c => c.Round == 4)} in round 4), violations {result.Plan.Quality.Violations.Count}");
    return;
}

// `disturbance` counts the other people one walk-in or one absent mentor moves (docs/performance.md).
if (args is ["disturbance", .. var options])
{
    var mentees = options.SkipWhile(o => o != "--mentees").Skip(1).Select(int.Parse).FirstOrDefault(100);
    Disturbance.Run(mentees, extraSeat: options.Contains("--extra-seat"));
    return;
}

// `kit` times the printable kit: a cold first kit, then the median of five, for 125 and 1,000 people.
if (args is ["kit", ..])
{
    Console.WriteLine("| kit | people | pages | cold first (ms) | median of 5 (ms) | min (ms) | PDF size |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var name in new[] { "100x25x6", "800x200x6" })
    {
        var (roles, settings) = name == "100x25x6" ? Rosters.Case(name) : Rosters.Case("800x200x6");
        var plan = RotationEngine.Plan(roles, settings);
        var kitEvent = new KitEvent("Spring Flash Mentoring", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(-5)), 6, 15, 2, 4, "http://192.168.1.20:5080/join?code=ABC234", "ABC234");
        var model = KitModel.FromPlan(plan, kitEvent, key => "http://192.168.1.20:5080/me#t=" + key);
        var times = new List<double>();
        KitResult? kit = null;
        for (var run = 0; run < 6; run++)
        {
            var sw = Stopwatch.StartNew();
            kit = KitBuilder.Build(model, Paper.Letter);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        var warm = times.Skip(1).Order().ToList();
        Console.WriteLine($"| full kit, Letter | {roles.Mentors.Count + roles.Mentees.Count} | {kit!.Pages} | {times[0]:F0} | {warm[2]:F0} | {warm[0]:F0} | {kit.Pdf.Length / 1024} KB |");
    }

    return;
}

// Medians: the machine is shared and noisy. Ratios compare with the clockwise rotation measured in the same run.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(9).AsDefault())
    .AddColumn(StatisticColumn.Median);
BenchmarkSwitcher.FromAssembly(typeof(PlanBenchmarks).Assembly).Run(args, config);
