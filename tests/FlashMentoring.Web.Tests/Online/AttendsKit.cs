using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Core.Planning;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Online;

/// <summary>Events in a given mode, rosters with an attends column, and the plan as the web holds it.</summary>
internal static class AttendsKit
{
    public const string Header = "role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid,attends,timezone";

    /// <summary>A roster of mentors and mentees in the room and online, named after how they take part.</summary>
    public static string Hybrid(int roomMentors, int roomMentees, int onlineMentors, int onlineMentees)
    {
        var csv = new StringBuilder(Header).Append('\n');
        void Add(string role, string prefix, int count, string attends)
        {
            for (var k = 1; k <= count; k++)
            {
                csv.Append(FormattableString.Invariant($"{role},{prefix} {k},{prefix.Replace(' ', '.').ToLowerInvariant()}{k}@agency.gov,HHS,,GS-12,,,,,,{attends},\n"));
            }
        }

        Add("mentor", "Room Mentor", roomMentors, "in person");
        Add("mentee", "Room Mentee", roomMentees, "");
        Add("mentor", "Online Mentor", onlineMentors, "online");
        Add("mentee", "Online Mentee", onlineMentees, "video");
        return csv.ToString();
    }

    /// <summary>A new event in <paramref name="mode"/>, its host client.</summary>
    public static async Task<(CreatedEvent Event, HttpClient Host)> CreateAsync(TestApp app, string mode, int rounds = 3, int seatsPerTable = 2)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Hybrid", startsAt = "2026-12-01T09:00:00-05:00", rounds, seatsPerTable }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await SetModeAsync(app, created.Id, mode);
        return (created, app.HostClient(created.HostKey));
    }

    // The host's mode route belongs to another part of this work; the mode is set where it is stored.
    public static async Task SetModeAsync(TestApp app, Guid id, string mode)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var record = await db.Events.FirstAsync(e => e.Id == id);
        record.Mode = mode;
        await db.SaveChangesAsync();
    }

    public static async Task<PersonRecord> PersonAsync(TestApp app, Guid id, string name)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().People.AsNoTracking().FirstAsync(p => p.EventId == id && p.Name == name);
    }

    /// <summary>The event's plan as every view reads it: restored from the stored seats and people.</summary>
    public static async Task<PlanResult> PlanAsync(TestApp app, Guid id)
    {
        using var scope = app.Services.CreateScope();
        var record = await scope.ServiceProvider.GetRequiredService<AppDb>().Events.AsNoTracking().FirstAsync(e => e.Id == id);
        return (await app.Services.GetRequiredService<PlanStore>().LoadAsync(record, CancellationToken.None))!.Plan;
    }

    /// <summary>Every seat at a table of the other mode, as "round: mentee at mentor".</summary>
    public static List<string> CrossModeSeats(PlanResult plan)
    {
        var rotation = plan.Rotation;
        var wrong = new List<string>();
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            for (var i = 0; i < rotation.Mentees.Count; i++)
            {
                var j = rotation.MentorOf(round, i);
                if (j >= 0 && rotation.Mentees[i].Online != rotation.Mentors[j].Online)
                {
                    wrong.Add($"{round}: {rotation.Mentees[i].Name} at {rotation.Mentors[j].Name}");
                }
            }
        }

        return wrong;
    }
}
