using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Tests.Planning;

public class RotationEngineTests
{
    private static readonly RosterImport Sample = RosterParser.Parse(File.ReadAllText(Path.Combine("samples", "roster-100x25.csv")));

    [Fact]
    public void TheSampleEventSeatsEveryMenteeEveryRoundAtTablesOfFourWithEveryPreferenceMet()
    {
        var plan = RotationEngine.Plan(Sample, new PlanSettings(6, 4));

        HardRules.ShouldHold(plan);
        HardRules.EveryoneSeatedWhenSeatsSuffice(plan);
        for (var round = 1; round <= 6; round++)
        {
            plan.Rotation.Tables(round).Should().OnlyContain(t => t.Count == 4);
        }

        plan.Quality.PreferencesMet.Should().Be(plan.Quality.PreferencesSatisfiable);
        plan.Quality.PreferencesAsked.Should().BeGreaterThan(50);
    }

    [Fact]
    public void APlanCalledOffStopsAndAPlanLeftToRunIsTheSameAsWithoutAToken()
    {
        using var live = new CancellationTokenSource();
        using var calledOff = new CancellationTokenSource();
        calledOff.Cancel();

        var plain = RotationEngine.Plan(Sample, new PlanSettings(6, 4));
        var watched = RotationEngine.Plan(Sample, new PlanSettings(6, 4), cancellationToken: live.Token);
        var stopped = () => RotationEngine.Plan(Sample, new PlanSettings(6, 4), cancellationToken: calledOff.Token);

        watched.Rotation.CopySeats().Should().Equal(plain.Rotation.CopySeats(), "checking a token changes nothing in the plan");
        stopped.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void TheScoreIsWithinOnePercentOfACertifiedUpperBound()
    {
        var plan = RotationEngine.Plan(Sample, new PlanSettings(6, 4));

        plan.Quality.UpperBound.Should().NotBeNull();
        plan.Quality.UpperBound!.Value.Should().BeGreaterThanOrEqualTo(plan.Quality.Score);
        plan.Quality.Gap.Should().BeLessThan(0.01);
    }

    [Fact]
    public void TheEngineBeatsTheClockwiseRotationOnEveryQualityFigure()
    {
        var settings = new PlanSettings(6, 4);
        var roles = RoleAssignment.From(Sample.People, 4);

        var engine = RotationEngine.Plan(roles, settings).Quality;
        var clockwise = ClockwiseRotation.Plan(roles, settings).Quality;

        engine.Score.Should().BeGreaterThan(clockwise.Score);
        engine.PreferencesMet.Should().BeGreaterThan(clockwise.PreferencesMet);
        engine.MenteeRepeats.Should().BeLessThan(clockwise.MenteeRepeats);
        engine.WorstOffMenteeScore.Should().BeGreaterThan(clockwise.WorstOffMenteeScore);
        engine.TableSizeSpread.Should().BeLessThanOrEqualTo(clockwise.TableSizeSpread);
        engine.Violations.Should().BeEmpty();
    }

    [Fact]
    public void TheSameRosterSettingsAndSeedGiveTheSamePlan()
    {
        var a = RotationEngine.Plan(Sample, new PlanSettings(6, 4, seed: 42));
        var b = RotationEngine.Plan(Sample, new PlanSettings(6, 4, seed: 42));

        Seats(a).Should().Equal(Seats(b));
        a.Quality.Should().BeEquivalentTo(b.Quality);
    }

    [Fact]
    public void WithOneMentorOutFourMenteesRestEachRoundAndNobodyRestsTwice()
    {
        var roster = Sample with { People = Sample.People.Where(p => p != Sample.Mentors.First()).ToList() };

        var plan = RotationEngine.Plan(roster, new PlanSettings(6, 4));

        HardRules.ShouldHold(plan);
        for (var round = 1; round <= 6; round++)
        {
            plan.Rotation.Resting(round).Should().HaveCount(4);
        }

        HardRules.RestsPerMentee(plan.Rotation).Should().OnlyContain(r => r <= 1);
    }

    [Fact]
    public void NinetyMenteesSitAtTablesOfThreeOrFour()
    {
        var roster = Sample with { People = Sample.People.Where(p => p.CanMentor).Concat(Sample.Mentees.Take(90)).ToList() };

        var plan = RotationEngine.Plan(roster, new PlanSettings(6, 4));

        HardRules.ShouldHold(plan);
        HardRules.EveryoneSeatedWhenSeatsSuffice(plan);
        plan.Rotation.Tables(1).Select(t => t.Count).Distinct().Order().Should().Equal(3, 4);
    }

    [Fact]
    public void APinnedPairMeetsAndAForbiddenPairNeverDoes()
    {
        var mentee = Sample.Mentees.First().Key;
        var unlikely = Sample.Mentors.Last().Key;
        var first = RotationEngine.Plan(Sample, new PlanSettings(6, 4));
        var metMentor = Enumerable.Range(1, 6).Select(r => first.Rotation.Mentors[first.Rotation.MentorOf(r, 0)].Key).First(k => k != unlikely);

        var plan = RotationEngine.Plan(Sample, new PlanSettings(6, 4), new PlanConstraints([(mentee, unlikely)], [(mentee, metMentor)]));

        HardRules.ShouldHold(plan);
        var met = Enumerable.Range(1, 6).Select(r => plan.Rotation.Mentors[plan.Rotation.MentorOf(r, 0)].Key).ToList();
        met.Should().Contain(unlikely).And.NotContain(metMentor);
    }

    [Fact]
    public void WhenEveryoneAsksForTheSameMentorTheirTableStaysWithinItsSeatsAndEveryoneIsStillSeated()
    {
        var csv = RosterGenerator.Csv(new RosterGenerator.Options(40, 10, Seed: 3, PreferShare: 1, PopularMentors: 1));

        var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(5, 4));

        HardRules.ShouldHold(plan);
        HardRules.EveryoneSeatedWhenSeatsSuffice(plan);
        plan.Rotation.Tables(1)[0].Count.Should().BeLessThanOrEqualTo(4);
        plan.Quality.PreferencesMet.Should().BeLessThan(plan.Quality.PreferencesAsked, "one table cannot seat 40 mentees in 5 rounds");
    }

    [Fact]
    public void WithOneMentorEachMenteeMeetsThemOnceAndRestsTheOtherRounds()
    {
        var csv = RosterGenerator.Csv(new RosterGenerator.Options(3, 1, Seed: 5));

        var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(6, 4));

        HardRules.ShouldHold(plan);
        HardRules.RestsPerMentee(plan.Rotation).Should().OnlyContain(r => r == 5);
    }

    [Fact]
    public void OneOnOneRoundsPairEveryMenteeWithADifferentMentorEachRound()
    {
        var csv = RosterGenerator.Csv(new RosterGenerator.Options(100, 100, Seed: 9));

        var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(8, 1));

        HardRules.ShouldHold(plan);
        HardRules.EveryoneSeatedWhenSeatsSuffice(plan);
        plan.Quality.Meetings.Should().Be(800);
        plan.Quality.Gap.Should().BeLessThan(0.01);
    }

    [Fact]
    public void AMentorsBreaksAreHonouredAndTheOtherTablesStayBalanced()
    {
        var people = Sample.People.Select((p, k) => k < 3 && p.CanMentor ? p with { RoundsOff = [k + 2] } : p).ToList();

        var plan = RotationEngine.Plan(Sample with { People = people }, new PlanSettings(6, 4));

        HardRules.ShouldHold(plan);
        HardRules.EveryoneSeatedWhenSeatsSuffice(plan);
        plan.Rotation.Tables(2)[0].Should().BeEmpty();
    }

    [Fact]
    public void TheLargestSettingsPlanWithoutBreakingARule()
    {
        var csv = RosterGenerator.Csv(new RosterGenerator.Options(45, 3, Seed: 4));

        var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(PlanSettings.MaxRounds, PlanSettings.MaxSeatsPerTable));

        HardRules.ShouldHold(plan);
        plan.Quality.Meetings.Should().Be(45 * 3, "each mentee meets each of the three mentors once, then rests");
    }

    [Fact]
    public void PeopleMarkedBothHostOnlyAsManyTablesAsTheRoomNeeds()
    {
        var csv = RosterGenerator.Csv(new RosterGenerator.Options(25, 0, Seed: 2)).Replace("\nmentee,", "\nboth,", StringComparison.Ordinal);

        var import = RosterParser.Parse(csv);
        var roles = RoleAssignment.From(import.People, 4);
        var plan = RotationEngine.Plan(import, new PlanSettings(4, 4));

        roles.Mentors.Should().HaveCount(5, "5 hosts seat the other 20 at tables of four");
        roles.Mentees.Should().HaveCount(20);
        HardRules.ShouldHold(plan);
        HardRules.EveryoneSeatedWhenSeatsSuffice(plan);
    }

    [Fact]
    public void EveryHardRuleHoldsOnManyGeneratedRosters()
    {
        var random = new Random(1234);
        for (var run = 0; run < 300; run++)
        {
            var mentors = random.Next(1, 16);
            var mentees = random.Next(0, 70);
            var options = new RosterGenerator.Options(mentees, mentors, Seed: run, PreferShare: random.NextDouble(), AvoidShare: random.Next(3) == 0 ? 0.5 : 0.05,
                PopularMentors: random.Next(1, 3), PeerAvoidShare: random.Next(3) == 0 ? 0.3 : 0);
            var import = RosterParser.Parse(RosterGenerator.Csv(options));
            import.Warnings.Should().BeEmpty("every generated avoid and prefers entry names someone on the roster");
            if (random.Next(4) == 0)
            {
                // Some mentors take a break.
                var people = import.People.Select(p => p.CanMentor && random.Next(3) == 0 ? p with { RoundsOff = [random.Next(1, 5)] } : p).ToList();
                import = import with { People = people };
            }

            var settings = new PlanSettings(random.Next(1, 9), random.Next(1, 6), (MentoringFormat)random.Next(4), seed: run);

            var plan = RotationEngine.Plan(import, settings);

            using (new FluentAssertions.Execution.AssertionScope($"run {run}: {mentees} mentees, {mentors} mentors, {settings.Rounds} rounds, {settings.SeatsPerTable} seats"))
            {
                HardRules.ShouldHold(plan);
                if (plan.Quality.UpperBound is { } bound)
                {
                    bound.Should().BeGreaterThanOrEqualTo(plan.Quality.Score);
                }
            }
        }
    }

    [Fact]
    public void TwoMenteesWhoAvoidEachOtherNeverShareATableEvenWhenBothAskForTheSameMentor()
    {
        var csv = """
            role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid
            mentor,Mia Mentor,mia@opm.gov,OPM,,SES,Budget,,,,
            mentor,Max Mentor,max@opm.gov,VA,,SES,Budget,,,,
            mentee,Ann,ann@opm.gov,OPM,,GS-9,,Budget,,mia@opm.gov,bob@opm.gov
            mentee,Bob,bob@opm.gov,OPM,,GS-9,,Budget,,mia@opm.gov,
            mentee,Cat,cat@opm.gov,OPM,,GS-9,,Budget,,,
            mentee,Dan,dan@opm.gov,OPM,,GS-9,,Budget,,,
            """;

        foreach (var rounds in new[] { 1, 2 })
        {
            var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(rounds, 2));

            HardRules.ShouldHold(plan);
            HardRules.EveryoneSeatedWhenSeatsSuffice(plan);
            for (var round = 1; round <= rounds; round++)
            {
                plan.Rotation.MentorOf(round, 0).Should().NotBe(plan.Rotation.MentorOf(round, 1), "Ann avoids Bob");
            }
        }
    }

    [Fact]
    public void AMenteeWhoCanMeetNobodyDoesNotLowerTheBoundBelowWhatTheOthersScore()
    {
        var csv = """
            role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid
            mentor,Mia Mentor,mia@opm.gov,,,,,,,,
            mentor,Max Mentor,max@opm.gov,,,,,,,,
            mentee,Ann,ann@opm.gov,,,,,,,,mia@opm.gov;max@opm.gov
            mentee,Bob,bob@opm.gov,,,,,,,,
            mentee,Cat,cat@opm.gov,,,,,,,,
            mentee,Dan,dan@opm.gov,,,,,,,,
            """;

        var plan = RotationEngine.Plan(RosterParser.Parse(csv), new PlanSettings(2, 1));

        HardRules.ShouldHold(plan);
        plan.Quality.Meetings.Should().Be(4, "two one-on-one tables for two rounds, and Ann can sit at neither");
        plan.Quality.UpperBound.Should().BeGreaterThanOrEqualTo(plan.Quality.Score);
        plan.Quality.Gap.Should().Be(0);
    }

    [Fact]
    public void AHandBuiltRosterWithTheSamePersonTwiceIsRefusedWithTheirName()
    {
        var ann = Person.WalkIn("Ann Lee", Role.Mentee);

        var act = () => RoleAssignment.From([ann, ann, Person.WalkIn("Mia", Role.Mentor)], 4);

        act.Should().Throw<ArgumentException>().WithMessage("*Ann Lee*2 times*");
    }

    [Fact]
    public void PricingTheLeftOutPairsReachesTheSameOptimumAsOfferingEveryPair()
    {
        var import = RosterParser.Parse(RosterGenerator.Csv(new RosterGenerator.Options(120, 30, Seed: 11, PreferShare: 0.8, PopularMentors: 2)));

        var everyPair = RotationEngine.Plan(import, new PlanSettings(6, 4) { CandidatesPerMentee = 0 });
        var fewCandidates = RotationEngine.Plan(import, new PlanSettings(6, 4) { CandidatesPerMentee = 4 });

        fewCandidates.Quality.UpperBound.Should().Be(everyPair.Quality.UpperBound, "a pruned flow re-optimised after pricing is optimal over all pairs");
        HardRules.ShouldHold(fewCandidates);
    }

    [Fact]
    public void OnTinyEventsTheBoundEqualsTheBestRotationFoundByBruteForce()
    {
        var random = new Random(99);
        var checkedCases = 0;
        for (var run = 0; run < 40; run++)
        {
            var mentors = random.Next(2, 4);
            var seats = random.Next(1, 3);
            var mentees = random.Next(2, Math.Min(5, (mentors * seats) + 1));
            var rounds = 2;
            var import = RosterParser.Parse(RosterGenerator.Csv(new RosterGenerator.Options(mentees, mentors, Seed: run, PreferShare: 0.6, AvoidShare: 0.2)));
            var plan = RotationEngine.Plan(import, new PlanSettings(rounds, seats, MentoringFormat.SeniorToJunior, seed: run));

            var best = BruteForceBest(plan.Scorer, mentees, mentors, rounds, seats);
            if (best is null)
            {
                continue;
            }

            checkedCases++;
            plan.Quality.UpperBound.Should().Be(best, $"run {run}: the flow's dual bound is tight when every mentee can be seated");
            plan.Quality.Score.Should().BeGreaterThanOrEqualTo((long)(best.Value * 0.99));
        }

        checkedCases.Should().BeGreaterThan(20);
    }

    /// <summary>The best score over every rotation that seats everyone every round at balanced tables.</summary>
    private static long? BruteForceBest(PairScorer scorer, int m, int n, int rounds, int seats)
    {
        long? best = null;
        var choice = new int[m * rounds];
        Recurse(0);
        return best;

        void Recurse(int k)
        {
            if (k == choice.Length)
            {
                long score = 0;
                var met = new HashSet<(int, int)>();
                for (var c = 0; c < rounds; c++)
                {
                    var sizes = new int[n];
                    for (var i = 0; i < m; i++)
                    {
                        var j = choice[(c * m) + i];
                        if (!met.Add((i, j)) || scorer.Avoids(i, j))
                        {
                            return;
                        }

                        sizes[j]++;
                        score += scorer.Score(i, j);
                    }

                    if (sizes.Max() > seats || sizes.Max() - sizes.Min() > 1)
                    {
                        return;
                    }
                }

                best = Math.Max(best ?? long.MinValue, score);
                return;
            }

            for (var j = 0; j < n; j++)
            {
                choice[k] = j;
                Recurse(k + 1);
            }
        }
    }

    private static int[] Seats(PlanResult plan) =>
        Enumerable.Range(1, plan.Rotation.Rounds)
                  .SelectMany(r => Enumerable.Range(0, plan.Rotation.Mentees.Count).Select(i => plan.Rotation.MentorOf(r, i)))
                  .ToArray();
}
