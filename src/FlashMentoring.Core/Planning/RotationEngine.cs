using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Core.Planning;

/// <summary>A rotation with its quality and everything needed to explain or re-plan it.</summary>
/// <param name="Rotation">Who sits where.</param>
/// <param name="Quality">Figures and hard-rule check.</param>
/// <param name="Scorer">Scores and explains pairs.</param>
/// <param name="Settings">What the plan was made for.</param>
/// <param name="Constraints">Host pins and forbids.</param>
/// <param name="Attendance">Who is there in which round.</param>
/// <param name="Notes">What the engine could not do and why (a mentee with too few possible mentors, say).</param>
public sealed record PlanResult(
    Rotation Rotation,
    PlanQuality Quality,
    PairScorer Scorer,
    PlanSettings Settings,
    PlanConstraints Constraints,
    Attendance Attendance,
    IReadOnlyList<string> Notes)
{
    /// <summary>Where the engine spent its time, step by step (empty for plans it did not make).</summary>
    public IReadOnlyList<StepTiming> Timings { get; init; } = [];
}

/// <summary>Makes rotations. Deterministic: the same roster, settings and seed give the same plan.</summary>
public static class RotationEngine
{
    /// <summary>Plans from an imported roster.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the plan is abandoned part-way.</exception>
    public static PlanResult Plan(RosterImport roster, PlanSettings settings, PlanConstraints? constraints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(settings);
        return Plan(RoleAssignment.From(roster.People, settings.SeatsPerTable), settings, constraints, cancellationToken);
    }

    /// <summary>Plans for a given split into mentors and mentees.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the plan is abandoned part-way.</exception>
    public static PlanResult Plan(RoleAssignment roles, PlanSettings settings, PlanConstraints? constraints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(settings);
        constraints ??= PlanConstraints.None;
        var scorer = new PairScorer(roles.Mentees, roles.Mentors, settings);
        var attendance = Attendance.FromPeople(roles.Mentees, roles.Mentors, settings.Rounds);
        return Solve(scorer, settings, constraints, attendance, fixedSeats: null, heldRounds: 0, previous: null, cancellationToken);
    }

    /// <summary>Plans again from scratch for people whose attendance is already known (someone marked absent before the start, say).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the plan is abandoned part-way.</exception>
    public static PlanResult Plan(RoleAssignment roles, PlanSettings settings, PlanConstraints constraints, Attendance attendance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(attendance);
        var scorer = new PairScorer(roles.Mentees, roles.Mentors, settings);
        return Solve(scorer, settings, constraints, attendance, fixedSeats: null, heldRounds: 0, previous: null, cancellationToken);
    }

    /// <summary>
    /// Rebuilds a stored plan without solving anything: the same people in the same order, the seats as saved.
    /// The quality is measured again; the bound is not stored, so it is null.
    /// </summary>
    /// <param name="roles">Mentors in table order and mentees in seat order.</param>
    /// <param name="settings">The event's settings.</param>
    /// <param name="constraints">Pins and forbids.</param>
    /// <param name="attendance">Who is there when.</param>
    /// <param name="seats">The seats, round-major.</param>
    /// <param name="roundsHeld">
    /// Rounds already held: a seat there at a table of the other mode is history (someone changed how they take part
    /// since), not a broken rule.
    /// </param>
    public static PlanResult Restore(RoleAssignment roles, PlanSettings settings, PlanConstraints constraints, Attendance attendance, IReadOnlyList<int> seats, int roundsHeld = 0)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(seats);
        if (seats.Count != roles.Mentees.Count * settings.Rounds)
        {
            throw new ArgumentException($"Expected {roles.Mentees.Count * settings.Rounds} seats, got {seats.Count}.", nameof(seats));
        }

        var scorer = new PairScorer(roles.Mentees, roles.Mentors, settings);
        return Solve(scorer, settings, constraints, attendance, [.. seats], settings.Rounds, previous: null, history: Math.Clamp(roundsHeld, 0, settings.Rounds));
    }

    /// <summary>
    /// Plans rounds <paramref name="heldRounds"/>+1.. on top of fixed earlier rounds. Pairs that already met are
    /// forbidden; <paramref name="previous"/> (pair to 0-based round in the old plan) steers towards the old plan.
    /// </summary>
    internal static PlanResult Solve(
        PairScorer scorer,
        PlanSettings settings,
        PlanConstraints constraints,
        Attendance attendance,
        int[]? fixedSeats,
        int heldRounds,
        IReadOnlyDictionary<long, int>? previous,
        CancellationToken cancellationToken = default,
        int history = 0)
    {
        var m = scorer.Mentees.Count;
        var n = scorer.Mentors.Count;
        var menteeIndex = Index(scorer.Mentees);
        var mentorIndex = Index(scorer.Mentors);
        var forbidden = constraints.KeptApart(scorer);
        var seats = new int[m * settings.Rounds];
        Array.Fill(seats, -1);
        if (fixedSeats is not null)
        {
            Array.Copy(fixedSeats, seats, heldRounds * m);
            for (var k = 0; k < heldRounds * m; k++)
            {
                if (fixedSeats[k] >= 0)
                {
                    forbidden.Add(PlanningProblem.Pack(k % m, fixedSeats[k]));
                }
            }
        }

        var pinned = new HashSet<long>();
        foreach (var (mentee, mentor) in constraints.Pins)
        {
            if (menteeIndex.TryGetValue(mentee, out var i) && mentorIndex.TryGetValue(mentor, out var j) && !forbidden.Contains(PlanningProblem.Pack(i, j)))
            {
                pinned.Add(PlanningProblem.Pack(i, j));
            }
        }

        var local = settings.Rounds - heldRounds;
        var notes = new List<string>();
        long? bound = null;
        IReadOnlyList<StepTiming> timings = [];
        if (local > 0)
        {
            var problem = new PlanningProblem
            {
                Scorer = scorer,
                Rounds = local,
                Seats = settings.SeatsPerTable,
                MenteeAvailable = attendance.Mentees.Select(a => a >> heldRounds).ToArray(),
                MentorAvailable = attendance.Mentors.Select(a => a >> heldRounds).ToArray(),
                Forbidden = forbidden,
                Pinned = pinned,
                Previous = previous?.Where(x => x.Value >= heldRounds).ToDictionary(x => x.Key, x => x.Value - heldRounds),
                RestCredit = fixedSeats is null ? null : RestCredit(fixedSeats, heldRounds, attendance, m),
                PastTogether = PastTogether(constraints.History, menteeIndex, seats, heldRounds, m),
                Seed = settings.Seed,
                CandidatesPerMentee = settings.CandidatesPerMentee,
                Cancellation = cancellationToken,
            };
            var result = scorer.Mixed ? SolveApart(problem) : RotationSolver.Solve(problem);
            Array.Copy(result.Seats, 0, seats, heldRounds * m, local * m);
            notes.AddRange(result.Notes);
            bound = heldRounds == 0 ? result.UpperBound : null;
            timings = result.Timings;
        }

        var rotation = new Rotation(scorer.Mentees, scorer.Mentors, settings.Rounds, settings.SeatsPerTable, seats, settings.ExtraSeatWhenShort);
        var quality = PlanEvaluator.Evaluate(rotation, scorer, attendance, constraints, bound, history);
        return new PlanResult(rotation, quality, scorer, settings, constraints, attendance, notes) { Timings = timings };
    }

    /// <summary>
    /// A hybrid event is two events that share a clock: online mentees meet only online mentors and the others only
    /// the others, so each group is solved on its own, balanced within itself. Their bounds add up, as no pair
    /// crosses from one to the other.
    /// </summary>
    private static SolverResult SolveApart(PlanningProblem whole)
    {
        var scorer = whole.Scorer;
        var (m, n, r) = (whole.MenteeCount, whole.MentorCount, whole.Rounds);
        var seats = new int[m * r];
        Array.Fill(seats, -1);
        long? bound = 0;
        var notes = new List<string>();
        var timings = new List<StepTiming>();
        foreach (var pin in whole.Pinned.Where(pin => scorer.Apart((int)(pin >> 32), (int)(uint)pin)))
        {
            notes.Add($"The pin {scorer.Mentees[(int)(pin >> 32)].Name} with {scorer.Mentors[(int)(uint)pin].Name} cannot be met: one takes part online, the other in the room.");
        }

        foreach (var online in new[] { false, true })
        {
            var mentees = Enumerable.Range(0, m).Where(i => scorer.Mentees[i].Online == online).ToArray();
            var mentors = Enumerable.Range(0, n).Where(j => scorer.Mentors[j].Online == online).ToArray();
            if (mentees.Length == 0)
            {
                continue;
            }

            if (mentors.Length == 0)
            {
                var where = online ? "online" : "in the room";
                notes.Add($"No mentor takes part {where}, so {Say.Count(mentees.Length, "mentee")} {where} {(mentees.Length == 1 ? "rests" : "rest")} every round.");
                continue;
            }

            var menteeAt = Local(mentees, m);
            var mentorAt = Local(mentors, n);
            HashSet<long> Repack(IEnumerable<long> pairs) =>
                pairs.Select(x => (I: menteeAt[(int)(x >> 32)], J: mentorAt[(int)(uint)x]))
                     .Where(x => x.I >= 0 && x.J >= 0).Select(x => PlanningProblem.Pack(x.I, x.J)).ToHashSet();
            var part = new PlanningProblem
            {
                Scorer = scorer.Part(mentees, mentors),
                Rounds = r,
                Seats = whole.Seats,
                MenteeAvailable = mentees.Select(i => whole.MenteeAvailable[i]).ToArray(),
                MentorAvailable = mentors.Select(j => whole.MentorAvailable[j]).ToArray(),
                Forbidden = Repack(whole.Forbidden),
                Pinned = Repack(whole.Pinned),
                Previous = whole.Previous?
                    .Select(x => (Pair: Repack([x.Key]), Round: x.Value)).Where(x => x.Pair.Count == 1)
                    .ToDictionary(x => x.Pair.Single(), x => x.Round),
                RestCredit = whole.RestCredit is null ? null : mentees.Select(i => whole.RestCredit[i]).ToArray(),
                PastTogether = whole.PastTogether?
                    .Select(x => (A: menteeAt[(int)(x.Key >> 32)], B: menteeAt[(int)(uint)x.Key], Times: x.Value))
                    .Where(x => x.A >= 0 && x.B >= 0).ToDictionary(x => PlanningProblem.MenteePair(x.A, x.B), x => x.Times),
                Seed = whole.Seed,
                CandidatesPerMentee = whole.CandidatesPerMentee,
                Cancellation = whole.Cancellation,
            };
            var result = RotationSolver.Solve(part);
            for (var c = 0; c < r; c++)
            {
                for (var k = 0; k < mentees.Length; k++)
                {
                    var j = result.Seats[(c * mentees.Length) + k];
                    seats[(c * m) + mentees[k]] = j < 0 ? -1 : mentors[j];
                }
            }

            bound = bound is null || result.UpperBound is null ? null : bound + result.UpperBound;
            notes.AddRange(result.Notes);
            timings.AddRange(result.Timings);
        }

        var steps = timings.GroupBy(t => t.Step).Select(g => new StepTiming(g.Key, g.Sum(t => t.Milliseconds))).ToList();
        return new SolverResult(seats, bound, notes, steps);

        static int[] Local(int[] chosen, int count)
        {
            var local = new int[count];
            Array.Fill(local, -1);
            for (var k = 0; k < chosen.Length; k++)
            {
                local[chosen[k]] = k;
            }

            return local;
        }
    }

    /// <summary>
    /// Pairs of mentees who already sat together: at an earlier event (once each), and in every round already held.
    /// Null when there are none.
    /// </summary>
    private static Dictionary<long, int>? PastTogether(PlanHistory history, Dictionary<string, int> menteeIndex, int[] seats, int heldRounds, int m)
    {
        var together = new Dictionary<long, int>(PairHash.Instance);
        foreach (var (first, second) in history.TableMates)
        {
            if (menteeIndex.TryGetValue(first, out var x) && menteeIndex.TryGetValue(second, out var y) && x != y)
            {
                together[PlanningProblem.MenteePair(x, y)] = 1;
            }
        }

        for (var c = 0; c < heldRounds; c++)
        {
            foreach (var table in Enumerable.Range(0, m).Where(i => seats[(c * m) + i] >= 0).GroupBy(i => seats[(c * m) + i]))
            {
                var at = table.ToArray();
                for (var a = 0; a < at.Length; a++)
                {
                    for (var b = a + 1; b < at.Length; b++)
                    {
                        var key = PlanningProblem.MenteePair(at[a], at[b]);
                        together[key] = together.GetValueOrDefault(key) + 1;
                    }
                }
            }
        }

        return together.Count == 0 ? null : together;
    }

    /// <summary>Per mentee: the share of rests that fell to them in held rounds, minus the rests they took.</summary>
    private static double[] RestCredit(int[] seats, int heldRounds, Attendance attendance, int m)
    {
        var credit = new double[m];
        for (var c = 0; c < heldRounds; c++)
        {
            var there = Enumerable.Range(0, m).Where(i => attendance.MenteeThere(i, c + 1)).ToList();
            var resting = there.Count(i => seats[(c * m) + i] < 0);
            foreach (var i in there)
            {
                credit[i] += (resting / (double)there.Count) - (seats[(c * m) + i] < 0 ? 1 : 0);
            }
        }

        return credit;
    }

    /// <summary>Identity key to index; the first of two people with the same key wins.</summary>
    internal static Dictionary<string, int> Index(IReadOnlyList<Person> people)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            index.TryAdd(people[i].Key, i);
        }

        return index;
    }
}

/// <summary>How long one step of the solver took, for the performance page.</summary>
/// <param name="Step">The step's name.</param>
/// <param name="Milliseconds">Its duration.</param>
public sealed record StepTiming(string Step, double Milliseconds);
