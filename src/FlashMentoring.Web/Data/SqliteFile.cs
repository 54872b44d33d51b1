using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlashMentoring.Web.Data;

/// <summary>
/// Deleted personal data leaves no trace in the SQLite file: every connection overwrites what it deletes with zeros
/// (<c>secure_delete</c>) instead of leaving it in free pages, and after an event is erased the write-ahead log, whose
/// older frames still hold the pages as they were, is copied into the file and emptied.
/// </summary>
public sealed class SqliteFile : DbConnectionInterceptor
{
    /// <summary>The one instance the storage registers (the interceptor holds no state).</summary>
    public static readonly SqliteFile Interceptor = new();

    // A per-connection setting: run on every open, since a pooled connection may be new to the file.
    private const string Pragmas = "PRAGMA secure_delete = ON;";

    private SqliteFile()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>After personal data was deleted: checkpoints the write-ahead log into the file and truncates it (SQLite only).</summary>
    public static async Task ForgetDeletedAsync(AppDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
