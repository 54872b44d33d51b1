using System.Text.Json;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;

namespace FlashMentoring.Web.Events;

/// <summary>Turns a stored event into the engine's objects and back.</summary>
internal static class EventPlans
{
    // Rebuilding a plan parses the roster and rebuilds the scorer; thousands of phones joining at once must not
    // do that each. Every write of the plan bumps PlanVersion, so (event, version) names one plan for good.
    private const int CacheSize = 512;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid, int), (PlanResult Plan, RosterImport Roster)> Cache = new();

    public static PlanSettings Settings(EventRecord e) =>
        new(e.Rounds, e.SeatsPerTable, RosterUploadFormat(e.Format), e.Seed);

    /// <summary>The host's pins and forbids.</summary>
    public static PlanConstraints Constraints(EventRecord e) => new(Pairs(e.Pins), Pairs(e.Forbids));

    public static void SaveConstraints(EventRecord e, PlanConstraints constraints)
    {
        e.Pins = JsonSerializer.Serialize(constraints.Pins.Select(p => new[] { p.Mentee, p.Mentor }));
        e.Forbids = JsonSerializer.Serialize(constraints.Forbids.Select(p => new[] { p.Mentee, p.Mentor }));
    }

    /// <summary>Drops an event's plans from memory (its personal data is being deleted).</summary>
    public static void Forget(Guid eventId)
    {
        foreach (var key in Cache.Keys.Where(k => k.Item1 == eventId))
        {
            Cache.TryRemove(key, out _);
        }
    }

    /// <summary>Mentors and mentees as the plan holds them: the roster's, then the walk-ins in the order they came.</summary>
    public static (RoleAssignment Roles, RosterImport Roster) Roles(EventRecord e)
    {
        var roster = RosterParser.Parse(e.RosterCsv ?? "");
        var roles = RoleAssignment.From(roster.People, e.SeatsPerTable);
        if (e.WalkInsCsv is not null)
        {
            var walkIns = RosterParser.Parse(e.WalkInsCsv).People;
            roles = new RoleAssignment(
                roles.Mentors.Concat(walkIns.Where(p => p.CanMentor)).ToList(),
                roles.Mentees.Concat(walkIns.Where(p => !p.CanMentor)).ToList());
        }

        return (roles, roster);
    }

    /// <summary>The stored plan, rebuilt (or from the cache); null when the host has not uploaded a roster yet.</summary>
    public static (PlanResult Plan, RosterImport Roster)? Load(EventRecord e)
    {
        if (e.RosterCsv is null || e.PlanSeats is null)
        {
            return null;
        }

        if (Cache.TryGetValue((e.Id, e.PlanVersion), out var cached))
        {
            return cached;
        }

        if (Cache.Count >= CacheSize)
        {
            Cache.Clear();
        }

        return Cache[(e.Id, e.PlanVersion)] = Rebuild(e);
    }

    private static (PlanResult Plan, RosterImport Roster) Rebuild(EventRecord e)
    {
        var (roles, roster) = Roles(e);
        var attendance = new Attendance(
            JsonSerializer.Deserialize<ulong[]>(e.MenteeAttendance ?? "[]")!,
            JsonSerializer.Deserialize<ulong[]>(e.MentorAttendance ?? "[]")!);
        var seats = JsonSerializer.Deserialize<int[]>(e.PlanSeats!)!;
        var plan = RotationEngine.Restore(roles, Settings(e), Constraints(e), attendance, seats);
        if (e.PlanUpperBound is { } bound && bound > 0)
        {
            plan = plan with { Quality = plan.Quality with { UpperBound = bound, Gap = (bound - plan.Quality.Score) / (double)bound } };
        }

        return (plan, roster);
    }

    public static void Save(EventRecord e, string csv, PlanResult plan)
    {
        e.RosterCsv = csv;
        e.PlanSeats = JsonSerializer.Serialize(plan.Rotation.CopySeats());
        e.MenteeAttendance = JsonSerializer.Serialize(plan.Attendance.Mentees);
        e.MentorAttendance = JsonSerializer.Serialize(plan.Attendance.Mentors);
        e.PlanUpperBound = plan.Quality.UpperBound;
        e.PlanVersion++;
    }

    private static List<(string Mentee, string Mentor)> Pairs(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<string[][]>(json)!.Select(p => (p[0], p[1])).ToList();

    private static MentoringFormat RosterUploadFormat(string format) =>
        Plans.RosterUpload.ParseFormat(format) ?? MentoringFormat.Open;
}
