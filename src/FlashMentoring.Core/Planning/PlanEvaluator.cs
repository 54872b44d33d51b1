using System.Numerics;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Core.Planning;

/// <summary>Who is there when, in absolute rounds (bit r-1 for round r).</summary>
/// <param name="Mentees">Per mentee.</param>
/// <param name="Mentors">Per mentor.</param>
public sealed record Attendance(IReadOnlyList<ulong> Mentees, IReadOnlyList<ulong> Mentors)
{
    /// <summary>Everyone in every round, except mentors' listed breaks.</summary>
    public static Attendance FromRoster(Rotation rotation) => FromPeople(rotation.Mentees, rotation.Mentors, rotation.Rounds);

    internal static Attendance FromPeople(IReadOnlyList<Roster.Person> mentees, IReadOnlyList<Roster.Person> mentors, int rounds)
    {
        var all = rounds >= 64 ? ulong.MaxValue : (1UL << rounds) - 1;
        return new Attendance(
            mentees.Select(_ => all).ToArray(),
            mentors.Select(p => (p.RoundsOff ?? []).Aggregate(all, (mask, round) => mask & ~(1UL << (round - 1)))).ToArray());
    }

    /// <summary>True when the mentee is there in the round (1-based).</summary>
    public bool MenteeThere(int mentee, int round) => (Mentees[mentee] & (1UL << (round - 1))) != 0;

    /// <summary>True when the mentor hosts in the round (1-based).</summary>
    public bool MentorThere(int mentor, int round) => (Mentors[mentor] & (1UL << (round - 1))) != 0;
}

/// <summary>
/// Measures a rotation and checks every hard rule, knowing nothing of how the rotation was made. Tests, the
/// benchmark's clockwise baseline and the API all go through here, so the engine is judged by the same ruler.
/// </summary>
public static class PlanEvaluator
{
    /// <summary>Figures and violations for a rotation.</summary>
    /// <param name="rotation">The seating.</param>
    /// <param name="scorer">Scores pairs, and knows who avoids whom and who is online.</param>
    /// <param name="attendance">Who is there when.</param>
    /// <param name="constraints">Pins and forbids.</param>
    /// <param name="upperBound">The certified bound, if any.</param>
    /// <param name="roundsHeld">
    /// Rounds already held: a seat there at a table of the other mode is history (the person or the mentor changed
    /// how they take part since), not a broken rule.
    /// </param>
    public static PlanQuality Evaluate(Rotation rotation, PairScorer scorer, Attendance attendance, PlanConstraints? constraints = null, long? upperBound = null, int roundsHeld = 0)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(attendance);
        constraints ??= PlanConstraints.None;
        var m = rotation.Mentees.Count;
        var n = rotation.Mentors.Count;
        var violations = new List<string>();
        var menteeScore = new long[m];
        var met = new Dictionary<long, int>();
        var together = new Dictionary<long, int>();
        int meetings = 0, rests = 0, spread = 0, crossAgency = 0, needs = 0;
        var restsOf = new int[m];
        var menteeIndex = rotation.Mentees.Select((p, i) => (p.Key, i)).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.i);
        var mentorIndex = rotation.Mentors.Select((p, i) => (p.Key, i)).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.i);

        for (var round = 1; round <= rotation.Rounds; round++)
        {
            var tables = rotation.Tables(round);
            // Tables are balanced within each group: online mentees can only fill online tables and the others the rest.
            var sizes = new List<int>();
            var onlineSizes = new List<int>();
            for (var j = 0; j < n; j++)
            {
                var table = tables[j];
                if (!attendance.MentorThere(j, round))
                {
                    if (table.Count > 0)
                    {
                        violations.Add($"Round {round}: {rotation.Mentors[j].Name} is on a break but has {Say.Count(table.Count, "mentee")}.");
                    }

                    continue;
                }

                (rotation.Mentors[j].Online ? onlineSizes : sizes).Add(table.Count);
                if (table.Count > rotation.MostAtTable)
                {
                    violations.Add($"Round {round}: table {j + 1} has {table.Count} mentees; the most is {rotation.MostAtTable}.");
                }

                foreach (var i in table)
                {
                    meetings++;
                    var w = scorer.Score(i, j);
                    menteeScore[i] += w;
                    var key = Pack(i, j);
                    met[key] = met.GetValueOrDefault(key) + 1;
                    if (met[key] == 2)
                    {
                        violations.Add($"{rotation.Mentees[i].Name} meets {rotation.Mentors[j].Name} twice.");
                    }

                    if (scorer.Avoids(i, j))
                    {
                        violations.Add($"Round {round}: {rotation.Mentees[i].Name} is seated with {rotation.Mentors[j].Name}, whom one of them avoids.");
                    }

                    if (!attendance.MenteeThere(i, round))
                    {
                        violations.Add($"Round {round}: {rotation.Mentees[i].Name} is seated but not there.");
                    }

                    if (round > roundsHeld && scorer.Apart(i, j))
                    {
                        violations.Add($"Round {round}: {rotation.Mentees[i].Name} takes part {Where(rotation.Mentees[i].Online)} but is seated at {rotation.Mentors[j].Name}'s table, which meets {Where(rotation.Mentors[j].Online)}.");
                    }

                    if (!string.Equals(rotation.Mentees[i].Agency.Trim(), rotation.Mentors[j].Agency.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        crossAgency++;
                    }

                    if (rotation.Mentees[i].Needs.Any(need => rotation.Mentors[j].Expertise.Contains(need, StringComparer.OrdinalIgnoreCase)))
                    {
                        needs++;
                    }
                }

                for (var x = 0; x < table.Count; x++)
                {
                    for (var y = x + 1; y < table.Count; y++)
                    {
                        var key = Pack(Math.Min(table[x], table[y]), Math.Max(table[x], table[y]));
                        together[key] = together.GetValueOrDefault(key) + 1;
                        if (rotation.Mentees[table[x]].Avoid.Contains(rotation.Mentees[table[y]].Key) ||
                            rotation.Mentees[table[y]].Avoid.Contains(rotation.Mentees[table[x]].Key))
                        {
                            violations.Add($"Round {round}: {rotation.Mentees[table[x]].Name} and {rotation.Mentees[table[y]].Name} share a table though one avoids the other.");
                        }
                    }
                }
            }

            foreach (var group in new[] { sizes, onlineSizes }.Where(g => g.Count > 0))
            {
                var roundSpread = group.Max() - group.Min();
                spread = Math.Max(spread, roundSpread);
                if (roundSpread > 1)
                {
                    var kind = !scorer.Mixed ? "table" : group == onlineSizes ? "online table" : "in-room table";
                    violations.Add($"Round {round}: {kind} sizes range from {group.Min()} to {group.Max()}.");
                }
            }

            for (var i = 0; i < m; i++)
            {
                if (rotation.MentorOf(round, i) >= 0 || !attendance.MenteeThere(i, round))
                {
                    continue;
                }

                rests++;
                restsOf[i]++;
                // A seat that would not unbalance the room: one at a smallest table.
                var smallest = (rotation.Mentees[i].Online ? onlineSizes : sizes).DefaultIfEmpty(0).Min();
                var open = Enumerable.Range(0, n).FirstOrDefault(j =>
                    attendance.MentorThere(j, round) && tables[j].Count == smallest && smallest < rotation.SeatsPerTable && !scorer.KeptApart(i, j) &&
                    !Enumerable.Range(1, rotation.Rounds).Any(rr => rotation.MentorOf(rr, i) == j) &&
                    !constraints.Forbids.Contains((rotation.Mentees[i].Key, rotation.Mentors[j].Key)), -1);
                if (open >= 0)
                {
                    violations.Add($"Round {round}: {rotation.Mentees[i].Name} rests while table {open + 1} has a seat and they have not met.");
                }
            }
        }

        // Rests spread evenly: nobody sits out a round while someone seated in it has rested two fewer times.
        // Mentees held back by few possible mentors (avoid lists, host forbids, breaks) rest more by force; only
        // mentees who rest at all are checked for it, which keeps this linear on large rosters.
        var all = rotation.Rounds >= 64 ? ulong.MaxValue : (1UL << rotation.Rounds) - 1;
        var free = new Dictionary<int, bool>();
        bool Free(int i) => free.TryGetValue(i, out var f) ? f : free[i] = Enumerable.Range(0, n).Count(j =>
            !scorer.KeptApart(i, j) && (attendance.Mentors[j] & attendance.Mentees[i]) != 0 &&
            !constraints.Forbids.Contains((rotation.Mentees[i].Key, rotation.Mentors[j].Key))) >= BitOperations.PopCount(attendance.Mentees[i] & all);
        // In a hybrid event each group rests among itself: an online mentee cannot take a seat in the room.
        foreach (var online in scorer.Mixed ? [false, true] : new[] { false })
        {
            for (var round = 1; round <= rotation.Rounds; round++)
            {
                var seatedFewest = int.MaxValue;
                var restingMost = int.MinValue;
                for (var i = 0; i < m; i++)
                {
                    if (!attendance.MenteeThere(i, round) || (scorer.Mixed && rotation.Mentees[i].Online != online))
                    {
                        continue;
                    }

                    if (rotation.MentorOf(round, i) >= 0)
                    {
                        seatedFewest = Math.Min(seatedFewest, restsOf[i]);
                    }
                    else if (restsOf[i] > restingMost && Free(i))
                    {
                        restingMost = restsOf[i];
                    }
                }

                if (restingMost != int.MinValue && seatedFewest != int.MaxValue && restingMost > seatedFewest + 1)
                {
                    violations.Add($"Round {round}: rests are uneven: a mentee who rests {restingMost} rounds sits out while one who rests {seatedFewest} is seated.");
                }
            }
        }

        foreach (var (mentee, mentor) in constraints.Forbids)
        {
            if (menteeIndex.TryGetValue(mentee, out var i) && mentorIndex.TryGetValue(mentor, out var j) && met.ContainsKey(Pack(i, j)))
            {
                violations.Add($"{rotation.Mentees[i].Name} meets {rotation.Mentors[j].Name}, a pair the host forbade.");
            }
        }

        foreach (var (mentee, mentor) in constraints.Pins)
        {
            // A pin across modes cannot be met; the engine says so in its notes.
            if (menteeIndex.TryGetValue(mentee, out var i) && mentorIndex.TryGetValue(mentor, out var j) && !met.ContainsKey(Pack(i, j)) && !scorer.Apart(i, j))
            {
                violations.Add($"{rotation.Mentees[i].Name} never meets {rotation.Mentors[j].Name}, a pair the host pinned.");
            }
        }

        int asked = 0, satisfiable = 0, metPreferences = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (scorer.PreferenceRank(i, j) == 0)
                {
                    continue;
                }

                asked++;
                if (!scorer.KeptApart(i, j) && !constraints.Forbids.Contains((rotation.Mentees[i].Key, rotation.Mentors[j].Key)))
                {
                    satisfiable++;
                }

                if (met.ContainsKey(Pack(i, j)))
                {
                    metPreferences++;
                }
            }
        }

        var score = menteeScore.Sum();
        var seatedScores = Enumerable.Range(0, m).Where(i => menteeScore[i] > 0).Select(i => menteeScore[i]).ToList();
        // Not clamped: a negative gap would mean a wrong bound, and it should show.
        double? gap = upperBound is > 0 ? (upperBound.Value - score) / (double)upperBound.Value : upperBound is null ? null : 0;
        return new PlanQuality(score, upperBound, gap, meetings, rests, asked, satisfiable, metPreferences, spread,
            together.Values.Sum(c => c - 1), seatedScores.DefaultIfEmpty(0).Min(), m == 0 ? 0 : score / (double)m,
            crossAgency, needs, violations);
    }

    private static string Where(bool online) => online ? "online" : "in the room";

    private static long Pack(int a, int b) => ((long)a << 32) | (uint)b;
}
