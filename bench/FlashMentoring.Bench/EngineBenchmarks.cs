using BenchmarkDotNet.Attributes;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Bench;

[MemoryDiagnoser]
public class PlanBenchmarks
{
    private RoleAssignment roles = null!;
    private PlanSettings settings = null!;

    [Params("100x25x6", "hybrid 100x25x6", "90x25x6", "100x100x8", "1000x250x8", "10000x2500x8")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup() => (roles, settings) = Rosters.Case(Case);

    [Benchmark(Description = "engine")]
    public PlanResult Engine() => RotationEngine.Plan(roles, settings);

    [Benchmark(Baseline = true, Description = "clockwise")]
    public PlanResult Clockwise() => ClockwiseRotation.Plan(roles, settings);
}

[MemoryDiagnoser]
public class ReplanBenchmarks
{
    private PlanResult plan = null!;
    private RosterChange[] changes = [];

    [GlobalSetup]
    public void Setup() => (plan, changes) = Rosters.ReplanCase();

    [Benchmark(Description = "re-plan 100x25x8 after round 3")]
    public ReplanResult Replan() => Replanner.Replan(plan, 3, changes);
}
