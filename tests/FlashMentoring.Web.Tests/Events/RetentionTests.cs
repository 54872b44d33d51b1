using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace FlashMentoring.Web.Tests.Events;

/// <summary>Nothing is kept past its time: the retention job, driven by the fake clock, on a real SQLite file.</summary>
public sealed class RetentionTests : IDisposable
{
    // 13:00Z; the events are dated 09:00 in New York (14:00Z): two rounds of 15 minutes with 2 to move end at 14:34Z.
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ScheduledEnd = new(2027, 3, 1, 14, 34, 0, TimeSpan.Zero);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    private const string Roster = "role,name,email,agency\nmentor,Mona Lisa,mona.lisa@hhs.gov,HHS/NIH\nmentor,Omar Khayyam,omar.k@opm.gov,OPM\n" +
                                  "mentee,Ann Lee,ann.lee@va.gov,VA\nmentee,Bea Park,bea.park@va.gov,VA\n";

    private static readonly string[] Personal = ["Mona", "Omar", "Ann Lee", "Bea Park", "mona.lisa@hhs.gov", "omar.k@opm.gov", "ann.lee@va.gov", "bea.park@va.gov", "@"];

    private readonly string folder = Directory.CreateTempSubdirectory("fm-retention-").FullName;
    private readonly TimerWatchingFakeTimeProvider time = new(T0);
    private readonly FakeLoggerProvider logs = new();

    private sealed record Ran(CreatedEvent Event, HttpClient Host, Dictionary<string, HttpClient> Phones);

    public void Dispose()
    {
        logs.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AnEndedEventsPersonalDataIsDeletedNinetyDaysAfterItEndsAndTheLogNamesNoOne()
    {
        using var app = App();
        var ran = await RunToTheEnd(app, "Spring");
        var ended = time.GetUtcNow();
        var id = ran.Event.Id;
        using (var scope = app.Services.CreateScope())
        {
            // The event's earlier meetings name people by e-mail too.
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            db.Histories.Add(new HistoryRecord { EventId = id, Meetings = [new PastMeetingRecord { Event = "Winter", Round = 1, Table = 1, Mentor = "mona.lisa@hhs.gov", Mentee = "ann.lee@va.gov" }] });
            await db.SaveChangesAsync();
        }

        await AdvanceTo(ended + TimeSpan.FromDays(89));
        var before = await app.CreateClient().GetAsync($"/api/events/{id}");
        var phoneBefore = await ran.Phones["Ann Lee"].GetAsync("/api/me");
        await AdvanceTo(ended + TimeSpan.FromDays(91));

        before.StatusCode.Should().Be(HttpStatusCode.OK, "89 days after the end the event is still kept");
        phoneBefore.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.CreateClient().GetAsync($"/api/events/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ran.Host.GetAsync($"/api/events/{id}/host")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the host link leads nowhere");
        (await app.CreateClient().GetAsync($"/api/events/{id}/board")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ran.Phones["Ann Lee"].GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the personal links are gone");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            (await db.People.CountAsync(p => p.EventId == id)).Should().Be(0);
            (await db.Answers.CountAsync(a => a.EventId == id)).Should().Be(0);
            (await db.Choices.CountAsync(c => c.EventId == id)).Should().Be(0);
            (await db.Pairs.CountAsync(p => p.EventId == id)).Should().Be(0);
            (await db.Plans.CountAsync(p => p.EventId == id)).Should().Be(0);
            (await db.Histories.CountAsync(h => h.EventId == id)).Should().Be(0, "earlier meetings name people too");
        }

        var retention = RetentionLog();
        retention.Should().ContainSingle(m => m.Contains(id.ToString(), StringComparison.Ordinal), "the deletion is written down, by event id")
            .Which.Should().Contain("4 people").And.Contain("2 answers").And.Contain("2 choices").And.Contain("1 pair");
        retention.Should().NotContain(m => Personal.Any(p => m.Contains(p, StringComparison.OrdinalIgnoreCase)), "the log says what was deleted, never whose");
    }

    [Fact]
    public async Task ADraftIsDeletedThirtyDaysAfterItsDateWhileAnEventToComeIsKept()
    {
        using var app = App();
        var client = app.CreateClient();
        var empty = await Create(client, "No roster yet", "2027-03-01T09:00:00-05:00");
        var neverRun = await Create(client, "Planned, never run", "2027-03-01T09:00:00-05:00");
        (await app.HostClient(neverRun.HostKey).PutAsync($"/api/events/{neverRun.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var toCome = await Create(client, "Autumn", "2027-09-01T09:00:00-04:00");
        (await app.HostClient(toCome.HostKey).PutAsync($"/api/events/{toCome.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        await AdvanceTo(ScheduledEnd + TimeSpan.FromDays(29));
        var kept = new[] { await Status(app, empty), await Status(app, neverRun) };
        await AdvanceTo(ScheduledEnd + TimeSpan.FromDays(31));

        kept.Should().AllBeEquivalentTo(HttpStatusCode.OK, "29 days after its date a draft is still kept");
        (await Status(app, empty)).Should().Be(HttpStatusCode.NotFound, "an event never started is gone 30 days after its date");
        (await Status(app, neverRun)).Should().Be(HttpStatusCode.NotFound, "its roster with it");
        (await Status(app, toCome)).Should().Be(HttpStatusCode.OK, "an event still to come is kept");
        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<AppDb>().People.CountAsync(p => p.EventId == neverRun.Id)).Should().Be(0);
        RetentionLog().Should().Contain(m => m.Contains(neverRun.Id.ToString(), StringComparison.Ordinal) && m.Contains("4 people", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHostSeesWhenTheEventsPersonalDataWillBeDeletedAsConfigured()
    {
        using var app = App(("Retention:AfterEndDays", "14"), ("Retention:DraftDays", "7"));
        var client = app.CreateClient();
        var created = await Create(client, "Spring", "2027-03-01T09:00:00-05:00");
        var host = app.HostClient(created.HostKey);

        var draft = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/host");
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/events/{created.Id}/clock/start", new { })).EnsureSuccessStatusCode();
        time.Advance(TimeSpan.FromMinutes(10));
        (await host.PostAsJsonAsync($"/api/events/{created.Id}/clock/end", new { })).EnsureSuccessStatusCode();
        var ended = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/host");
        var policy = await client.GetFromJsonAsync<JsonElement>("/api/retention");

        draft.GetProperty("personalDataKeptUntil").GetDateTimeOffset().Should().Be(ScheduledEnd + TimeSpan.FromDays(7), "a draft is kept 7 days past its date here");
        ended.GetProperty("personalDataKeptUntil").GetDateTimeOffset().Should().Be(T0 + TimeSpan.FromMinutes(10) + TimeSpan.FromDays(14), "14 days after the host ended it");
        policy.GetProperty("afterEndDays").GetInt32().Should().Be(14);
        policy.GetProperty("draftDays").GetInt32().Should().Be(7);
    }

    [Fact]
    public async Task ThePrivacyNoticeStatesTheRuleWithTheServersNumbersAndEveryPageLinksToIt()
    {
        using var app = App();
        var client = app.CreateClient();

        var notice = await client.GetAsync("/privacy.html");
        var text = await notice.Content.ReadAsStringAsync();
        var policy = await client.GetFromJsonAsync<JsonElement>("/api/retention");

        notice.StatusCode.Should().Be(HttpStatusCode.OK);
        // privacy.js words the rule from /api/retention in the page's language; without script the page shows the default.
        text.Should().Contain($"{policy.GetProperty("afterEndDays").GetInt32()} days after the event ends")
            .And.Contain($"{policy.GetProperty("draftDays").GetInt32()} days after its date");
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "wwwroot", "js", "privacy.js")).Should().Contain("fetch('/api/retention')");
        foreach (var page in new[] { "index.html", "join.html", "me.html", "host.html" })
        {
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "wwwroot", page)).Should().Contain("href=\"/privacy.html\"", page);
        }
    }

    private TestApp App(params (string Key, string Value)[] settings) =>
        new() { DataFolder = folder, Time = time, Logs = logs, Settings = settings.ToDictionary(s => s.Key, s => s.Value) };

    /// <summary>
    /// Moves the clock to <paramref name="at"/> and waits until the retention job has looked (within its last check
    /// interval: the clock passes every hourly check on the way) and gone back to sleep.
    /// </summary>
    private async Task AdvanceTo(DateTimeOffset at)
    {
        time.Advance(at - time.GetUtcNow());
        await time.TimerSetAfter(at, CheckEvery);
    }

    private List<string> RetentionLog() =>
        logs.Collector.GetSnapshot().Where(r => r.Category?.StartsWith("FlashMentoring.Web.Events", StringComparison.Ordinal) == true).Select(r => r.Message).ToList();

    private static async Task<HttpStatusCode> Status(TestApp app, CreatedEvent e) => (await app.CreateClient().GetAsync($"/api/events/{e.Id}")).StatusCode;

    private static async Task<CreatedEvent> Create(HttpClient client, string title, string startsAt)
    {
        var response = await client.PostAsJsonAsync("/api/events", new { title, startsAt, rounds = 2, roundMinutes = 15, transitionMinutes = 2, seatsPerTable = 1 });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CreatedEvent>())!;
    }

    /// <summary>An event run to its end on the fake clock, with ratings, mutual choices and a confirmed pair.</summary>
    private async Task<Ran> RunToTheEnd(TestApp app, string title)
    {
        var created = await Create(app.CreateClient(), title, "2027-03-01T09:00:00-05:00");
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        var phones = people.ToDictionary(p => p.Name, p =>
        {
            var phone = app.CreateClient();
            phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, p.Link!["/me#t=".Length..]);
            return phone;
        });
        var ids = people.ToDictionary(p => p.Name, p => p.Id);

        (await host.PostAsJsonAsync($"/api/events/{created.Id}/clock/start", new { })).EnsureSuccessStatusCode();
        time.Advance(TimeSpan.FromMinutes(15 + 2 + 15));
        (await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/clock")).GetProperty("phase").GetString().Should().Be("finished");

        (await phones["Ann Lee"].PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 5, note = "Thank you Mona", signNote = true })).EnsureSuccessStatusCode();
        (await phones["Bea Park"].PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 4 })).EnsureSuccessStatusCode();
        (await phones["Ann Lee"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { ids["Mona Lisa"] } })).EnsureSuccessStatusCode();
        (await phones["Mona Lisa"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { ids["Ann Lee"] } })).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/events/{created.Id}/pairs/confirm", null)).EnsureSuccessStatusCode();
        return new Ran(created, host, phones);
    }
}
