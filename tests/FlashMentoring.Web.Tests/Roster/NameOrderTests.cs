using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Feedback;
using FlashMentoring.Web.Roster;

namespace FlashMentoring.Web.Tests.Roster;

/// <summary>
/// Lists of names read alphabetically, as the join page's does, whatever the store: SQLite sorted by bytes (every
/// capital before any small letter, accents after z) and PostgreSQL by its collation, so the same event listed its
/// people in two orders. On a SQLite file here, or the run's PostgreSQL.
/// </summary>
public sealed class NameOrderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-names-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task TheDeskListsMentorsThenMenteesAlphabeticallyWhateverTheCaseOrAccentOfTheirNames()
    {
        using var app = new TestApp { DataFolder = folder };
        var (created, host) = await EventAsync(app, "role,name\nmentor,zed\nmentor,Amy\nmentee,émile\nmentee,Bob\nmentee,ann\nmentee,Zoe\n");

        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;

        people.Select(p => p.Name).Should().Equal("Amy", "zed", "ann", "Bob", "émile", "Zoe");
    }

    [Fact]
    public async Task APhoneListsThePeopleItMetAlphabetically()
    {
        using var app = new TestApp { DataFolder = folder };
        var (created, host) = await EventAsync(app, "role,name\nmentor,zed\nmentor,Émile\nmentor,Amy\nmentee,Ann\n", rounds: 3);
        foreach (var command in new[] { "start", "end" })
        {
            (await host.PostAsync($"/api/events/{created.Id}/clock/{command}", null)).EnsureSuccessStatusCode();
        }

        var ann = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!.Single(p => p.Name == "Ann");
        var phone = app.CreateClient();
        (await phone.GetAsync("/me")).EnsureSuccessStatusCode();
        phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, ann.Link!["/me#t=".Length..]);
        var mine = (await phone.GetFromJsonAsync<MyFeedback>("/api/me/feedback"))!;

        mine.Met.Select(m => m.Name).Should().Equal("Amy", "Émile", "zed");
    }

    private static async Task<(CreatedEvent Created, HttpClient Host)> EventAsync(TestApp app, string roster, int rounds = 2)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", rounds, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created, host);
    }
}
