using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Online;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Online;

/// <summary>An event for the host's online tests: made, planned, in a mode, with people online where asked.</summary>
internal static class RoomsEventForTests
{
    public static readonly DateTimeOffset Nine = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Four mentors (tables 1 to 4), eight mentees, two rounds of 15 minutes with 2 to move, two a table.</summary>
    public const string Roster = "role,name\nmentor,Mona\nmentor,Omar\nmentor,Pia\nmentor,Raj\n" +
                                 "mentee,Ann\nmentee,Ben\nmentee,Cy\nmentee,Dee\nmentee,Eve\nmentee,Fay\nmentee,Gus\nmentee,Hal\n";

    public static async Task<(CreatedEvent Event, HttpClient Host)> CreateAsync(TestApp app, string roster = Roster, int rounds = 2, string title = "Autumn Flash Mentoring", string format = "open")
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title, startsAt = Nine, rounds, roundMinutes = 15, transitionMinutes = 2, seatsPerTable = 2, format }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created, host);
    }

    /// <summary>Says these people attend online (as their registration or the roster's attends column would).</summary>
    public static async Task AttendOnlineAsync(TestApp app, Guid eventId, params string[] names)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        foreach (var person in await db.People.Where(p => p.EventId == eventId && names.Contains(p.Name)).ToListAsync())
        {
            person.Profile.Attends = EventRecord.Online;
        }

        // As the host's edit of a person does: the plan is read again with their new details.
        (await db.Events.SingleAsync(e => e.Id == eventId)).PlanVersion++;
        await db.SaveChangesAsync();
    }

    public static async Task<OnlineView> SetModeAsync(HttpClient host, Guid eventId, string mode)
    {
        var answer = await host.PutAsJsonAsync($"/api/events/{eventId}/mode", new { mode });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<OnlineView>())!;
    }

    public static async Task<List<HostPersonView>> PeopleAsync(HttpClient host, Guid eventId) =>
        (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{eventId}/people"))!;

    /// <summary>The personal token in a person's link (/me#t=...).</summary>
    public static string Token(HostPersonView person) => person.Link!["/me#t=".Length..];
}
