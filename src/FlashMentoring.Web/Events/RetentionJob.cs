using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashMentoring.Web.Events;

/// <summary>
/// Deletes every event whose time is up (<see cref="Retention"/>) with its personal data: once at start, then every
/// <see cref="RetentionOptions.CheckEvery"/> on the app's TimeProvider, so tests move time by hand. Each deletion is
/// logged by event id and counts, never by name, title or e-mail.
/// </summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider time, IOptions<RetentionOptions> options, ILogger<RetentionJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed sweep is tried again at the next check; the app carries on.
                log.LogError(ex, "Retention: the check for events past their time failed; trying again in {CheckEvery}.", options.Value.CheckEvery);
            }

            await Task.Delay(options.Value.CheckEvery, time, stoppingToken);
        }
    }

    /// <summary>Deletes the events whose time is up now; returns what went.</summary>
    internal async Task<IReadOnlyList<ErasedEvent>> SweepAsync(CancellationToken cancellationToken)
    {
        var rules = options.Value;
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        // Event rows are small (no people in them); the rule's date arithmetic is not something SQLite can index.
        var due = (await db.Events.AsNoTracking().ToListAsync(cancellationToken)).Where(e => Retention.DeleteAfter(e, rules) <= now).ToList();
        var erased = new List<ErasedEvent>();
        foreach (var record in due)
        {
            var erasure = scope.ServiceProvider.GetRequiredService<EventErasure>();
            if (await erasure.EraseAsync(record.Id, e => Retention.DeleteAfter(e, rules) <= now, cancellationToken) is not { } gone)
            {
                continue; // Deleted by its host meanwhile, or started since it was found.
            }

            erased.Add(gone);
            var why = Retention.IsDraft(record)
                ? $"never started, {rules.DraftDays} days after its date {Retention.ScheduledEnd(record):yyyy-MM-dd}"
                : $"ended {Retention.EndsAt(record):yyyy-MM-dd}, kept {rules.AfterEndDays} days";
            log.LogInformation(
                "Retention: deleted event {EventId} ({Why}) with {People} people, {Answers} answers, {Choices} choices and {Pairs} pairs",
                gone.Id, why, gone.People, gone.Answers, gone.Choices, gone.Pairs);
        }

        return erased;
    }
}
