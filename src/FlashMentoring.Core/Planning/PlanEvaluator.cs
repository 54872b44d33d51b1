using System.Numerics;
using System.Runtime.InteropServices;
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
    /// <param name="constraints">Pins, forbids and the earlier events' meetings.</param>
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
        var met = new Dictionary<long, int>(m * rotation.Rounds, PairHash.Instance);
        var together = new Dictionary<long, int>(m * rotation.Rounds, PairHash.Instance);
        int meetings = 0, rests = 0, spread = 0, crossAgency = 0, needs = 0;
        var restsOf = new int[m];
        var menteeIndex = rotation.Mentees.Select((p, i) => (p.Key, i)).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.i);
        var mentorIndex = rotation.Mentors.Select((p, i) => (p.Key, i)).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.i);
        // Resting beside the free seat of a mentor one may not meet (a forbid, or an earlier event's pair not asked for
        // again) is no broken rule.
        var forbidden = constraints.KeptApart(scorer);

        // Agencies and competencies once per person rather than once per meeting: this runs on every plan load.
        var menteeAgency = rotation.Mentees.Select(p => p.Agency.Trim()).ToArray();
        var mentorAgency = rotation.Mentors.Select(p => p.Agency.Trim()).ToArray();
        var vocabulary = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int[] Ids(IReadOnlyList<string> competencies) =>
            competencies.Select(c => vocabulary.TryGetValue(c, out var id) ? id : vocabulary[c] = vocabulary.Count).ToArray();
        var needIds = rotation.Mentees.Select(p => Ids(p.Needs)).ToArray();
        var expertiseIds = rotation.Mentors.Select(p => Ids(p.Expertise)).ToArray();
        // For the fewest possible repeats: tablemate places per mentee, and the rounds each sits in the room or online.
        var places = new int[m];
        var roomRounds = new ulong[m];
        var onlineRounds = new ulong[m];

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
                    ref var times = ref CollectionsMarshal.GetValueRefOrAddDefault(met, Pack(i, j), out _);
                    if (++times == 2)
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

                    if (!string.Equals(menteeAgency[i], mentorAgency[j], StringComparison.OrdinalIgnoreCase))
                    {
                        crossAgency++;
                    }

                    if (needIds[i].AsSpan().IndexOfAny(expertiseIds[j]) >= 0)
                    {
                        needs++;
                    }
                }

                for (var x = 0; x < table.Count; x++)
                {
                    for (var y = x + 1; y < table.Count; y++)
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(together, Pack(Math.Min(table[x], table[y]), Math.Max(table[x], table[y])), out _)++;
                        if (rotation.Mentees[table[x]].Avoid.Contains(rotation.Mentees[table[y]].Key) ||
                            rotation.Mentees[table[y]].Avoid.Contains(rotation.Mentees[table[x]].Key))
                        {
                            violations.Add($"Round {round}: {rotation.Mentees[table[x]].Name} and {rotation.Mentees[table[y]].Name} share a table though one avoids the other.");
                        }
                    }
                }
            }

            var fewestInRoom = Fewest(sizes);
            var fewestOnline = Fewest(onlineSizes);
            for (var j = 0; j < n; j++)
            {
                if (!attendance.MentorThere(j, round))
                {
                    continue;
                }

                var bit = 1UL << (round - 1);
                var fewest = rotation.Mentors[j].Online ? fewestOnline : fewestInRoom;
                foreach (var i in tables[j])
                {
                    places[i] += Math.Max(0, fewest - 1);
                    (rotation.Mentors[j].Online ? onlineRounds : roomRounds)[i] |= bit;
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
                    !forbidden.Contains(Pack(i, j)), -1);
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
            !forbidden.Contains(Pack(i, j))) >= BitOperations.PopCount(attendance.Mentees[i] & all);
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
        var preferred = new HashSet<int>();
        for (var i = 0; i < m; i++)
        {
            // Through the mentee's own list, not every mentor: 10,000 mentees by 2,500 mentors is 25 million pairs.
            preferred.Clear();
            foreach (var key in rotation.Mentees[i].Prefers)
            {
                if (!mentorIndex.TryGetValue(key, out var j) || scorer.PreferenceRank(i, j) == 0 || !preferred.Add(j))
                {
                    continue;
                }

                asked++;
                if (!scorer.KeptApart(i, j) && !forbidden.Contains(Pack(i, j)))
                {
                    satisfiable++;
                }

                if (met.ContainsKey(Pack(i, j)))
                {
                    metPreferences++;
                }
            }
        }

        var pastMates = PastTableMates(constraints.History, menteeIndex);
        int repeats = 0, pastRepeats = 0;
        foreach (var (pair, times) in together)
        {
            // Two who sat together at an earlier event have met already: even their first table here is a repeat.
            var past = pastMates.Contains(pair);
            repeats += past ? times : times - 1;
            pastRepeats += past ? times : 0;
        }

        var (pastAvoided, askedAgain) = PastPairs(rotation, scorer, attendance, constraints, menteeIndex, mentorIndex, met, roundsHeld, violations);
        var score = menteeScore.Sum();
        var seatedScores = Enumerable.Range(0, m).Where(i => menteeScore[i] > 0).Select(i => menteeScore[i]).ToList();
        // Not clamped: a negative gap would mean a wrong bound, and it should show.
        double? gap = upperBound is > 0 ? (upperBound.Value - score) / (double)upperBound.Value : upperBound is null ? null : 0;
        return new PlanQuality(score, upperBound, gap, meetings, rests, asked, satisfiable, metPreferences, spread,
            repeats, seatedScores.DefaultIfEmpty(0).Min(), m == 0 ? 0 : score / (double)m,
            crossAgency, needs, violations)
        {
            RepeatsLowerBound = FewestRepeats(rotation, menteeIndex, pastMates, places, roomRounds, onlineRounds),
            RepeatsWithPastTableMates = pastRepeats,
            PastPairsAvoided = pastAvoided,
            PastPairsAskedAgain = askedAgain,
        };
    }

    /// <summary>
    /// Mentees at the smallest table of a group in a round, and never more than the tables' average: no balanced
    /// seating of as many people at as many tables has a smaller table.
    /// </summary>
    private static int Fewest(List<int> sizes)
    {
        if (sizes.Count == 0)
        {
            return 0;
        }

        int seated = 0, smallest = int.MaxValue;
        foreach (var size in sizes)
        {
            seated += size;
            smallest = Math.Min(smallest, size);
        }

        return Math.Min(seated / sizes.Count, smallest);
    }

    /// <summary>Pairs of mentees of this plan (packed indices, smaller first) who sat at one table at an earlier event.</summary>
    private static HashSet<long> PastTableMates(PlanHistory history, Dictionary<string, int> menteeIndex)
    {
        var pairs = new HashSet<long>(PairHash.Instance);
        foreach (var (first, second) in history.TableMates)
        {
            if (menteeIndex.TryGetValue(first, out var a) && menteeIndex.TryGetValue(second, out var b) && a != b)
            {
                pairs.Add(Pack(Math.Min(a, b), Math.Max(a, b)));
            }
        }

        return pairs;
    }

    /// <summary>
    /// Mentee-mentor pairs that met at an earlier event: kept apart, or met again because the mentee asked or the host
    /// pinned them. Any other such meeting in a round still to come breaks a hard rule.
    /// </summary>
    private static (int Avoided, int AskedAgain) PastPairs(
        Rotation rotation, PairScorer scorer, Attendance attendance, PlanConstraints constraints, Dictionary<string, int> menteeIndex, Dictionary<string, int> mentorIndex,
        Dictionary<long, int> met, int roundsHeld, List<string> violations)
    {
        if (constraints.History.MetPairs.Count == 0)
        {
            return (0, 0);
        }

        var pinned = constraints.Pins.ToHashSet();

        int avoided = 0, askedAgain = 0;
        foreach (var (mentee, mentor) in constraints.History.MetPairs)
        {
            if (!menteeIndex.TryGetValue(mentee, out var i) || !mentorIndex.TryGetValue(mentor, out var j))
            {
                continue;
            }

            if (!met.ContainsKey(Pack(i, j)))
            {
                // Only a pair that could have met counts as kept apart: not one online and one in the room, and both
                // there in some round.
                avoided += !scorer.Apart(i, j) && (attendance.Mentees[i] & attendance.Mentors[j]) != 0 ? 1 : 0;
            }
            else if (scorer.PreferenceRank(i, j) > 0 || pinned.Contains((mentee, mentor)))
            {
                askedAgain++;
            }
            else
            {
                for (var round = roundsHeld + 1; round <= rotation.Rounds; round++)
                {
                    if (rotation.MentorOf(round, i) == j)
                    {
                        var (who, whom) = (rotation.Mentees[i].Name, rotation.Mentors[j].Name);
                        violations.Add($"Round {round}: {who} meets {whom} again; they met at an earlier event and {who} did not ask for {whom} again.");
                    }
                }
            }
        }

        return (avoided, askedAgain);
    }

    /// <summary>
    /// The fewest repeats any seating of the same people in the same rounds can have. Mentee i fills
    /// <paramref name="places"/>[i] tablemate places over the plan but can meet only so many mentees for the first time:
    /// those of its group who are seated in one of its rounds, less the ones it avoids or is avoided by and its tablemates
    /// of earlier events. Every place beyond that is one end of a repeat, and a repeat has two ends.
    /// </summary>
    private static int FewestRepeats(Rotation rotation, Dictionary<string, int> menteeIndex, HashSet<long> pastMates, int[] places, ulong[] inRoom, ulong[] online)
    {
        var m = rotation.Mentees.Count;
        // Mentees seated in the same rounds and groups can meet the same people: count reach once per pattern, which
        // stays linear when most people are there all day.
        var patterns = new Dictionary<(ulong InRoom, ulong Online), int>();
        var patternOf = new int[m];
        var sizes = new List<int>();
        var masks = new List<(ulong InRoom, ulong Online)>();
        for (var i = 0; i < m; i++)
        {
            if (!patterns.TryGetValue((inRoom[i], online[i]), out var k))
            {
                k = patterns[(inRoom[i], online[i])] = masks.Count;
                masks.Add((inRoom[i], online[i]));
                sizes.Add(0);
            }

            patternOf[i] = k;
            sizes[k]++;
        }

        bool Overlap(int a, int b) => (inRoom[a] & inRoom[b]) != 0 || (online[a] & online[b]) != 0;

        // People a mentee can never sit with for the first time: avoid lists (either way) and earlier tablemates.
        var excluded = new List<int>?[m];
        void Exclude(int a, int b)
        {
            if (a != b && Overlap(a, b))
            {
                (excluded[a] ??= []).Add(b);
                (excluded[b] ??= []).Add(a);
            }
        }

        for (var i = 0; i < m; i++)
        {
            foreach (var key in rotation.Mentees[i].Avoid)
            {
                if (menteeIndex.TryGetValue(key, out var other))
                {
                    Exclude(i, other);
                }
            }
        }

        foreach (var pair in pastMates)
        {
            Exclude((int)(pair >> 32), (int)(uint)pair);
        }

        var reach = new int[masks.Count];
        for (var a = 0; a < masks.Count; a++)
        {
            for (var b = 0; b < masks.Count; b++)
            {
                if ((masks[a].InRoom & masks[b].InRoom) != 0 || (masks[a].Online & masks[b].Online) != 0)
                {
                    reach[a] += sizes[b];
                }
            }
        }

        long surplus = 0;
        for (var i = 0; i < m; i++)
        {
            if (places[i] == 0)
            {
                continue;
            }

            var firstMeetings = reach[patternOf[i]] - 1 - (excluded[i] is { } list ? list.Distinct().Count() : 0);
            surplus += Math.Max(0, places[i] - firstMeetings);
        }

        return (int)((surplus + 1) / 2);
    }

    private static string Where(bool online) => online ? "online" : "in the room";

    private static long Pack(int a, int b) => ((long)a << 32) | (uint)b;
}
