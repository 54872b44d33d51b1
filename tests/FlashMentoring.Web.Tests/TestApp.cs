using FlashMentoring.Web.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashMentoring.Web.Tests;

/// <summary>
/// The real app over real HTTP, on a throw-away store: in memory, or a SQLite file in a folder the test owns. With
/// FLASHMENTORING_TEST_STORAGE=Postgres, a PostgreSQL database of its own instead (<see cref="TestPostgres"/>).
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    private string? postgres;

    /// <summary>
    /// When set, SQLite in this folder: two TestApps on the same folder are the app before and after a restart. On the
    /// Postgres run, the folder stands for a database of its own, which the two apps share the same way.
    /// </summary>
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

    /// <summary>The smallest roster an event's clock can start with: one mentor, two mentees.</summary>
    public const string TinyRoster = "role,name\nmentor,Mona\nmentee,Ann\nmentee,Ben\n";

    /// <summary>Uploads a roster to the event: its clock starts only once someone is on it.</summary>
    public async Task UploadRosterAsync(CreatedEvent created, string csv = TinyRoster)
    {
        ArgumentNullException.ThrowIfNull(created);
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        (await HostClient(created.HostKey).PutAsync($"/api/events/{created.Id}/roster", content)).EnsureSuccessStatusCode();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A test that names its own database (two nodes on one) gets no other.
        if (TestPostgres.Selected && !Settings.ContainsKey("ConnectionStrings:Postgres"))
        {
            postgres ??= DataFolder is null ? TestPostgres.NewDatabase() : TestPostgres.DatabaseFor(DataFolder);
            builder.UseSetting("Storage:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", postgres);
        }
        else
        {
            builder.UseSetting("Storage:Provider", DataFolder is null ? "InMemory" : "Sqlite");
        }

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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // A folder's database outlives its app (the next app on the folder is the restart); this app's own does not.
        if (disposing && postgres is not null && DataFolder is null)
        {
            TestPostgres.Drop(postgres);
            postgres = null;
        }
    }
}
