using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Tests.Planning;

/// <summary>
/// The repeat and history figures of a seating laid out by hand: mentees who share a table again, the fewest repeats
/// possible, and the mentee-mentor pairs of an earlier event that are kept apart or asked for again.
/// </summary>
public class RepeatFiguresTests
{
    private static Person Mentee(int k) => Person.WalkIn($"Mentee {k}", Role.Mentee, $"e{k}@example.gov");

    private static Person Mentor(char c) => Person.WalkIn($"Mentor {c}", Role.Mentor, $"{char.ToLowerInvariant(c)}@example.gov");

    private static RoleAssignment People(int mentees, int mentors, bool onlineFromHalf = false) => new(
        Enumerable.Range(0, mentors).Select(j => Mentor((char)('A' + j)) with { Online = onlineFromHalf && j >= mentors / 2 }).ToList(),
        Enumerable.Range(0, mentees).Select(i => Mentee(i) with { Online = onlineFromHalf && i >= mentees / 2 }).ToList());

    /// <summary>Evaluates a seating given round by round as, per mentee, the index of their mentor (-1 for a rest).</summary>
    private static PlanQuality Figures(RoleAssignment roles, int seats, int[][] rounds, PlanConstraints? constraints = null, int roundsHeld = 0)
    {
        var settings = new PlanSettings(rounds.Length, seats);
        var attendance = new Attendance(
            roles.Mentees.Select(_ => (1UL << rounds.Length) - 1).ToArray(),
            roles.Mentors.Select(_ => (1UL << rounds.Length) - 1).ToArray());
        return RotationEngine.Restore(roles, settings, constraints ?? PlanConstraints.None, attendance, rounds.SelectMany(r => r).ToArray(), roundsHeld).Quality;
    }

    private static PlanHistory Sat(params (int Round, char Mentor, int[] Mentees)[] tables) => new(tables
        .SelectMany(t => t.Mentees.Select(i => new PastMeeting("Spring", t.Round, t.Mentor - 'A' + 1, Mentor(t.Mentor).Key, Mentee(i).Key)))
        .ToList());

    // Two rounds of four mentees at two tables of two: 0 and 1 sit together twice, and so do 2 and 3.
    private static readonly int[][] SamePairsTwice = [[0, 0, 1, 1], [1, 1, 0, 0]];

    [Fact]
    public void TwoMenteesWhoShareATableTwiceAreOneRepeat()
    {
        var quality = Figures(People(4, 2), 2, SamePairsTwice);

        quality.MenteeRepeats.Should().Be(2, "0 and 1 meet again in round 2, and so do 2 and 3");
        quality.RepeatsWithPastTableMates.Should().Be(0, "there is no earlier event");
    }

    [Fact]
    public void MenteesWhoSatTogetherAtAnEarlierEventRepeatEveryTimeTheyShareATable()
    {
        // 0 and 1 sat together in the spring; 0 and 2 sat at different tables (only with a mentor in common).
        var history = Sat((1, 'A', [0, 1]), (2, 'A', [2]), (2, 'B', [0]));

        var quality = Figures(People(4, 2), 2, SamePairsTwice, PlanConstraints.None with { History = history });

        quality.RepeatsWithPastTableMates.Should().Be(2, "0 and 1 share a table twice, and both times they have met before");
        quality.MenteeRepeats.Should().Be(3, "0 and 1 count twice, 2 and 3 once");
    }

    [Fact]
    public void EightMenteesAtTwoTablesForSixRoundsCannotHaveFewerThanFortyFourRepeats()
    {
        // Each mentee has three tablemates a round, 18 in all, but only 7 others to meet: 11 are repeats at each end.
        var roles = People(8, 2);
        var random = new Random(7);
        var qualities = Enumerable.Range(0, 20).Select(_ => Figures(roles, 4, Enumerable.Range(0, 6).Select(_ => Split(random)).ToArray())).ToList();

        qualities.Should().OnlyContain(q => q.RepeatsLowerBound == 44);
        qualities.Should().OnlyContain(q => q.MenteeRepeats >= 44, "no seating beats the fewest possible");
        qualities.Min(q => q.MenteeRepeats).Should().BeLessThan(60, "the seatings differ, and only the same two groups every round repeat 60 times");
        Figures(roles, 4, Enumerable.Repeat(new[] { 0, 0, 0, 0, 1, 1, 1, 1 }, 6).ToArray()).MenteeRepeats.Should().Be(60);

        static int[] Split(Random random)
        {
            var order = Enumerable.Range(0, 8).OrderBy(_ => random.Next()).ToArray();
            var seats = new int[8];
            for (var k = 0; k < 8; k++)
            {
                seats[order[k]] = k < 4 ? 0 : 1;
            }

            return seats;
        }
    }

    [Fact]
    public void AHundredMenteesAtTwentyFiveTablesForSixRoundsCanAvoidEveryRepeat()
    {
        var plan = RotationEngine.Plan(RosterParser.Parse(RosterGenerator.Csv(new RosterGenerator.Options(100, 25))), new PlanSettings(6, 4));

        plan.Quality.RepeatsLowerBound.Should().Be(0, "18 tablemates each out of 99 others leaves room for new faces at every table");
    }

    [Fact]
    public void OnlineAndInTheRoomMenteesCountOnlyTheirOwnGroupAsNewFaces()
    {
        // 8 mentees in the room at tables A and B, 8 online at C and D: two crowded groups of 44 each. As one group of
        // 16 they would have 15 others each and could get by with 24.
        var seating = Enumerable.Range(0, 6).Select(c => Enumerable.Range(0, 16).Select(i => i < 8 ? (i + c) % 2 : 2 + ((i / 2) + c) % 2).ToArray()).ToArray();

        var hybrid = Figures(People(16, 4, onlineFromHalf: true), 4, seating);
        var oneRoom = Figures(People(16, 4), 4, seating);

        hybrid.Violations.Should().NotContain(v => v.Contains("online", StringComparison.Ordinal), "everyone sits at a table of their own kind");
        hybrid.RepeatsLowerBound.Should().Be(88);
        oneRoom.RepeatsLowerBound.Should().Be(24);
        hybrid.MenteeRepeats.Should().BeGreaterThanOrEqualTo(88);
    }

    [Fact]
    public void MenteesWhoAvoidEachOtherOrSatTogetherBeforeAreNoNewFaceForEachOther()
    {
        // The crowded case again, 0 at table A and 1 at table B throughout: 0 avoids 1, and 2 and 3 sat together in the spring.
        var roles = People(8, 2);
        roles = roles with { Mentees = roles.Mentees.Select((p, i) => i == 0 ? p with { Avoid = [Mentee(1).Key] } : p).ToList() };
        var seating = Enumerable.Range(0, 6).Select(c => new[] { 0, 1, c % 2, (c + 1) % 2, 0, 0, 1, 1 }).ToArray();

        var avoiding = Figures(roles, 4, seating);
        var withHistory = Figures(roles, 4, seating, PlanConstraints.None with { History = Sat((1, 'A', [2, 3])) });

        avoiding.RepeatsLowerBound.Should().Be(45, "0 and 1 have six others each to meet, not seven: two more surplus places");
        withHistory.RepeatsLowerBound.Should().Be(46, "so do 2 and 3, who sat together before");
        withHistory.MenteeRepeats.Should().BeGreaterThanOrEqualTo(46);
    }

    // Three mentees meet two of three mentors, one each: 0 meets A then B, 1 meets B then C, 2 meets C then A.
    private static readonly int[][] Cycle = [[0, 1, 2], [1, 2, 0]];

    [Fact]
    public void PastPairsAreCountedAsKeptApartOrAskedAgain()
    {
        // In the spring 0 met A (and asks for A again), 2 met C (the host pins them), 0 met C and 1 met A (apart now);
        // Mentee 9 is not at this event.
        var roles = People(3, 3);
        roles = roles with { Mentees = roles.Mentees.Select((p, i) => i == 0 ? p with { Prefers = [Mentor('A').Key] } : p).ToList() };
        var history = Sat((1, 'A', [0]), (1, 'C', [2]), (2, 'C', [0]), (2, 'A', [1, 9]));
        var constraints = new PlanConstraints([(Mentee(2).Key, Mentor('C').Key)], []) { History = history };

        var quality = Figures(roles, 1, Cycle, constraints);

        quality.PastPairsAvoided.Should().Be(2);
        quality.PastPairsAskedAgain.Should().Be(2);
        quality.Violations.Should().BeEmpty();
    }

    [Fact]
    public void APastPairThatCouldNotMeetAnywayIsNotCountedAsKeptApart()
    {
        // In the spring 0 met C and 1 met C. Now Mentor C takes part online and Mentee 0 in the room: they could not
        // meet, so the host is not told they were kept apart; Mentee 1 and Mentor C, both in the room, were.
        var roles = People(3, 3);
        roles = new RoleAssignment(
            roles.Mentors.Select(p => p.Key == Mentor('C').Key ? p with { Online = true } : p).ToList(),
            roles.Mentees.Select((p, i) => i == 1 ? p with { Online = true } : p).ToList());
        var constraints = PlanConstraints.None with { History = Sat((1, 'C', [0]), (2, 'C', [1])) };

        var plan = RotationEngine.Plan(roles, new PlanSettings(1, 1), constraints);

        plan.Quality.PastPairsAvoided.Should().Be(1, "only Mentee 1 could have met Mentor C");
    }

    [Fact]
    public void APastPairMeetingAgainUnaskedBreaksAHardRuleOnlyInRoundsStillToCome()
    {
        // 1 met B in the spring and did not ask for B; the cycle seats them together in round 1.
        var constraints = PlanConstraints.None with { History = Sat((1, 'B', [1])) };

        var planned = Figures(People(3, 3), 1, Cycle, constraints);
        var held = Figures(People(3, 3), 1, Cycle, constraints, roundsHeld: 1);

        planned.Violations.Should().Equal("Round 1: Mentee 1 meets Mentor B again; they met at an earlier event and Mentee 1 did not ask for Mentor B again.");
        planned.PastPairsAvoided.Should().Be(0);
        planned.PastPairsAskedAgain.Should().Be(0);
        held.Violations.Should().BeEmpty("round 1 is over: what happened there is history");
    }

    [Fact]
    public void APastPairMeetsAgainWithoutBreakingAnyRuleWhenTheMenteeAskedOrTheHostPinned()
    {
        var history = Sat((1, 'B', [1]));
        var people = People(3, 3);
        var asked = people with { Mentees = people.Mentees.Select((p, i) => i == 1 ? p with { Prefers = [Mentor('B').Key] } : p).ToList() };

        var askedFor = Figures(asked, 1, Cycle, PlanConstraints.None with { History = history });
        var pinned = Figures(people, 1, Cycle, new PlanConstraints([(Mentee(1).Key, Mentor('B').Key)], []) { History = history });

        askedFor.Violations.Should().BeEmpty();
        askedFor.PastPairsAskedAgain.Should().Be(1);
        pinned.Violations.Should().BeEmpty();
        pinned.PastPairsAskedAgain.Should().Be(1);
    }
}
