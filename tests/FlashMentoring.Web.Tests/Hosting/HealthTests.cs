using System.Net;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Hosting;

public sealed class HealthTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-health-").FullName;

    private string DataFile => Path.Combine(folder, "flashmentoring.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(HttpStatusCode Status, string Body)> Get(TestApp app, string path)
    {
        using var response = await app.CreateClient().GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AHealthyAppIsAliveAndReadyAndAProbeGetsNoCookie()
    {
        using var app = new TestApp { DataFolder = folder };

        using var alive = await app.CreateClient().GetAsync("/healthz");
        using var ready = await app.CreateClient().GetAsync("/readyz");

        alive.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Healthy");
        ready.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        // A load balancer asks every few seconds: it must not be handed a device cookie each time.
        alive.Headers.Contains("Set-Cookie").Should().BeFalse();
        ready.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task TheDemoStoreIsAlwaysReady()
    {
        using var app = new TestApp();

        (await Get(app, "/readyz")).Should().Be((HttpStatusCode.OK, "Healthy"));
    }

    [SqliteFact("Overwrites the SQLite file under the app; a PostgreSQL database has no file of the app's to spoil.")]
    public async Task ADataFileThatNoLongerReadsAsADatabaseIsNotReadyWhileTheProcessStillAnswers()
    {
        using var app = new TestApp { DataFolder = folder };
        (await Get(app, "/readyz")).Status.Should().Be(HttpStatusCode.OK);

        // Garbage over the file in place, as a failing disk or a bad restore leaves it. (chmod would not do: the tests
        // may run as root, whom no file mode stops.)
        File.WriteAllBytes(DataFile, Enumerable.Repeat((byte)0x5A, 8192).ToArray());

        (await Get(app, "/readyz")).Should().Be((HttpStatusCode.ServiceUnavailable, "Unhealthy"), "nothing of why may reach whoever asks");
        (await Get(app, "/healthz")).Should().Be((HttpStatusCode.OK, "Healthy"));
    }

    [SqliteFact("Removes the SQLite data folder; PostgresStorageTests drops the database instead.")]
    public async Task ADataFolderThatWentAwayIsNotReady()
    {
        using var app = new TestApp { DataFolder = folder };
        (await Get(app, "/readyz")).Status.Should().Be(HttpStatusCode.OK);

        // The volume is gone and something else stands at the file's path (the app's open connections still hold the
        // old file, which is why the check opens its own).
        Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(DataFile);

        (await Get(app, "/readyz")).Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await Get(app, "/healthz")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ADataFileBehindThisBuildsSchemaIsNotReady()
    {
        using var app = new TestApp { DataFolder = folder };
        (await Get(app, "/readyz")).Status.Should().Be(HttpStatusCode.OK);

        // As if an older build's backup were restored under the running app: its last migration is not applied.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var last = (await db.Database.GetAppliedMigrationsAsync()).Last();
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {last}""");
        }

        (await Get(app, "/readyz")).Status.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task TheContainersProbeExitsZeroOnlyWhileTheAppAnswers()
    {
        string url;
        using (var app = new TestApp())
        {
            app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            app.StartServer();
            url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/healthz";

            (await HealthProbe.RunAsync(["--health", url])).Should().Be(0);
        }

        (await HealthProbe.RunAsync(["--health", url])).Should().Be(1);
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/healthz")]
    [InlineData("5080", null, "http://127.0.0.1:5080/healthz")]
    [InlineData(null, "https://+:5443;http://0.0.0.0:5090", "http://127.0.0.1:5090/healthz")]
    [InlineData(null, "http://[::]:7000/", "http://127.0.0.1:7000/healthz")]
    public void TheProbeAsksThePortTheOperatorGaveTheApp(string? httpPorts, string? urls, string asked)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ASPNETCORE_HTTP_PORTS"] = httpPorts,
            ["ASPNETCORE_URLS"] = urls,
        }).Build();

        HealthProbe.LocalUrl(settings).Should().Be(asked);
    }

    [Fact]
    public async Task WithAllowedHostsNamedTheProbeIsStillLetIn()
    {
        using var app = new TestApp { Settings = { ["AllowedHosts"] = "flash.example.gov;*.hhs.gov" } };
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AllowedHosts"] = "flash.example.gov;*.hhs.gov" }).Build();
        var client = app.CreateClient();

        var asLocalhost = await client.GetAsync("/healthz");
        using var asTheProbe = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { Host = HealthProbe.HostName(settings) } };
        var answer = await client.SendAsync(asTheProbe);

        asLocalhost.StatusCode.Should().Be(HttpStatusCode.BadRequest, "host filtering turns away a name it was not given");
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
