using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FlashMentoring.Web.Tests.Data;

/// <summary>
/// What an operator meets with <c>Storage:Provider=Postgres</c>: start-up, several nodes on one database, and the
/// readiness probe. These run on every test run, on the test process's own PostgreSQL.
/// </summary>
public sealed class PostgresStorageTests
{
    private static Dictionary<string, string> On(string database) => new() { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = database };

    [Fact]
    public async Task TwoNodesStartingTogetherOnAnEmptyDatabaseBothComeUpOnOneSchema()
    {
        var database = await TestPostgres.NewEmptyDatabaseAsync();
        var hold = new MigrationHold();
        using var first = new TestApp { Settings = On(database), TestServices = s => s.ConfigureDbContext<AppDb>(o => o.AddInterceptors(hold)) };
        using var second = new TestApp { Settings = On(database) };

        // The first node is part-way through the migrations when the second starts: the second waits for it.
        var firstStarting = Task.Run(first.CreateClient);
        await hold.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var secondStarting = Task.Run(second.CreateClient);
        await WaitForALockWaitAsync(database);
        hold.Release.SetResult();
        var clients = await Task.WhenAll(firstStarting, secondStarting);

        foreach (var client in clients)
        {
            (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var created = await clients[0].PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2027-03-01T09:00:00-05:00", rounds = 2, seatsPerTable = 1 });
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        (await clients[1].GetAsync($"/api/events/{id}")).StatusCode.Should().Be(HttpStatusCode.OK, "both nodes read the one database");
        using var scope = second.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
    }

    [Fact]
    public void WithoutAConnectionStringTheAppRefusesToStartAndNamesTheSetting()
    {
        using var app = new TestApp { Settings = { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = "" } };

        var start = () => app.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*ConnectionStrings:Postgres is not set*ConnectionStrings__Postgres*");
    }

    [Fact]
    public void AServerThatDoesNotAnswerStopsTheStartAndSaysWhereTheAppLooked()
    {
        var nobody = $"Host=127.0.0.1;Port={LocalServers.FreePort()};Database=flashmentoring;Username=flash;Timeout=5";
        using var app = new TestApp { Settings = On(nobody) };

        var start = () => app.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("PostgreSQL at 127.0.0.1:*/flashmentoring (ConnectionStrings:Postgres) could not be reached*");
    }

    [Fact]
    public async Task AServerThatDoesNotAnswerIsNotReadyAndTheLogSaysWhere()
    {
        var port = LocalServers.FreePort();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = $"Host=127.0.0.1;Port={port};Database=flashmentoring" }).Build();
        var readiness = new StorageReadiness(Options.Create(new StorageOptions { Provider = StorageOptions.Postgres }), settings);

        var result = await readiness.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().StartWith($"PostgreSQL at 127.0.0.1:{port}/flashmentoring (ConnectionStrings:Postgres) does not answer");
    }

    [Fact]
    public async Task ADatabaseThatWentAwayIsNotReadyWhileTheProcessStillAnswers()
    {
        var database = await TestPostgres.NewDatabaseAsync();
        using var app = new TestApp { Settings = On(database) };
        var client = app.CreateClient();
        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        TestPostgres.Drop(database);

        var ready = await client.GetAsync("/readyz");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Be("Unhealthy", "nothing of why may reach whoever asks");
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        var report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        report.Entries["storage"].Description.Should().Contain(new NpgsqlConnectionStringBuilder(database).Database).And.Contain("ConnectionStrings:Postgres");
    }

    // The second node's wait for the first one's migration lock is the server's to see: polled, as nothing announces it.
    private static async Task WaitForALockWaitAsync(string database)
    {
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", admin) { Parameters = { new() { Value = name } } };
            if ((long)(await command.ExecuteScalarAsync(timeout.Token))! > 0)
            {
                return;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Stops a node's migrations where it creates the first table (it holds the migration lock then) until released.</summary>
    private sealed class MigrationHold : DbCommandInterceptor
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await HoldAsync(command);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            HoldAsync(command).GetAwaiter().GetResult();
            return result;
        }

        private async Task HoldAsync(DbCommand command)
        {
            if (command.CommandText.Contains("CREATE TABLE \"Events\"", StringComparison.Ordinal) && Reached.TrySetResult())
            {
                await Release.Task;
            }
        }
    }
}
