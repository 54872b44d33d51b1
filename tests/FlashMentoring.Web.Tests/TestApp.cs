using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashMentoring.Web.Tests;

/// <summary>The real app over real HTTP, on a throw-away store: in memory, or a SQLite file in a folder the test owns.</summary>
public class TestApp : WebApplicationFactory<Program>
{
    /// <summary>When set, SQLite in this folder: two TestApps on the same folder are the app before and after a restart.</summary>
    public string? DataFolder { get; init; }

    /// <summary>When set, the app's clock: tests move time by hand instead of waiting for it.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>When set, also receives everything the app logs (e.g. a FakeLoggerProvider the test reads).</summary>
    public ILoggerProvider? Logs { get; init; }

    /// <summary>Extra configuration, e.g. Hosting:BehindProxy.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>Services added over the app's, e.g. a fault injected to provoke a real server error.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>A client that sends the host key of an event.</summary>
    public HttpClient HostClient(string hostKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Host-Key", hostKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:Provider", DataFolder is null ? "InMemory" : "Sqlite");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (DataFolder is not null)
        {
            builder.UseSetting("Storage:DataFolder", DataFolder);
        }

        if (Logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }

        if (Time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(Time));
        }

        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }
}
