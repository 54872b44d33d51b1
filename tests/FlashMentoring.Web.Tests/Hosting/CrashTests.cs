using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Feedback;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;

namespace FlashMentoring.Web.Tests.Hosting;

/// <summary>
/// The real app as a process, killed with SIGKILL mid-round and started again on the same SQLite file (on the Postgres
/// run, the same PostgreSQL database: a node that dies and comes back).
/// </summary>
public sealed class CrashTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-crash-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task KilledMidRoundTheAppComesBackInTheSamePhaseWithTheSameEndsAtAndNothingLost()
    {
        var port = LocalServers.FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        CreatedEvent created;
        ClockView clock;
        long annId;
        string annToken;
        using (var first = await Start(port))
        {
            created = (await (await http.PostAsJsonAsync("/api/events", new { title = "Crash", startsAt = DateTimeOffset.UtcNow, rounds = 3, roundMinutes = 30, seatsPerTable = 2 }))
                .Content.ReadFromJsonAsync<CreatedEvent>())!;
            http.DefaultRequestHeaders.Add(HostRoutes.HostKeyHeader, created.HostKey);
            (await http.PutAsync($"/api/events/{created.Id}/roster", new StringContent("role,name\nmentor,Mona\nmentor,Omar\nmentee,Ann\nmentee,Ben\nmentee,Cy\n", Encoding.UTF8, "text/csv")))
                .EnsureSuccessStatusCode();
            clock = (await (await http.PostAsync($"/api/events/{created.Id}/clock/start", null)).Content.ReadFromJsonAsync<ClockView>())!;
            var people = (await http.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
            annId = people.Single(p => p.Name == "Ann").Id;
            annToken = people.Single(p => p.Name == "Ann").Link!["/me#t=".Length..];
            (await http.PostAsJsonAsync($"/api/events/{created.Id}/people/{people.Single(p => p.Name == "Cy").Id}/status", new { status = "absent" })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/events/{created.Id}/people/{annId}/status", new { status = "arrived" })).EnsureSuccessStatusCode();
            // Round 1 is over (rounds are rated once they end): round 2 runs when the power goes.
            clock = (await (await http.PostAsJsonAsync($"/api/events/{created.Id}/clock/skip", new { expectedRound = 1, skipChange = true })).Content.ReadFromJsonAsync<ClockView>())!;
            using var phone = new HttpRequestMessage(HttpMethod.Post, "/api/me/answers") { Content = JsonContent.Create(new { clientId = Guid.NewGuid(), round = 1, rating = 5 }) };
            phone.Headers.Add(PersonalLinks.TokenHeader, annToken);
            (await http.SendAsync(phone)).EnsureSuccessStatusCode();

            first.Kill(); // SIGKILL: no shutdown, no flush, as when a laptop loses power.
            await first.WaitForExitAsync();
        }

        using var second = await Start(port);
        var after = (await http.GetFromJsonAsync<ClockView>($"/api/events/{created.Id}/clock"))!;
        var statuses = (await http.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!.ToDictionary(p => p.Name, p => p.Status);
        var report = (await http.GetFromJsonAsync<EventReport>($"/api/events/{created.Id}/report"))!;
        second.Kill();

        after.Phase.Should().Be("round");
        after.Round.Should().Be(2);
        after.EndsAtMs.Should().Be(clock.EndsAtMs, "the round ends when it always would have");
        statuses["Cy"].Should().Be("absent");
        statuses["Ann"].Should().Be("arrived");
        report.Ratings.Should().Be(1);
        report.MeanRating.Should().Be(5);
    }

    private async Task<Process> Start(int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FlashMentoring.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (TestPostgres.Selected)
        {
            start.Environment["Storage__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Postgres"] = TestPostgres.DatabaseFor(folder);
        }
        else
        {
            start.Environment["Storage__Provider"] = "Sqlite";
            start.Environment["Storage__DataFolder"] = folder;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Now listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) => errors.AppendLine(line.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The app exited: " + errors));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready when Kestrel says it listens (an event, not a guess at how long start-up takes).
        await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return process;
    }
}
