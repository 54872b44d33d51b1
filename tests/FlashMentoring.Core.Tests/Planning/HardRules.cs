using FlashMentoring.Core.Planning;

namespace FlashMentoring.Core.Tests.Planning;

/// <summary>
/// The hard rules, checked straight from the seating without going through the engine's own evaluator, so a
/// bug shared by the two cannot hide itself.
/// </summary>
internal static class HardRules
{
    /// <param name="plan">The plan to check.</param>
    /// <param name="roundsHeld">Rounds held before someone changed how they take part: seats there are history.</param>
    public static void ShouldHold(PlanResult plan, int roundsHeld = 0)
    {
        var rotation = plan.Rotation;
        var attendance = plan.Attendance;
        var met = new HashSet<(int, int)>();
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            // Online tables and tables in the room are balanced each among themselves.
            var sizes = new Dictionary<bool, List<int>> { [false] = [], [true] = [] };
            var tables = rotation.Tables(round);
            for (var j = 0; j < rotation.Mentors.Count; j++)
            {
                if (!attendance.MentorThere(j, round))
                {
                    tables[j].Should().BeEmpty($"{rotation.Mentors[j].Name} is off in round {round}");
                    continue;
                }

                sizes[rotation.Mentors[j].Online].Add(tables[j].Count);
                tables[j].Count.Should().BeLessThanOrEqualTo(rotation.MostAtTable, "no table is over its seats");
                foreach (var i in tables[j])
                {
                    met.Add((i, j)).Should().BeTrue($"{rotation.Mentees[i].Name} meets {rotation.Mentors[j].Name} only once");
                    plan.Scorer.Avoids(i, j).Should().BeFalse("avoid pairs never meet");
                    attendance.MenteeThere(i, round).Should().BeTrue("only people who are there are seated");
                    if (round > roundsHeld)
                    {
                        rotation.Mentees[i].Online.Should().Be(rotation.Mentors[j].Online, $"{rotation.Mentees[i].Name} sits only at tables of the way they take part (round {round}, {rotation.Mentors[j].Name})");
                    }
                }
            }

            foreach (var group in sizes.Values.Where(g => g.Count > 0))
            {
                (group.Max() - group.Min()).Should().BeLessThanOrEqualTo(1, $"tables in round {round} differ by at most one");
            }
        }

        plan.Quality.Violations.Should().BeEmpty();
    }

    /// <summary>Every mentee who is there and could still meet somebody new at a non-full table is seated.</summary>
    public static void EveryoneSeatedWhenSeatsSuffice(PlanResult plan)
    {
        var rotation = plan.Rotation;
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            var seatsInRound = Enumerable.Range(0, rotation.Mentors.Count).Count(j => plan.Attendance.MentorThere(j, round)) * rotation.SeatsPerTable;
            var there = Enumerable.Range(0, rotation.Mentees.Count).Count(i => plan.Attendance.MenteeThere(i, round));
            if (there <= seatsInRound)
            {
                rotation.Resting(round).Where(i => plan.Attendance.MenteeThere(i, round)).Should().BeEmpty($"seats suffice in round {round}");
            }
        }
    }

    public static int[] RestsPerMentee(Rotation rotation) =>
        Enumerable.Range(0, rotation.Mentees.Count)
                  .Select(i => Enumerable.Range(1, rotation.Rounds).Count(round => rotation.MentorOf(round, i) < 0))
                  .ToArray();
}
