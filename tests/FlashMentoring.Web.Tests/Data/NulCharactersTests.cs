using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Online;
using FlashMentoring.Web.Tests.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Data;

/// <summary>
/// A NUL character pasted into what a host or a registrant types: PostgreSQL refuses it where SQLite kept it, so it
/// is dropped on both (on a SQLite file here, or the run's PostgreSQL).
/// </summary>
public sealed class NulCharactersTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-nul-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ATitlePromptRosterFieldOrFileNameWithANulIsKeptWithoutItNotRefusedWithAServerError()
    {
        using var app = new TestApp { DataFolder = folder };
        var client = app.CreateClient();

        var answer = await client.PostAsJsonAsync("/api/events", new { title = "Spring\0 Social", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 1 });
        answer.StatusCode.Should().Be(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        var created = (await answer.Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        var roster = await host.PutAsync($"/api/events/{created.Id}/roster",
            new StringContent("role,name,agency,expertise\nmentor,Mona,HH\0S,Bud\0get\nmentee,Ann,VA,\n", Encoding.UTF8, "text/csv"));
        var prompts = await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { "What\0 brought you here?" } });
        var history = await host.PutAsync($"/api/events/{created.Id}/history/file?name=autumn\0.csv", new StringContent("round,table,mentor,mentee\n1,1,Mo\0na,Ann\n", Encoding.UTF8, "text/csv"));

        roster.StatusCode.Should().Be(HttpStatusCode.OK, await roster.Content.ReadAsStringAsync());
        prompts.StatusCode.Should().Be(HttpStatusCode.OK, await prompts.Content.ReadAsStringAsync());
        history.StatusCode.Should().Be(HttpStatusCode.OK, await history.Content.ReadAsStringAsync());
        (await client.GetFromJsonAsync<EventView>($"/api/events/{created.Id}"))!.Title.Should().Be("Spring Social");
        (await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online"))!.Prompts[0].Text.Should().Be("What brought you here?");
        (await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/history")).GetProperty("sources")[0].GetProperty("label").GetString().Should().Be("autumn.csv");
        using var scope = app.Services.CreateScope();
        var mona = await scope.ServiceProvider.GetRequiredService<AppDb>().People.SingleAsync(p => p.EventId == created.Id && p.Name == "Mona");
        mona.Profile.Agency.Should().Be("HHS");
        mona.Profile.Expertise.Should().Equal("Budget");
    }

    [Fact]
    public async Task AnEmailWithANulFindsTheRegistrationItMadeTheFirstTime()
    {
        using var app = new TestApp { DataFolder = folder, Time = new FakeTimeProvider(RegistrationDriver.Now) };
        var driver = await RegistrationDriver.OpenAsync(app);
        object Form(string goals) => new { name = "Ann Lee", email = "ann.lee@nih\0.gov", role = "mentee", agency = "HHS/NIH", location = "Bethesda", grade = "GS-12", expertise = Array.Empty<string>(), needs = new[] { "Budget" }, goals, consent = true, formats = new[] { "Online" } };

        var first = await driver.RegisterAsync(Form("Lead a team"));
        var again = await driver.RegisterAsync(Form("Lead a bigger team"));

        first.StatusCode.Should().Be(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        ((int)again.StatusCode).Should().BeLessThan(500, await again.Content.ReadAsStringAsync());
        var people = await driver.ReadAsync(db => db.People.Where(p => p.EventId == driver.Id).Select(p => p.Key).ToListAsync());
        people.Should().Equal(["ann.lee@nih.gov"], "sent again, the form is the same person's, not a second one");
    }
}
