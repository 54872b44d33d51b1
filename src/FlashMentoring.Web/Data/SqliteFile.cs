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

    // A per-connection setting. EF opens a pooled connection for every query; the setting sticks to the pooled
    // SQLite handle, so it is run once per handle rather than before every query.
    private const string Pragmas = "PRAGMA secure_delete = ON;";

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> done = [];

    private SqliteFile()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadySet(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (AlreadySet(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // True when this physical connection has had the pragma; otherwise remembers that it is about to.
    private bool AlreadySet(DbConnection connection)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle })
        {
            return false;
        }

        lock (done)
        {
            if (done.TryGetValue(handle, out _))
            {
                return true;
            }

            done.Add(handle, handle);
            return false;
        }
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
