using FlashMentoring.Core.Wording;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FlashMentoring.Web.Data;

/// <summary>
/// Ready when the database opens, reads as one and has every migration of this build applied: the SQLite file, or the
/// PostgreSQL database. The demo store lives in the process, so it is ready whenever the process answers.
/// </summary>
public sealed class StorageReadiness(IOptions<StorageOptions> options, IConfiguration configuration) : IHealthCheck
{
    // A load balancer asks every few seconds: a server that does not answer must make it "not ready", not a hang.
    private const int ConnectSeconds = 5;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        switch (options.Value.Provider)
        {
            case StorageOptions.InMemory:
                return HealthCheckResult.Healthy();
            case StorageOptions.Postgres:
                return await PostgresAsync(cancellationToken);
            default:
                break;
        }

        // A connection of its own rather than one from the pool: the question is whether the next connection opens the
        // file (the pool opens new ones as it goes, a restart nothing else), and an open handle keeps whatever access it
        // was given, whatever the file's owner or mode say now. ReadWrite without Create: a missing file is not ready,
        // and the check must not leave an empty one behind.
        var file = new SqliteConnectionStringBuilder { DataSource = options.Value.SqlitePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var db = new AppDb(new DbContextOptionsBuilder<AppDb>().UseSqlite(file.ToString()).Options);
        return Verdict((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count(), "the data file");
    }

    // Also a connection of its own: the pool's open connections say nothing about whether the server takes a new one.
    private async Task<HealthCheckResult> PostgresAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(StorageOptions.PostgresConnection(configuration)) { Pooling = false, Timeout = ConnectSeconds, CommandTimeout = ConnectSeconds };
        var server = StorageOptions.PostgresServer(connection.ConnectionString);
        try
        {
            await using var db = new PostgresDb(new DbContextOptionsBuilder<AppDb>().UseNpgsql(connection.ConnectionString).Options);
            // Opened first: EF reads a database that does not exist (dropped, or a wrong name) as one with every migration
            // still to apply, and the server's own words say more.
            await db.Database.OpenConnectionAsync(cancellationToken);
            return Verdict((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count(), $"the database {server}");
        }
        catch (Exception ex) when (StorageOptions.PostgresFailure(ex) is { } cause)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL at {server} (ConnectionStrings:Postgres) does not answer or refused the connection: {cause.Message}", ex);
        }
    }

    private static HealthCheckResult Verdict(int pending, string where) =>
        pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{Say.Count(pending, "migration")} not applied to {where}.");
}
