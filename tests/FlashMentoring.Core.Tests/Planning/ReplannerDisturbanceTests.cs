using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Tests.Planning;

/// <summary>
/// Issue 13's targets for changes on the day, at 100 mentees x 25 mentors x 6 rounds after round 2: printed
/// itineraries are out there, so every person whose table changes in a round to come must be found and told.
/// </summary>
public class ReplannerDisturbanceTests
{
    private const int Held = 2;

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AWalkInTakesASeatWithoutMovingMoreThanFiveOthers(int seed)
    {
        var plan = Generated(100, seed, new PlanSettings(6, 4));
        var walkIn = Person.WalkIn("Rosa Parks", Role.Mentee, "rosa@opm.gov", "OPM", "GS-9");

        var result = Replanner.Replan(plan, Held, [new WalkIn(walkIn, Held + 1)]);

        HardRules.ShouldHold(result.Plan);
        Moved(plan, result).Should().HaveCountLessThanOrEqualTo(5, "one walk-in changes at most five other itineraries");
        result.Plan.Rotation.MentorOf(Held + 1, result.Plan.Rotation.MenteeIndex(walkIn.Key)).Should().BeGreaterThanOrEqualTo(0, "a walk-in sits on arrival");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnAbsentMentorMovesTheirTablesMenteesAndAtMostFiveOthers(int seed)
    {
        var plan = Generated(100, seed, new PlanSettings(6, 4));
        var mentor = plan.Rotation.Mentors[(seed * 7) % 25];

        var result = Replanner.Replan(plan, Held, [new MentorDropsOut(mentor.Key, Held + 1)]);

        HardRules.ShouldHold(result.Plan);
        var table = plan.Rotation.MentorIndex(mentor.Key);
        Moved(plan, result).Where(i => !Later(plan).Any(round => plan.Rotation.MentorOf(round, i) == table))
            .Should().HaveCountLessThanOrEqualTo(5, "beyond the closed table's own mentees, at most five others move");
    }

    [Theory]
    [InlineData(95, 2, 18)]
    [InlineData(95, 1, 6)]
    [InlineData(97, 20, 18)]
    public void AnAbsentMentorsMenteesFillFreeSeatsBeforeAnyoneRests(int mentees, int seed, int table)
    {
        var plan = Generated(mentees, seed, new PlanSettings(6, 4));
        var mentor = plan.Rotation.Mentors[table];

        var result = Replanner.Replan(plan, Held, [new MentorDropsOut(mentor.Key, Held + 1)]);

        HardRules.ShouldHold(result.Plan);
        var rotation = result.Plan.Rotation;
        foreach (var round in Later(plan))
        {
            var seats = 24 * rotation.SeatsPerTable;
            rotation.Resting(round).Should().HaveCount(Math.Max(0, mentees - seats), $"{seats} seats are left in round {round} for {mentees} mentees, and nobody rests while one is free");
        }

        Moved(plan, result).Where(i => !Later(plan).Any(round => plan.Rotation.MentorOf(round, i) == table))
            .Should().HaveCountLessThanOrEqualTo(5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ExtraSeatSettingSeatsDisplacedMenteesInsteadOfResting(int seed)
    {
        var plan = Generated(100, seed, new PlanSettings(6, 4) { ExtraSeatWhenShort = true });
        var table = seed;
        var displaced = Later(plan).SelectMany(round => plan.Rotation.MenteesAt(round, table)).ToList();

        var result = Replanner.Replan(plan, Held, [new MentorDropsOut(plan.Rotation.Mentors[table].Key, Held + 1)]);

        HardRules.ShouldHold(result.Plan);
        var rotation = result.Plan.Rotation;
        foreach (var round in Later(plan))
        {
            rotation.Resting(round).Should().BeEmpty($"the closed table's mentees sit at a fifth seat in round {round} instead of resting");
            rotation.Tables(round).Should().OnlyContain(t => t.Count <= 5);
        }

        Moved(plan, result).Should().BeSubsetOf(displaced, "nobody else moves");
    }

    [Fact]
    public void ExtraSeatSettingSeatsAWalkInWithoutMovingAnyoneElse()
    {
        var plan = Generated(100, 1, new PlanSettings(6, 4) { ExtraSeatWhenShort = true });
        var walkIn = Person.WalkIn("Frances Perkins", Role.Mentee, "frances@dol.gov");

        var result = Replanner.Replan(plan, Held, [new WalkIn(walkIn, Held + 1)]);

        HardRules.ShouldHold(result.Plan);
        Moved(plan, result).Should().BeEmpty();
        var i = result.Plan.Rotation.MenteeIndex(walkIn.Key);
        Later(plan).Select(round => result.Plan.Rotation.MentorOf(round, i)).Should().OnlyContain(j => j >= 0, "the walk-in sits every round");
    }

    [Fact]
    public void WithoutTheSettingNoTableTakesAFifthMentee()
    {
        var plan = Generated(100, 1, new PlanSettings(6, 4));

        var result = Replanner.Replan(plan, Held, [new MentorDropsOut(plan.Rotation.Mentors[0].Key, Held + 1), new WalkIn(Person.WalkIn("Ada Lovelace", Role.Mentee), Held + 1)]);

        HardRules.ShouldHold(result.Plan);
        Enumerable.Range(1, 6).SelectMany(result.Plan.Rotation.Tables).Should().OnlyContain(t => t.Count <= 4);
    }

    [Fact]
    public void AWalkInNeverTakesAPinnedSeat()
    {
        var unpinned = Generated(100, 3, new PlanSettings(6, 4));
        var walkIn = Person.WalkIn("Rosa Parks", Role.Mentee, "rosa@opm.gov");
        var first = Replanner.Replan(unpinned, Held, [new WalkIn(walkIn, Held + 1)]);
        var pins = Moved(unpinned, first).Select(i =>
        {
            var round = Later(unpinned).First(r => unpinned.Rotation.MentorOf(r, i) != first.Plan.Rotation.MentorOf(r, i));
            return (unpinned.Rotation.Mentees[i].Key, unpinned.Rotation.Mentors[unpinned.Rotation.MentorOf(round, i)].Key);
        }).ToList();
        pins.Should().NotBeEmpty("without pins the walk-in takes someone's seat");
        var plan = unpinned with { Constraints = new PlanConstraints(pins, []) };

        var result = Replanner.Replan(plan, Held, [new WalkIn(walkIn, Held + 1)]);

        HardRules.ShouldHold(result.Plan);
        foreach (var (mentee, mentor) in pins)
        {
            var i = result.Plan.Rotation.MenteeIndex(mentee);
            Enumerable.Range(1, 6).Should().Contain(round => result.Plan.Rotation.MentorOf(round, i) == result.Plan.Rotation.MentorIndex(mentor), "a pinned pair still meets");
        }

        Moved(plan, result).Should().HaveCountLessThanOrEqualTo(5, "others give up their seat instead");
    }

    private static PlanResult Generated(int mentees, int seed, PlanSettings settings) =>
        RotationEngine.Plan(RosterParser.Parse(RosterGenerator.Csv(new RosterGenerator.Options(mentees, 25, Seed: seed))), settings);

    private static IEnumerable<int> Later(PlanResult plan) => Enumerable.Range(Held + 1, plan.Rotation.Rounds - Held);

    /// <summary>The mentees of the old plan whose table (or rest) differs in any round still to come.</summary>
    private static List<int> Moved(PlanResult before, ReplanResult after) =>
        Enumerable.Range(0, before.Rotation.Mentees.Count)
            .Where(i => Later(before).Any(round => before.Rotation.MentorOf(round, i) != after.Plan.Rotation.MentorOf(round, after.Plan.Rotation.MenteeIndex(before.Rotation.Mentees[i].Key))))
            .ToList();
}
