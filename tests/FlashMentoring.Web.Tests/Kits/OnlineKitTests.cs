using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Kits.Tests;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Tests.Online;

namespace FlashMentoring.Web.Tests.Kits;

/// <summary>The kit of a hybrid event, through the host's own routes: the rooms reach the paper.</summary>
public class OnlineKitTests
{
    // Two tables in the room and two online, four mentees each way; the roster says how each person takes part.
    private const string Roster = "role,name,email,agency,attends\n" +
                                  "mentor,Rosa Room,rosa@hhs.gov,HHS,in person\nmentor,Raul Room,raul@hhs.gov,HHS,in person\n" +
                                  "mentor,Olga Online,olga@hhs.gov,HHS,online\nmentor,Omar Online,omar@hhs.gov,HHS,online\n" +
                                  "mentee,Rita Room,rita@va.gov,VA,in person\nmentee,Rob Room,rob@va.gov,VA,\nmentee,Ruth Room,ruth@va.gov,VA,onsite\nmentee,Rex Room,rex@va.gov,VA,\n" +
                                  "mentee,Otto Online,otto@va.gov,VA,online\nmentee,Oona Online,oona@va.gov,VA,remote\nmentee,Oscar Online,oscar@va.gov,VA,video\nmentee,Olive Online,olive@va.gov,VA,online\n";

    [Fact]
    public async Task AHybridKitPrintsEachOnlineMenteesRoomPerRoundAndNoneForThoseInTheRoom()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Autumn Flash Mentoring", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsJsonAsync($"/api/events/{created.Id}/mode", new { mode = "hybrid" })).EnsureSuccessStatusCode();
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var rooms = await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern = "https://meet.agency.gov/{event}-table-{table}" });
        rooms.StatusCode.Should().Be(HttpStatusCode.OK, await rooms.Content.ReadAsStringAsync());
        var links = (await rooms.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tables").EnumerateArray()
            .Where(t => t.GetProperty("online").GetBoolean()).ToDictionary(t => t.GetProperty("table").GetInt32(), t => t.GetProperty("link").GetString()!);
        var plan = await AttendsKit.PlanAsync(app, created.Id);

        var kit = await host.GetAsync($"/api/events/{created.Id}/kit/itineraries.pdf");
        kit.StatusCode.Should().Be(HttpStatusCode.OK);
        var pages = Poppler.Text(await kit.Content.ReadAsByteArrayAsync()).Split('\f');
        var signs = await host.GetByteArrayAsync($"/api/events/{created.Id}/kit/signs.pdf");

        links.Should().HaveCount(2, "tables of online mentors are online");
        var rotation = plan.Rotation;
        for (var i = 0; i < rotation.Mentees.Count; i++)
        {
            var mentee = rotation.Mentees[i];
            var mine = pages.Where(p => Regex.IsMatch(p, $"(?m)^{mentee.Name}$")).ToList();
            if (!mentee.Online)
            {
                mine.Should().ContainSingle().Which.Should().NotContain("meet.agency.gov", $"{mentee.Name} is in the room: no room on their sheet");
                continue;
            }

            var page = mine.Should().ContainSingle($"{mentee.Name} has a page of their own").Subject;
            var flat = Regex.Replace(page, @"\s*\n\s*", "");
            for (var round = 1; round <= rotation.Rounds; round++)
            {
                var j = rotation.MentorOf(round, i);
                j.Should().BeGreaterThanOrEqualTo(0);
                var heading = $"Round {round}, {(round == 1 ? "9:00-9:15" : "9:17-9:32")} AM: Table {j + 1} with {rotation.Mentors[j].Name}";
                if (links.TryGetValue(j + 1, out var link))
                {
                    flat.Should().Contain(heading + "Room: " + link, $"{mentee.Name} opens Table {j + 1}'s room in round {round}");
                }
                else
                {
                    flat.Should().Contain(heading, "a table in the room has no room to open");
                }
            }

            Regex.Matches(flat, "Room: https://").Count.Should().Be(Enumerable.Range(1, rotation.Rounds).Count(r => links.ContainsKey(rotation.MentorOf(r, i) + 1)));
        }

        Poppler.Text(signs).Should().Contain("Rosa Room").And.Contain("Raul Room").And.NotContain("Olga Online", "an online table has no sign to stand in the room")
            .And.Contain("Conversation starters").And.Contain("Round 1: ", "every sign carries the round's starter");
    }
}
