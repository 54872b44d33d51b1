using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Tests.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Online;

public class AttendsRegistrationTests
{
    private static object Form(string name, string email, string? attends, string? timeZone) => new
    {
        name, email, role = "mentee", agency = "HHS", location = "Denver", grade = "GS-11", expertise = Array.Empty<string>(), needs = new[] { "Budget" },
        goals = "", formats = Array.Empty<string>(), consent = true, attends, timeZone,
    };

    [Fact]
    public async Task InAHybridEventThePageSaysSoAndARegistrationStoresHowThePersonTakesPartAndTheirTimeZone()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        await AttendsKit.SetModeAsync(app, driver.Id, EventRecord.Hybrid);

        var page = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/register/{driver.Code}");
        var online = await driver.RegisterAsync(Form("Olga Online", "olga@hhs.gov", "online", "America/Denver"));
        var room = await driver.RegisterAsync(Form("Rita Room", "rita@hhs.gov", "in-person", "Not/AZone"));
        var wrong = await driver.RegisterAsync(Form("Pat Pigeon", "pat@hhs.gov", "by pigeon", null));

        page.GetProperty("mode").GetString().Should().Be("hybrid", "the form asks how each person takes part only in a hybrid event");
        online.StatusCode.Should().Be(HttpStatusCode.Created, await online.Content.ReadAsStringAsync());
        room.StatusCode.Should().Be(HttpStatusCode.Created);
        var stored = await driver.ReadAsync(db => db.People.Where(p => p.EventId == driver.Id).ToDictionaryAsync(p => p.Name));
        stored["Olga Online"].Profile.Attends.Should().Be("online");
        stored["Olga Online"].Profile.TimeZone.Should().Be("America/Denver");
        stored["Rita Room"].Profile.Attends.Should().Be("in-person");
        stored["Rita Room"].Profile.TimeZone.Should().BeNull("a zone this server does not know is not kept");
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("attends")[0].GetString().Should().Contain("online");
    }

    [Fact]
    public async Task PlanningFromEveryoneRegisteredSeatsOnlineRegistrantsOnlyAtOnlineTables()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app, rounds: 1, seatsPerTable: 2);
        await AttendsKit.SetModeAsync(app, driver.Id, EventRecord.Hybrid);
        foreach (var (name, attends) in new[] { ("Ann", "online"), ("Ben", "online"), ("Cal", "in-person"), ("Dee", "in-person") })
        {
            (await driver.RegisterAsync(Form(name, $"{name.ToLowerInvariant()}@hhs.gov", attends, null))).EnsureSuccessStatusCode();
        }

        foreach (var (name, email, attends) in new[] { ("Mo Online", "mo@va.gov", "online"), ("Mia Room", "mia@va.gov", "in-person") })
        {
            var answer = await driver.RegisterAsync(new { name, email, role = "mentor", agency = "VA", expertise = new[] { "Budget" }, consent = true, attends });
            answer.StatusCode.Should().Be(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        }

        (await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null)).EnsureSuccessStatusCode();

        var plan = await AttendsKit.PlanAsync(app, driver.Id);
        AttendsKit.CrossModeSeats(plan).Should().BeEmpty();
        plan.Rotation.Mentees.Where(p => p.Online).Select(p => p.Name).Should().BeEquivalentTo(["Ann", "Ben"]);
        plan.Rotation.Tables(1).Should().OnlyContain(t => t.Count == 2, "two online mentees for the online table, two for the one in the room");
    }

    [Fact]
    public async Task TheHostSetsHowSomeoneTakesPartAndTheirTimeZoneButNotForSomeoneAlreadySeated()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        await AttendsKit.SetModeAsync(app, driver.Id, EventRecord.Hybrid);
        await driver.RegisterAsync("Ann Lee", "ann@hhs.gov", "mentee");
        var ann = await driver.ReadAsync(db => db.People.SingleAsync(p => p.EventId == driver.Id));

        var edit = await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/people/{ann.Id}",
            new { name = "Ann Lee", email = "ann@hhs.gov", role = "mentee", agency = "HHS/NIH", attends = "remote", timeZone = "America/Los_Angeles" });

        edit.StatusCode.Should().Be(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        var body = await edit.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("attends").GetString().Should().Be("online");
        body.GetProperty("timeZone").GetString().Should().Be("America/Los_Angeles");

        await driver.RegisterAsync("Mo Mentor", "mo@hhs.gov", "mentor");
        await driver.RegisterAsync("Ben Okafor", "ben@hhs.gov", "mentee");
        var mo = await driver.ReadAsync(db => db.People.SingleAsync(p => p.Name == "Mo Mentor"));
        (await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/people/{mo.Id}", new { name = "Mo Mentor", email = "mo@hhs.gov", role = "mentor", attends = "online" })).EnsureSuccessStatusCode();
        (await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null)).EnsureSuccessStatusCode();
        var seated = await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/people/{ann.Id}", new { name = "Ann Lee", email = "ann@hhs.gov", role = "mentee", attends = "in person" });

        seated.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a seated person's tables must change with it: the check-in switch does that");
        (await seated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("attends")[0].GetString().Should().Contain("check-in");
    }
}
