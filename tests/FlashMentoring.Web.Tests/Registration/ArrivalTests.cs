using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Registration;

/// <summary>Someone who registered after the plan was made turns up on the day.</summary>
public sealed class ArrivalTests
{
    [Fact]
    public async Task SomeoneRegisteredAfterThePlanIsSeatedWhenTheDeskMarksThemHere()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        await driver.RegisterAsync("Mona Lisa", "mona@nih.gov", "mentor", "HHS/NIH", ["Budget"]);
        await driver.RegisterAsync("Omar Khayyam", "omar@opm.gov", "mentor", "OPM", ["Writing"]);
        await driver.RegisterAsync("Ann Lee", "ann@va.gov", "mentee", "VA", needs: ["Budget"]);
        (await driver.Host.PostAsync($"/api/events/{driver.Id}/plan", null)).EnsureSuccessStatusCode();
        var dee = await driver.RegisterAsync("Dee Walker", "dee@va.gov", "mentee", "VA", needs: ["Writing"]);
        var deeId = await driver.ReadAsync(db => db.People.Where(p => p.Key == "dee@va.gov").Select(p => p.Id).SingleAsync());
        (await driver.Person(dee).GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("rounds").GetArrayLength().Should().Be(0, "she registered after the plan");

        var here = await driver.Host.PostAsJsonAsync($"/api/events/{driver.Id}/people/{deeId}/status", new { status = "arrived" });

        here.StatusCode.Should().Be(HttpStatusCode.OK, await here.Content.ReadAsStringAsync());
        (await here.Content.ReadAsStringAsync()).Should().Contain("Dee Walker joins from round 1");
        var rounds = (await driver.Person(dee).GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("rounds").EnumerateArray().ToList();
        rounds.Should().Contain(r => r.GetProperty("table").ValueKind == JsonValueKind.Number, "her phone shows a table");

        var away = await driver.Host.PostAsJsonAsync($"/api/events/{driver.Id}/people/{deeId}/status", new { status = "absent" });
        away.StatusCode.Should().Be(HttpStatusCode.OK, "marking her absent again takes her out, as anyone seated");
    }
}
