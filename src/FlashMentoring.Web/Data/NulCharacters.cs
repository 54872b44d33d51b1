using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlashMentoring.Web.Data;

/// <summary>
/// U+0000 in text. PostgreSQL refuses it in a text column, in jsonb and in a query's parameters, where SQLite stores it
/// as it came: a title, a prompt or a roster field with one would be a server error on one store and a row on the
/// other. It is nothing anyone can read, so every store drops it, from what is saved and from what is looked up: the
/// same text is kept, and found, on either.
/// </summary>
public sealed class NulCharacters : DbCommandInterceptor
{
    /// <summary>The one instance the storage registers (it holds no state).</summary>
    public static readonly NulCharacters Interceptor = new();

    private NulCharacters()
    {
    }

    /// <summary>Drops U+0000 from the text of every row about to be saved, list items and JSON documents' fields included.</summary>
    public static void DropFromChanges(ChangeTracker changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                switch (property.CurrentValue)
                {
                    case string text when text.Contains('\0', StringComparison.Ordinal):
                        property.CurrentValue = Without(text);
                        break;
                    case List<string> items when items.Exists(i => i is not null && i.Contains('\0', StringComparison.Ordinal)):
                        property.CurrentValue = items.ConvertAll(Without);
                        break;
                    default:
                        break;
                }
            }
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        DropFromParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        DropFromParameters(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        DropFromParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        DropFromParameters(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        DropFromParameters(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        DropFromParameters(command);
        return ValueTask.FromResult(result);
    }

    // What is looked up: an e-mail typed with a NUL finds the row saved without it.
    private static void DropFromParameters(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (DbParameter parameter in command.Parameters)
        {
            switch (parameter.Value)
            {
                case string text when text.Contains('\0', StringComparison.Ordinal):
                    parameter.Value = Without(text);
                    break;
                case string[] items when Array.Exists(items, i => i is not null && i.Contains('\0', StringComparison.Ordinal)):
                    parameter.Value = Array.ConvertAll(items, Without);
                    break;
                case List<string> items when items.Exists(i => i is not null && i.Contains('\0', StringComparison.Ordinal)):
                    parameter.Value = items.ConvertAll(Without);
                    break;
                default:
                    break;
            }
        }
    }

    private static string Without(string text) => text?.Replace("\0", "", StringComparison.Ordinal)!;
}
