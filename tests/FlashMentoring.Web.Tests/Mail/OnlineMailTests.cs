using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Core.Planning;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Tests.Online;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Mail;

/// <summary>The e-mails of an online event: each person's rooms, on their own clock.</summary>
public class OnlineMailTests
{
    // Madrid is back on winter time on October 28 and the US not yet: 9:00 in Madrid is 4:00 in New York, 2:00 in
    // Denver and 1:00 in Phoenix (which keeps no summer time).
    private const string Roster = "role,name,email,timezone\n" +
                                  "mentor,Mona Lisa,mona@hhs.gov,\nmentor,Omar Khayyam,omar@opm.gov,America/Denver\n" +
                                  "mentee,Ann Lee,ann@va.gov,America/New_York\nmentee,Ben Okafor,ben@va.gov,\n" +
                                  "mentee,Cy Diaz,cy@gsa.gov,America/Phoenix\nmentee,Dee Walker,dee@gsa.gov,\n";

    private static readonly Dictionary<string, (string Round1, string Zone)> Clock = new()
    {
        ["Mona Lisa"] = ("9:00 AM", "Central European Time (Europe/Madrid)"),
        ["Omar Khayyam"] = ("2:00 AM", "Mountain Time (America/Denver)"),
        ["Ann Lee"] = ("4:00 AM", "Eastern Time (America/New_York)"),
        ["Ben Okafor"] = ("9:00 AM", "Central European Time (Europe/Madrid)"),
        ["Cy Diaz"] = ("1:00 AM", "Mountain Time (America/Phoenix)"),
        ["Dee Walker"] = ("9:00 AM", "Central European Time (Europe/Madrid)"),
    };

    [Fact]
    public async Task AnOnlinePersonsInvitationGivesTheirRoomEachRoundWithTimesOnTheirOwnClock()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var (id, host, links) = await OnlineEventAsync(app);
        var plan = await AttendsKit.PlanAsync(app, id);

        (await host.PostAsync($"/api/events/{id}/invitations", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var received = await relay.WaitForAsync(6);

        received.Should().HaveCount(6);
        foreach (var message in received)
        {
            var name = Names[message.Recipients.Single()];
            var (round1, zone) = Clock[name];
            var tables = TablesOf(plan, name);
            var text = message.Text;
            text.Should().Contain($"Round 1, {round1}: Table {tables[0]}", $"{name} reads round 1 on their own clock").And.Contain($"times are {zone}")
                .And.Contain("Wednesday, October 28, 2026");
            var calendar = Calendar.Load(message.CalendarText()!)!;
            var rounds = calendar.Events.Where(v => v.Summary!.StartsWith("Round", StringComparison.Ordinal)).OrderBy(v => v.Summary).ToList();
            rounds.Should().HaveCount(2);
            rounds[0].DtStart!.TzId.Should().Be(zone.Split('(')[1].TrimEnd(')'), "the calendar file is on their clock too");
            rounds[0].DtStart!.Value.ToString("h:mm tt", System.Globalization.CultureInfo.GetCultureInfo("en-US")).Should().Be(round1);
            for (var round = 1; round <= 2; round++)
            {
                var link = links[tables[round - 1]];
                if (name is "Mona Lisa" or "Omar Khayyam")
                {
                    text.Should().Contain($"You host Table {tables[0]} online").And.Contain(link);
                }
                else
                {
                    text.Should().Contain($"Video room: {link}", $"{name} opens Table {tables[round - 1]}'s room in round {round}");
                }

                rounds[round - 1].Location.Should().Be(link, "an online round happens in its room");
                rounds[round - 1].Url.Should().Be(new Uri(link));
            }
        }
    }

    [Fact]
    public async Task AChangedRoomIsMailedToThatTablesPeopleOnlyWithTheNewLink()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var (id, host, _) = await OnlineEventAsync(app, rounds: 1);
        var plan = await AttendsKit.PlanAsync(app, id);
        (await host.PostAsync($"/api/events/{id}/invitations", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await relay.WaitForAsync(6);

        const string Teams = "https://teams.microsoft.com/l/meetup-join/table-one-new-room";
        (await host.PutAsync($"/api/events/{id}/rooms", new StringContent($"table,link\n1,{Teams}\n", Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        await ReplannedAsync(app, id);
        var updates = (await relay.WaitForAsync(6 + 3)).Skip(6).ToList();

        var atTableOne = Names.Where(n => TablesOf(plan, n.Value).Contains(1)).Select(n => n.Key).ToList();
        atTableOne.Should().HaveCount(3, "the mentor of table 1 and the two mentees at it");
        updates.SelectMany(u => u.Recipients).Should().BeEquivalentTo(atTableOne, "only the people whose room changed hear of it");
        updates.Should().OnlyContain(u => u.Text.Contains(Teams) && u.Message.Subject!.StartsWith("Change to your itinerary", StringComparison.Ordinal));
    }

    private static readonly Dictionary<string, string> Names = Roster.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
        .ToDictionary(l => l[2], l => l[1]);

    // An online event in Madrid, its roster planned and its rooms made from a pattern: the link of each table.
    private static async Task<(Guid Id, HttpClient Host, Dictionary<int, string> Links)> OnlineEventAsync(TestApp app, int rounds = 2)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events",
            new { title = "Autumn Flash Mentoring", startsAt = "2026-10-28T09:00:00+01:00", rounds, roundMinutes = 15, transitionMinutes = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            (await db.Events.SingleAsync(x => x.Id == created.Id)).TimeZone = "Europe/Madrid";
            await db.SaveChangesAsync();
        }

        var host = app.HostClient(created.HostKey);
        (await host.PutAsJsonAsync($"/api/events/{created.Id}/mode", new { mode = "online" })).EnsureSuccessStatusCode();
        var roster = await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"));
        roster.StatusCode.Should().Be(HttpStatusCode.OK, await roster.Content.ReadAsStringAsync());
        var rooms = await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern = "https://meet.agency.gov/{event}-table-{table}" });
        rooms.StatusCode.Should().Be(HttpStatusCode.OK, await rooms.Content.ReadAsStringAsync());
        var links = (await rooms.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tables").EnumerateArray()
            .ToDictionary(t => t.GetProperty("table").GetInt32(), t => t.GetProperty("link").GetString()!);
        return (created.Id, host, links);
    }

    // What a change before the start does to the event (Registration's profile edits do the same): the plan is read
    // again, and the mail sender looks for itineraries that read differently now.
    private static async Task ReplannedAsync(TestApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        (await db.Events.SingleAsync(x => x.Id == id)).PlanVersion++;
        await db.SaveChangesAsync();
    }

    // The table of each round for a person, as the plan seats them (a mentor keeps theirs).
    private static int[] TablesOf(PlanResult plan, string name)
    {
        var rotation = plan.Rotation;
        var mentor = rotation.Mentors.ToList().FindIndex(m => m.Name == name);
        var mentee = rotation.Mentees.ToList().FindIndex(m => m.Name == name);
        return [.. Enumerable.Range(1, rotation.Rounds).Select(r => mentor >= 0 ? mentor + 1 : rotation.MentorOf(r, mentee) + 1)];
    }
}
