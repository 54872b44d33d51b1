using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace FlashMentoring.Web.Tests.Hosting;

/// <summary>
/// The export pipeline an operator's collector is fed from. OpenTelemetry listens to every meter of the app's name in
/// the process, so beside other tests' apps it would count their round changes too: these run on their own.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class ExportedMetricsTests
{
    [Fact]
    public async Task WithMetricsOnTheExportedFanOutHistogramCountsEachRoundChange()
    {
        // What an operator's collector is handed: the export pipeline's own data points, read through a second reader
        // beside the OTLP one, whose collector (a port nothing listens on) refuses at once.
        var exported = new List<MetricSnapshot>();
        var settings = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9", ["OTEL_METRIC_EXPORT_INTERVAL"] = "3600000" };
        using var app = new TestApp
        {
            Settings = settings,
            TestServices = services => services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported)),
        };
        var created = await MetricsTests.PlannedEvent(app);
        var provider = app.Services.GetRequiredService<MeterProvider>();

        await MetricsTests.PressAsync(app, created, "start");
        await MetricsTests.PressAsync(app, created, "skip", new { expectedRound = 1 });
        // Every reader collects now; the answer is false only because the OTLP one found no collector.
        provider.ForceFlush();

        var fanOut = exported.Where(m => m.Name == "flashmentoring.clock.fanout.duration").Should().ContainSingle().Subject;
        fanOut.Unit.Should().Be("ms");
        var points = fanOut.MetricPoints.Select(p => (Tags: Tags(p), Count: p.GetHistogramCount(), Sum: p.GetHistogramSum())).ToList();
        points.Should().Contain(p => p.Tags == "phase=round trigger=host" && p.Count == 1, "the start is one round change");
        points.Should().Contain(p => p.Tags == "phase=transition trigger=host" && p.Count == 1, "the skip to the change of tables is another");
        points.Sum(p => p.Count).Should().Be(2);
        points.Should().OnlyContain(p => p.Sum >= 0);
    }

    private static string Tags(MetricPoint point)
    {
        var tags = new List<string>();
        foreach (var tag in point.Tags)
        {
            tags.Add($"{tag.Key}={tag.Value}");
        }

        return string.Join(' ', tags.Order(StringComparer.Ordinal));
    }
}
