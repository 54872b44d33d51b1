using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;

namespace FlashMentoring.Web.Tests.Online;

public class AttendsRosterTests
{
    [Fact]
    public async Task AHybridEventsRosterWithAnAttendsColumnPlansTheOnlinePeopleAsOnline()
    {
        using var app = new TestApp();
        var (created, host) = await AttendsKit.CreateAsync(app, EventRecord.Hybrid);
        var csv = AttendsKit.Hybrid(2, 4, 2, 4).Replace("online.mentee1@agency.gov,HHS,,GS-12,,,,,,video,\n", "online.mentee1@agency.gov,HHS,,GS-12,,,,,,video,America/Denver\n", StringComparison.Ordinal);

        var answer = await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(csv, Encoding.UTF8, "text/csv"));

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var plan = await AttendsKit.PlanAsync(app, created.Id);
        var people = plan.Rotation.Mentees.Concat(plan.Rotation.Mentors).ToList();
        people.Where(p => p.Online).Select(p => p.Name).Should().OnlyContain(n => n.StartsWith("Online", StringComparison.Ordinal)).And.HaveCount(6);
        people.Single(p => p.Name == "Online Mentee 1").TimeZone.Should().Be("America/Denver");
        (await AttendsKit.PersonAsync(app, created.Id, "Online Mentee 1")).Profile.Attends.Should().Be("online");
        (await AttendsKit.PersonAsync(app, created.Id, "Room Mentor 1")).Profile.Attends.Should().Be("in-person");
        (await AttendsKit.PersonAsync(app, created.Id, "Room Mentee 1")).Profile.Attends.Should().BeNull("the line said nothing");
    }

    [Fact]
    public async Task InAnEventInTheRoomNobodyIsOnlineWhateverTheRosterSays()
    {
        using var app = new TestApp();
        var (created, host) = await AttendsKit.CreateAsync(app, EventRecord.InPerson);

        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(AttendsKit.Hybrid(2, 4, 2, 4), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        var plan = await AttendsKit.PlanAsync(app, created.Id);
        plan.Rotation.Mentees.Concat(plan.Rotation.Mentors).Should().OnlyContain(p => !p.Online);
        (await AttendsKit.PersonAsync(app, created.Id, "Online Mentor 1")).Profile.Attends.Should().Be("online", "what the roster said is kept for a later change of mode");
    }

    [Fact]
    public async Task AnUnknownWayToTakePartRejectsTheLineByNumberAndAnUnknownTimeZoneIsAWarning()
    {
        using var app = new TestApp();
        var (created, host) = await AttendsKit.CreateAsync(app, EventRecord.Hybrid);
        var csv = AttendsKit.Header + "\n" +
                  "mentor,Mona,,HHS,,,,,,,,online,Mars/Olympus\n" +
                  "mentee,Ann,,HHS,,,,,,,,by carrier pigeon,\n" +
                  "mentee,Ben,,HHS,,,,,,,,remote,Europe/Paris\n";

        var answer = await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(csv, Encoding.UTF8, "text/csv"));

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var rejected = body.GetProperty("rejected").EnumerateArray().Single();
        rejected.GetProperty("line").GetInt32().Should().Be(3);
        rejected.GetProperty("reason").GetString().Should().Contain("by carrier pigeon").And.Contain("attends").And.Contain("online").And.Contain("in person");
        var warning = body.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("line").GetInt32() == 2);
        warning.GetProperty("message").GetString().Should().Contain("Mars/Olympus").And.Contain("timezone");
        var mona = await AttendsKit.PersonAsync(app, created.Id, "Mona");
        mona.Profile.TimeZone.Should().BeNull("the unknown zone is dropped");
        mona.Profile.Attends.Should().Be("online", "the person is still imported");
        (await AttendsKit.PersonAsync(app, created.Id, "Ben")).Profile.TimeZone.Should().Be("Europe/Paris");
    }
}
