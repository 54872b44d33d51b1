using System.Text.Json;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;

namespace FlashMentoring.Web.Events;

/// <summary>Turns a stored event into the engine's objects and back.</summary>
internal static class EventPlans
{
    public static PlanSettings Settings(EventRecord e) =>
        new(e.Rounds, e.SeatsPerTable, RosterUploadFormat(e.Format), e.Seed);

    /// <summary>The stored plan, rebuilt; null when the host has not uploaded a roster yet.</summary>
    public static (PlanResult Plan, RosterImport Roster)? Load(EventRecord e)
    {
        if (e.RosterCsv is null || e.PlanSeats is null)
        {
            return null;
        }

        var roster = RosterParser.Parse(e.RosterCsv);
        var settings = Settings(e);
        var roles = RoleAssignment.From(roster.People, settings.SeatsPerTable);
        var attendance = new Attendance(
            JsonSerializer.Deserialize<ulong[]>(e.MenteeAttendance ?? "[]")!,
            JsonSerializer.Deserialize<ulong[]>(e.MentorAttendance ?? "[]")!);
        var seats = JsonSerializer.Deserialize<int[]>(e.PlanSeats)!;
        return (RotationEngine.Restore(roles, settings, PlanConstraints.None, attendance, seats), roster);
    }

    public static void Save(EventRecord e, string csv, PlanResult plan)
    {
        e.RosterCsv = csv;
        e.PlanSeats = JsonSerializer.Serialize(plan.Rotation.CopySeats());
        e.MenteeAttendance = JsonSerializer.Serialize(plan.Attendance.Mentees);
        e.MentorAttendance = JsonSerializer.Serialize(plan.Attendance.Mentors);
    }

    private static MentoringFormat RosterUploadFormat(string format) =>
        Plans.RosterUpload.ParseFormat(format) ?? MentoringFormat.Open;
}
