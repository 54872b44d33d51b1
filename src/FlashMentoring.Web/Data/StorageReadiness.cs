using FlashMentoring.Core.Wording;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FlashMentoring.Web.Data;

/// <summary>
/// Ready when the data file opens, reads as a database and has every migration of this build applied. The demo store
/// lives in the process, so it is ready whenever the process answers.
/// </summary>
public sealed class StorageReadiness(IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.Provider == "InMemory")
        {
            return HealthCheckResult.Healthy();
        }

        // A connection of its own rather than one from the pool: the question is whether the next connection opens the
        // file (the pool opens new ones as it goes, a restart nothing else), and an open handle keeps whatever access it
        // was given, whatever the file's owner or mode say now. ReadWrite without Create: a missing file is not ready,
        // and the check must not leave an empty one behind.
        var file = new SqliteConnectionStringBuilder { DataSource = options.Value.SqlitePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var db = new AppDb(new DbContextOptionsBuilder<AppDb>().UseSqlite(file.ToString()).Options);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{Say.Count(pending, "migration")} not applied to the data file.");
    }
}
