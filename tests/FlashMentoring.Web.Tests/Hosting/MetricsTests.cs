using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Kits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Metrics;

namespace FlashMentoring.Web.Tests.Hosting;

public sealed class MetricsTests
{
    private const string Title = "Spring at the Archives";

    /// <summary>Reads one of the app's instruments, and only this app's: other tests' apps run beside it.</summary>
    private static MetricCollector<T> Read<T>(TestApp app, string instrument)
        where T : struct => new(app.Services.GetRequiredService<IMeterFactory>(), AppMetrics.MeterName, instrument);

    internal static async Task<CreatedEvent> PlannedEvent(TestApp app)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = Title, startsAt = "2026-12-01T09:00:00-05:00", rounds = 3 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        return created;
    }

    internal static async Task PressAsync(TestApp app, CreatedEvent created, string command, object? body = null)
    {
        var response = await app.HostClient(created.HostKey).PostAsJsonAsync($"/api/events/{created.Id}/clock/{command}", body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryRoundChangeIsTimedOnceWithoutNamingTheEvent()
    {
        using var app = new TestApp();
        using var fanOut = Read<double>(app, "flashmentoring.clock.fanout.duration");
        var created = await PlannedEvent(app);

        await PressAsync(app, created, "start");
        await PressAsync(app, created, "skip", new { expectedRound = 1 });

        var pushes = fanOut.GetMeasurementSnapshot();
        pushes.Select(m => (m.Tags["phase"], m.Tags["trigger"])).Should().Equal(("round", "host"), ("transition", "host"));
        // A tag per event would make a series per event in the collector; a title can name people.
        pushes.SelectMany(m => m.Tags.Keys).Distinct().Should().BeEquivalentTo("phase", "trigger");
    }

    [Fact]
    public async Task ARoundThatRunsOutIsTimedAsTheSchedulesOwnChange()
    {
        var nine = new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);
        var time = new TimerWatchingFakeTimeProvider(nine);
        using var app = new TestApp { Time = time };
        using var fanOut = Read<double>(app, "flashmentoring.clock.fanout.duration");
        var created = await PlannedEvent(app);

        await PressAsync(app, created, "start");
        await time.TimerSetFor(nine.AddMinutes(15));
        time.Advance(TimeSpan.FromMinutes(15));
        await Measured(fanOut, 2);

        // Most round changes are the clock's own, not a host's press: the ones every phone waits for.
        fanOut.GetMeasurementSnapshot().Select(m => (m.Tags["phase"], m.Tags["trigger"])).Should().Equal(("round", "host"), ("transition", "schedule"));
    }

    [Fact]
    public async Task ARosterUploadCountsOnePlanAndItsTime()
    {
        using var app = new TestApp();
        using var plans = Read<int>(app, "flashmentoring.plans.made");
        using var planTime = Read<double>(app, "flashmentoring.plan.duration");

        await PlannedEvent(app);

        plans.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
        planTime.GetMeasurementSnapshot().Should().ContainSingle();
    }

    [Fact]
    public async Task AStartedClockCountsAsARunningEventUntilItEnds()
    {
        using var app = new TestApp();
        using var running = Read<int>(app, "flashmentoring.events.running");
        var created = await PlannedEvent(app);

        // The clock counts when it looks at the schedule, which a host command makes it do at once, in the background.
        await PressAsync(app, created, "start");
        await Until(running, 1);
        await PressAsync(app, created, "end");
        await Until(running, 0);

        running.LastMeasurement!.Value.Should().Be(0);
    }

    /// <summary>
    /// Waits for <paramref name="count"/> measurements, then yields: the collector completes the wait on the thread that
    /// recorded (the app's clock loop, the hub's hang-up), and that thread must not go on to run the rest of the test,
    /// least of all its disposal of the app the thread belongs to (the app then waits 30 s for its clock loop to stop).
    /// </summary>
    private static async Task Measured<T>(MetricCollector<T> collector, int count)
        where T : struct
    {
        await collector.WaitForMeasurementsAsync(count, TimeSpan.FromSeconds(30));
        await Task.Yield();
    }

    private static async Task Until(MetricCollector<int> gauge, int value)
    {
        // One snapshot for both the value and the count: a measurement landing between two reads is not waited for again.
        for (var seen = gauge.GetMeasurementSnapshot(); seen.Count == 0 || seen[^1].Value != value; seen = gauge.GetMeasurementSnapshot())
        {
            await Measured(gauge, seen.Count + 1);
        }
    }

    [Fact]
    public async Task APhoneThatConnectsCountsAsALiveConnectionUntilItLeaves()
    {
        using var app = new TestApp();
        using var connections = Read<int>(app, "flashmentoring.live.connections");

        // The server counts a connection after its handshake, and a hang-up when it hears it: each on its own time.
        await using (var phone = await app.ConnectLiveAsync())
        {
            await Measured(connections, 1);
            connections.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
        }

        await Measured(connections, 2);
        connections.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(0);
    }

    [Fact]
    public async Task AKitCountsThePagesItMadeAsAJobOrAsADownload()
    {
        using var app = new TestApp();
        using var pages = Read<int>(app, "flashmentoring.kit.pages");
        var client = app.CreateClient();

        var job = (await (await client.PostAsync("/api/kits/blank/jobs?tables=2&rounds=2", null)).Content.ReadFromJsonAsync<KitJobView>())!;
        await app.Services.GetRequiredService<KitJobs>().Find(job.Id)!.Completion;
        var done = (await client.GetFromJsonAsync<KitJobView>($"/api/kits/jobs/{job.Id}"))!;

        done.Pages.Should().BePositive();
        pages.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(done.Pages);

        // The same kit as a direct download (what a script asks for) counts its pages too.
        (await client.GetAsync("/api/kits/blank.pdf?tables=2&rounds=2")).EnsureSuccessStatusCode();
        pages.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(2 * done.Pages);
    }

    [Fact]
    public void WithoutACollectorNamedNothingIsExported()
    {
        using var app = new TestApp();

        app.Services.GetService<MeterProvider>().Should().BeNull("an exporter with nowhere to send would retry and log for nothing");
    }

    [Fact]
    public async Task WithACollectorNamedTheAppsMetricsReachItOverOtlp()
    {
        // A stand-in OpenTelemetry collector: OTLP over HTTP is a protobuf POST to /v1/metrics, in which names are plain UTF-8.
        var received = new ConcurrentQueue<byte[]>();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var collector = builder.Build();
        collector.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue(body.ToArray());
            arrived.TrySetResult();
            return Results.Ok();
        });
        await collector.StartAsync();

        var settings = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.First(), ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" };
        using (var app = new TestApp { Settings = settings })
        {
            var created = await PlannedEvent(app);
            await PressAsync(app, created, "start");
        }

        // The app sends what it has measured as it stops, so no export interval is waited for; the POST may still be on
        // its way when the app is gone (a busy machine), so wait for it.
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var sent = Encoding.UTF8.GetString(received.SelectMany(b => b).ToArray());
        sent.Should().Contain("flashmentoring.clock.fanout.duration").And.Contain("flashmentoring.plans.made").And.Contain("http.server.request.duration");
        sent.Should().NotContain(Title);
    }
}
