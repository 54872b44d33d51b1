using FlashMentoring.Core.Roster;

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
    public static PlanResult Restore(RoleAssignment roles, PlanSettings settings, PlanConstraints constraints, Attendance attendance, IReadOnlyList<int> seats)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(seats);
        if (seats.Count != roles.Mentees.Count * settings.Rounds)
        {
            throw new ArgumentException($"Expected {roles.Mentees.Count * settings.Rounds} seats, got {seats.Count}.", nameof(seats));
        }

        var scorer = new PairScorer(roles.Mentees, roles.Mentors, settings);
        return Solve(scorer, settings, constraints, attendance, [.. seats], settings.Rounds, previous: null);
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
        CancellationToken cancellationToken = default)
    {
        var m = scorer.Mentees.Count;
        var n = scorer.Mentors.Count;
        var menteeIndex = Index(scorer.Mentees);
        var mentorIndex = Index(scorer.Mentors);
        var forbidden = new HashSet<long>();
        foreach (var (mentee, mentor) in constraints.Forbids)
        {
            if (menteeIndex.TryGetValue(mentee, out var i) && mentorIndex.TryGetValue(mentor, out var j))
            {
                forbidden.Add(PlanningProblem.Pack(i, j));
            }
        }

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
                Seed = settings.Seed,
                CandidatesPerMentee = settings.CandidatesPerMentee,
                Cancellation = cancellationToken,
            };
            var result = RotationSolver.Solve(problem);
            Array.Copy(result.Seats, 0, seats, heldRounds * m, local * m);
            notes.AddRange(result.Notes);
            bound = heldRounds == 0 ? result.UpperBound : null;
            timings = result.Timings;
        }

        var rotation = new Rotation(scorer.Mentees, scorer.Mentors, settings.Rounds, settings.SeatsPerTable, seats, settings.ExtraSeatWhenShort);
        var quality = PlanEvaluator.Evaluate(rotation, scorer, attendance, constraints, bound);
        return new PlanResult(rotation, quality, scorer, settings, constraints, attendance, notes) { Timings = timings };
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
