using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Tests.Online;

namespace FlashMentoring.Web.Tests.Roster;

/// <summary>A corrected roster that says nothing of how people take part keeps what the desk or an earlier file said.</summary>
public class RosterKeepsAttendsTests
{
    [Fact]
    public async Task ARosterWithoutAttendsOrTimezoneKeepsWhatTheDeskAndTheFirstFileSaidForEveryone()
    {
        using var app = new TestApp();
        var (created, host) = await AttendsKit.CreateAsync(app, EventRecord.Hybrid, rounds: 2, seatsPerTable: 3);
        var first = AttendsKit.Hybrid(2, 4, 2, 4).Replace("online.mentee1@agency.gov,HHS,,GS-12,,,,,,video,\n", "online.mentee1@agency.gov,HHS,,GS-12,,,,,,video,America/Denver\n", StringComparison.Ordinal);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(first, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var people = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/people");
        var roomMentee = people.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Room Mentee 1").GetProperty("id").GetInt64();
        (await host.PostAsJsonAsync($"/api/events/{created.Id}/people/{roomMentee}/attends", new { attends = "online" })).EnsureSuccessStatusCode();
        // The corrected file: the same people, agencies fixed, no attends or timezone column.
        var corrected = string.Join('\n', first.Split('\n').Select(line => string.Join(',', line.Split(',').Take(4)).Replace(",HHS", ",VA", StringComparison.Ordinal)));

        var answer = await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(corrected, Encoding.UTF8, "text/csv"));

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var switched = await AttendsKit.PersonAsync(app, created.Id, "Room Mentee 1");
        switched.Profile.Agency.Should().Be("VA", "the corrected file was read");
        switched.Profile.Attends.Should().Be("online", "the desk switched them and the file says nothing");
        var online = await AttendsKit.PersonAsync(app, created.Id, "Online Mentee 1");
        online.Profile.Attends.Should().Be("online");
        online.Profile.TimeZone.Should().Be("America/Denver");
        (await AttendsKit.PersonAsync(app, created.Id, "Room Mentor 1")).Profile.Attends.Should().Be("in-person");
        var plan = await AttendsKit.PlanAsync(app, created.Id);
        plan.Rotation.Mentees.Single(p => p.Name == "Room Mentee 1").Online.Should().BeTrue("the new plan seats them online");
        AttendsKit.CrossModeSeats(plan).Should().BeEmpty();
    }
}
