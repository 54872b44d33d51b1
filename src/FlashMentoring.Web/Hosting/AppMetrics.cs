using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FlashMentoring.Web.Hosting;

/// <summary>
/// What whoever hosts the app watches (the meter "FlashMentoring"; names and units in the README). No tag names an
/// event or a person: a tag per event would make one series per event in the collector, and tags are not for personal data.
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "FlashMentoring";

    // Milliseconds: a push to a small event takes well under 5 ms, a plan of a large roster a few seconds.
    private static readonly IReadOnlyList<double> Buckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

    private readonly Gauge<int> eventsRunning;
    private readonly UpDownCounter<int> connections;
    private readonly Histogram<double> fanOut;
    private readonly Counter<int> plans;
    private readonly Histogram<double> planTime;
    private readonly Counter<int> kitPages;

    public AppMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        var milliseconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets };
        eventsRunning = meter.CreateGauge<int>("flashmentoring.events.running", "{event}", "Events whose round clock is running: in a round or a change of tables, not paused. On several nodes, those whose clock this node runs.");
        connections = meter.CreateUpDownCounter<int>("flashmentoring.live.connections", "{connection}", "Open live connections: phones, boards and host consoles.");
        fanOut = meter.CreateHistogram("flashmentoring.clock.fanout.duration", "ms", "From a clock change (a round starting or ending, a host's start, skip or pause) to its push handed to every connection of the event.", advice: milliseconds);
        plans = meter.CreateCounter<int>("flashmentoring.plans.made", "{plan}", "Plans made from an uploaded roster (the planner, an event's roster, a kit).");
        planTime = meter.CreateHistogram("flashmentoring.plan.duration", "ms", "Time the planner took to plan an uploaded roster.", advice: milliseconds);
        kitPages = meter.CreateCounter<int>("flashmentoring.kit.pages", "{page}", "Pages of printable kits made: in the background for the kit page and the host console, or as a direct PDF download.");
    }

    /// <summary>How many events the round clock saw running when it last looked at the schedule.</summary>
    public void EventsRunning(int count) => eventsRunning.Record(count);

    public void Connected() => connections.Add(1);

    public void Disconnected() => connections.Add(-1);

    /// <summary>
    /// A clock push to an event's connections has completed; <paramref name="since"/> is the <see cref="Stopwatch"/>
    /// timestamp of the change. <paramref name="trigger"/> is "schedule" (a round's time ran out), "host" (a command, a roster
    /// upload) or "resend" (a push lost while Redis was away, sent again).
    /// </summary>
    public void ClockPushed(string phase, string trigger, long since) =>
        fanOut.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds, new("phase", phase), new("trigger", trigger));

    /// <summary>The planner made a plan; <paramref name="since"/> is the <see cref="Stopwatch"/> timestamp it started at.</summary>
    public void PlanMade(long since)
    {
        plans.Add(1);
        planTime.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds);
    }

    public void KitMade(int pages) => kitPages.Add(pages);
}

public static class AppMetricsExtensions
{
    /// <summary>
    /// The meter is always there (cheap, and what the tests read). Export runs only when an OpenTelemetry collector is
    /// named with the standard variables, OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_METRICS_ENDPOINT (in the
    /// environment or any configuration source): the exporter then reads its protocol, headers and interval from the
    /// other standard OTEL_* variables, as every OpenTelemetry SDK does.
    /// </summary>
    public static IServiceCollection AddAppMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AppMetrics>();
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) && string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(AppMetrics.MeterName))
            .WithMetrics(metrics => metrics
                .AddMeter(AppMetrics.MeterName)
                .AddMeter("System.Runtime") // The runtime's own meter: memory, GC, thread pool.
                .AddAspNetCoreInstrumentation() // Requests, Kestrel connections, SignalR's WebSockets, rate-limit refusals.
                .AddOtlpExporter());
        return services;
    }
}
