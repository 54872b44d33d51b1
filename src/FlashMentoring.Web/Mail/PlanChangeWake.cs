using System.Runtime.CompilerServices;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlashMentoring.Web.Mail;

/// <summary>
/// Wakes the mail sender once a save that changed an event's plan has gone through, whichever endpoint made it: the
/// updates to mail are then queued within moments, without every way of re-planning having to know about e-mail.
/// The sender's periodic look catches a save this misses.
/// </summary>
public sealed class PlanChangeWake(MailQueue queue) : SaveChangesInterceptor
{
    // Contexts whose save in progress carries a new plan version.
    private readonly ConditionalWeakTable<DbContext, object> replanning = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Wake(eventData);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Wake(eventData);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private void Note(DbContextEventData eventData)
    {
        if (eventData.Context is { } context &&
            context.ChangeTracker.Entries<EventRecord>().Any(e => e.State == EntityState.Modified && e.Property(x => x.PlanVersion).IsModified))
        {
            replanning.AddOrUpdate(context, this);
        }
    }

    private void Wake(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && replanning.Remove(context))
        {
            queue.Wake();
        }
    }

    private void Forget(DbContextEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            replanning.Remove(context);
        }
    }
}
