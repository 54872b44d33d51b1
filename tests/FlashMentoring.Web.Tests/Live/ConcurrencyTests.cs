using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Live;

/// <summary>Two hosts, one room: commands race on a real SQLite file, as they would from two laptops.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const string Roster = "role,name\nmentor,Mona\nmentor,Omar\nmentor,Pia\nmentee,Ann\nmentee,Ben\nmentee,Cy\nmentee,Dee\nmentee,Eve\nmentee,Fay\n";
    private readonly string folder = Directory.CreateTempSubdirectory("fm-race-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(CreatedEvent Event, HttpClient Host)> LiveEvent(TestApp app)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Race", startsAt = "2026-12-01T09:00:00-05:00", rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/events/{created.Id}/clock/start", null)).EnsureSuccessStatusCode();
        return (created, host);
    }

    [Fact]
    public async Task TwoHostsPressingNextRoundAtTheSameMomentAdvanceItOnce()
    {
        using var app = new TestApp { DataFolder = folder };
        for (var trial = 0; trial < 10; trial++)
        {
            var (created, host) = await LiveEvent(app);
            var other = app.HostClient(created.HostKey);

            var answers = await Task.WhenAll(
                host.PostAsJsonAsync($"/api/events/{created.Id}/clock/skip", new { expectedRound = 1, skipChange = true }),
                other.PostAsJsonAsync($"/api/events/{created.Id}/clock/skip", new { expectedRound = 1, skipChange = true }));
            var clock = await host.GetFromJsonAsync<ClockView>($"/api/events/{created.Id}/clock");

            answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict], $"trial {trial}");
            (await answers.Single(a => a.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync()).Should().Contain("Already advanced");
            clock!.Round.Should().Be(2);
        }
    }

    [Fact]
    public async Task ManyEventsEndingARoundAtTheSameInstantAreEachSavedThenPushed()
    {
        var nine = new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);
        var time = new TimerWatchingFakeTimeProvider(nine);
        var events = new List<(CreatedEvent Event, HubConnection Phone, ChannelReader<ClockView> Clocks)>();
        using (var app = new TestApp { DataFolder = folder, Time = time })
        {
            for (var k = 0; k < 6; k++)
            {
                var (created, _) = await LiveEvent(app);
                var phone = await app.ConnectLiveAsync();
                var clocks = phone.Pushes<ClockView>(nameof(ILiveClient.Clock));
                await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
                events.Add((created, phone, clocks));
            }

            await time.TimerSetFor(nine.AddMinutes(15));
            time.Advance(TimeSpan.FromMinutes(15));
            foreach (var (created, phone, clocks) in events)
            {
                var pushed = await clocks.NextAsync();
                pushed.Phase.Should().Be("transition", $"event {created.Id} changes tables on time");
                await phone.DisposeAsync();
            }
        }

        // Saved before it was pushed: a restart finds every event where its phones were told it is.
        using var restarted = new TestApp { DataFolder = folder, Time = time };
        foreach (var (created, _, _) in events)
        {
            var clock = (await restarted.CreateClient().GetFromJsonAsync<ClockView>($"/api/events/{created.Id}/clock"))!;
            clock.Phase.Should().Be("transition");
            clock.EndsAtMs.Should().Be(nine.AddMinutes(17).ToUnixTimeMilliseconds());
        }
    }

    [Fact]
    public async Task ARoomOfPhonesRatingAtOnceIsEveryOneCounted()
    {
        using var app = new TestApp { DataFolder = folder };
        var (created, host) = await LiveEvent(app);
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        (await host.PostAsJsonAsync($"/api/events/{created.Id}/clock/skip", new { expectedRound = 1, skipChange = true })).EnsureSuccessStatusCode();

        var answers = await Task.WhenAll(people.Select(p =>
        {
            var phone = app.CreateClient();
            phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, p.Link!["/me#t=".Length..]);
            return phone.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 4 });
        }));
        var report = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/report");

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK);
        report.GetProperty("ratings").GetInt32().Should().Be(people.Count, "nine phones at once, nine ratings saved");
    }

    [Fact]
    public async Task AReplanRacingARoundChangeNeverRewritesARoundThatHasStarted()
    {
        using var app = new TestApp { DataFolder = folder };
        for (var trial = 0; trial < 10; trial++)
        {
            var (created, host) = await LiveEvent(app);
            var before = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");
            var ann = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!.Single(p => p.Name == "Ann");

            var answers = await Task.WhenAll(
                host.PostAsJsonAsync($"/api/events/{created.Id}/clock/skip", new { expectedRound = 1, skipChange = true }),
                app.HostClient(created.HostKey).PostAsJsonAsync($"/api/events/{created.Id}/people/{ann.Id}/status", new { status = "absent" }));
            var message = (await answers[1].Content.ReadFromJsonAsync<StatusResult>())!.Message;
            var after = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");

            answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK, $"trial {trial}: both commands succeed, one after the other");
            Seating(after, 1).Should().Equal(Seating(before, 1), "round 1 was held");
            if (message.Contains("from round 3", StringComparison.Ordinal))
            {
                Seating(after, 2).Should().Equal(Seating(before, 2), $"trial {trial}: round 2 started before the re-plan, so it stands");
            }
            else
            {
                message.Should().Contain("from round 2");
                Seating(after, 2).Should().NotContain(s => s.StartsWith("Ann@", StringComparison.Ordinal), "the re-plan came first and took Ann out of round 2");
            }
        }
    }

    [Fact]
    public async Task ARosterUploadOvertakenByTheClockStartingIsAConflictThatSavesNothing()
    {
        HttpClient? host = null;
        string? start = null;
        var armed = false;
        // The host presses Start once the upload has read the event (not started yet) and planned the roster, as it
        // reads who was on the previous roster: the moment a slow plan leaves open.
        var startMeanwhile = new QueryHook(async sql =>
        {
            if (armed && sql.Contains("FROM \"People\"", StringComparison.Ordinal))
            {
                armed = false;
                (await host!.PostAsync(start, null)).EnsureSuccessStatusCode();
            }
        });
        using var app = new TestApp { DataFolder = folder, TestServices = startMeanwhile.AddTo };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Race", startsAt = "2026-12-01T09:00:00-05:00", rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        host = app.HostClient(created.HostKey);
        start = $"/api/events/{created.Id}/clock/start";
        // A first roster is in (the clock starts only with people); the host corrects it as the clock starts.
        await app.UploadRosterAsync(created);

        armed = true;
        var answer = await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"));
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var people = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/people");
        var clock = (await host.GetFromJsonAsync<ClockView>($"/api/events/{created.Id}/clock"))!;

        armed.Should().BeFalse("the clock started while the upload was in flight");
        answer.StatusCode.Should().Be(HttpStatusCode.Conflict, problem.ToString());
        problem.GetProperty("detail").GetString().Should().Contain("started while this roster was being planned");
        people.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().BeEquivalentTo(["Mona", "Ann", "Ben"], "the overtaken upload saved nobody");
        clock.Phase.Should().Be("round");
    }

    private static List<string> Seating(JsonElement plan, int round) =>
        plan.GetProperty("rounds")[round - 1].GetProperty("tables").EnumerateArray()
            .SelectMany(t => t.GetProperty("mentees").EnumerateArray().Select(m => $"{m.GetProperty("name").GetString()}@{t.GetProperty("table").GetInt32()}"))
            .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task AReplanInOneEventNeverWaitsForAnotherEventsReplan()
    {
        using var app = new TestApp { DataFolder = folder };
        var (big, _) = await LiveEvent(app);
        var (small, host) = await LiveEvent(app);
        var ann = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{small.Id}/people"))!.Single(p => p.Name == "Ann");
        var publisher = app.Services.GetRequiredService<PlanPublisher>();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDb>();
        var longReplan = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The big event's re-plan holds its gate until the test lets go (as a 12-second re-plan of 10,000 people would).
        var holding = publisher.OneAtATime(db, big.Id, () => longReplan.Task, CancellationToken.None);
        var checkIn = host.PostAsJsonAsync($"/api/events/{small.Id}/people/{ann.Id}/status", new { status = "absent" });
        var finished = await Task.WhenAny(checkIn, Task.Delay(TimeSpan.FromSeconds(30)));
        longReplan.SetResult(0);
        await holding;

        finished.Should().BeSameAs(checkIn, "the small event's check-in does not queue behind the big event's re-plan");
        (await checkIn).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
