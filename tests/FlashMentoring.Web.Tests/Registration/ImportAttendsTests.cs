using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Tests.Online;

namespace FlashMentoring.Web.Tests.Registration;

/// <summary>Importing people on top of a hybrid event's plan never moves a seated person to the other kind of table.</summary>
public class ImportAttendsTests
{
    [Fact]
    public async Task AnImportedLineThatWouldSwitchASeatedPersonKeepsHowTheyTakePartAndSaysToSwitchThemAtTheDesk()
    {
        using var app = new TestApp();
        var (created, host) = await AttendsKit.CreateAsync(app, EventRecord.Hybrid, rounds: 2, seatsPerTable: 3);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(AttendsKit.Hybrid(2, 4, 2, 4), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var csv = AttendsKit.Header + "\n" +
                  "mentee,Room Mentee 1,room.mentee1@agency.gov,HHS,,GS-12,,,,,,online,\n" +
                  "mentee,Nia,nia@agency.gov,HHS,,GS-12,,,,,,online,\n";

        var answer = await host.PostAsync($"/api/events/{created.Id}/people/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var warning = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("warnings").EnumerateArray().Single();
        warning.GetProperty("line").GetInt32().Should().Be(2);
        warning.GetProperty("message").GetString().Should().Contain("Room Mentee 1").And.Contain("check-in desk");
        (await AttendsKit.PersonAsync(app, created.Id, "Room Mentee 1")).Profile.Attends.Should().NotBe("online", "the plan seats them in the room");
        (await AttendsKit.PersonAsync(app, created.Id, "Nia")).Profile.Attends.Should().Be("online", "someone not seated yet takes what the line says");
        AttendsKit.CrossModeSeats(await AttendsKit.PlanAsync(app, created.Id)).Should().BeEmpty();
    }
}
