using System.Net;
using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Online;
using Microsoft.EntityFrameworkCore;
using static FlashMentoring.Web.Tests.Online.RoomsEventForTests;

namespace FlashMentoring.Web.Tests.Online;

/// <summary>The host saves rooms or prompts just as someone else saves the event: on a real database (SQLite, or PostgreSQL), as in production.</summary>
public sealed class RoomsConcurrencyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-rooms-race-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("pattern")]
    [InlineData("csv")]
    [InlineData("prompts")]
    public async Task AHostsRoomsAndPromptsAreKeptWhenAnotherChangeToTheEventIsSavedFirst(string what)
    {
        var armed = false;
        // Just before the host's save, a co-host's edit of a person is saved: the plan is read again, a new plan
        // version. Written in one UPDATE on the same database, since the app saves one context at a time.
        var editMeanwhile = new SaveHook(async context =>
        {
            if (armed && context.ChangeTracker.Entries<EventRecord>().FirstOrDefault() is { } saving)
            {
                armed = false;
                var id = saving.Entity.Id;
                (await context.Set<EventRecord>().Where(e => e.Id == id).ExecuteUpdateAsync(set => set.SetProperty(e => e.PlanVersion, e => e.PlanVersion + 1))).Should().Be(1);
            }
        });
        using var app = new TestApp { DataFolder = folder, TestServices = editMeanwhile.AddTo };
        var (created, host) = await CreateAsync(app);
        await SetModeAsync(host, created.Id, "online");

        armed = true;
        var answer = what switch
        {
            "pattern" => await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern = "https://meet.agency.gov/{event}-table-{table}" }),
            "csv" => await host.PutAsync($"/api/events/{created.Id}/rooms", new StringContent("table,link\n2,https://zoom.us/j/222\n", Encoding.UTF8, "text/csv")),
            _ => await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { "What brought you here?" } }),
        };
        var body = await answer.Content.ReadAsStringAsync();
        var view = (await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online"))!;

        armed.Should().BeFalse("the other change was saved while the host's was in flight");
        answer.StatusCode.Should().Be(HttpStatusCode.OK, body);
        switch (what)
        {
            case "pattern":
                view.Tables.Should().OnlyContain(t => t.Link!.StartsWith("https://meet.agency.gov/autumn-flash-mentoring-", StringComparison.Ordinal));
                break;
            case "csv":
                view.Tables[1].Link.Should().Be("https://zoom.us/j/222");
                break;
            default:
                view.Prompts[0].Text.Should().Be("What brought you here?");
                break;
        }
    }
}
