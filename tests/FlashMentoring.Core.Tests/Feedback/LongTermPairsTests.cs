using FlashMentoring.Core.Feedback;

namespace FlashMentoring.Core.Tests.Feedback;

public class LongTermPairsTests
{
    [Fact]
    public void NoMentorGetsMoreThanTheCapAndNoMenteeMoreThanOneMentor()
    {
        // Eight mentees all want the same mentor first; she can take five.
        var mutual = Enumerable.Range(1, 8).SelectMany(i => new[]
        {
            new MutualChoice($"m{i}", "popular", 1),
            new MutualChoice($"m{i}", "second", 2),
        }).ToList();

        var pairs = LongTermPairs.Assign(mutual, mentorCap: 5, menteeCap: 1);

        pairs.Count(p => p.Mentor == "popular").Should().Be(5);
        pairs.Count(p => p.Mentor == "second").Should().Be(3, "those who could not have their first choice get their second");
        pairs.GroupBy(p => p.Mentee).Should().OnlyContain(g => g.Count() == 1);
    }

    [Fact]
    public void OnSmallCasesTheAssignmentIsAsGoodAsTryingEverySubset()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var mentees = random.Next(1, 6);
            var mentors = random.Next(1, 4);
            var mentorCap = random.Next(1, 3);
            var menteeCap = random.Next(1, 3);
            var mutual = new List<MutualChoice>();
            for (var i = 0; i < mentees; i++)
            {
                for (var j = 0; j < mentors; j++)
                {
                    if (random.NextDouble() < 0.6)
                    {
                        mutual.Add(new MutualChoice($"e{i}", $"r{j}", random.Next(1, 4), random.NextDouble() < 0.5 ? random.Next(1, 4) : null));
                    }
                }
            }

            var pairs = LongTermPairs.Assign(mutual, mentorCap, menteeCap);

            pairs.Sum(p => p.Weight).Should().Be(BruteForce(mutual, mentorCap, menteeCap), $"trial {trial}");
            pairs.GroupBy(p => p.Mentor).Should().NotContain(g => g.Count() > mentorCap);
            pairs.GroupBy(p => p.Mentee).Should().NotContain(g => g.Count() > menteeCap);
            pairs.Should().NotContain(p => !mutual.Contains(p), "only mutual choices become pairs");
        }
    }

    private static int BruteForce(List<MutualChoice> mutual, int mentorCap, int menteeCap)
    {
        var best = 0;
        for (var mask = 0; mask < 1 << mutual.Count; mask++)
        {
            var chosen = mutual.Where((_, k) => (mask & (1 << k)) != 0).ToList();
            if (chosen.GroupBy(p => p.Mentor).All(g => g.Count() <= mentorCap) && chosen.GroupBy(p => p.Mentee).All(g => g.Count() <= menteeCap))
            {
                best = Math.Max(best, chosen.Sum(p => p.Weight));
            }
        }

        return best;
    }
}
