using System.Data.Common;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests;

/// <summary>
/// Runs a test's step just before the app saves, through EF Core's own interception: a fault (a full disk) on the
/// in-memory store or SQLite alike.
/// </summary>
public sealed class SaveHook(Func<DbContext, Task> beforeSave) : SaveChangesInterceptor
{
    /// <summary>Adds the hook to every <see cref="AppDb"/> the app makes.</summary>
    public void AddTo(IServiceCollection services) => services.ConfigureDbContext<AppDb>(o => o.AddInterceptors(this));

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await beforeSave(eventData.Context!);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        beforeSave(eventData.Context!).GetAwaiter().GetResult();
        return result;
    }
}

/// <summary>
/// Runs a test's step just before SQLite runs a query (given its SQL): a rival request can then land exactly between
/// a handler's reads, the way a slow plan lets it in production.
/// </summary>
public sealed class QueryHook(Func<string, Task> beforeQuery) : DbCommandInterceptor
{
    /// <summary>Adds the hook to every <see cref="AppDb"/> the app makes.</summary>
    public void AddTo(IServiceCollection services) => services.ConfigureDbContext<AppDb>(o => o.AddInterceptors(this));

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await beforeQuery(command.CommandText);
        return result;
    }
}
