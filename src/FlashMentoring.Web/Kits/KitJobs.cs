using System.Collections.Concurrent;
using FlashMentoring.Core.Roster;
using FlashMentoring.Kits;
using FlashMentoring.Web.Hosting;

namespace FlashMentoring.Web.Kits;

/// <summary>A kit being made in the background, so the page can show how far along it is.</summary>
public sealed class KitJob
{
    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The event whose kit this is (it prints personal links): only its host key reads it, and it goes with the event.</summary>
    public Guid? EventId { get; init; }

    public DateTimeOffset Started { get; init; }

    public required string FileName { get; init; }

    /// <summary>Pages made so far and the estimate of the total (the bar's 100%).</summary>
    public int Pages { get; set; }

    public int EstimatedPages { get; init; }

    public string? Part { get; set; }

    public KitResult? Result { get; set; }

    public string? Error { get; set; }

    /// <summary>What the roster import noticed, for a kit made from an uploaded roster (none for the others).</summary>
    public KitNotes Notes { get; init; } = KitNotes.None;

    /// <summary>Completes when the kit is made, has failed or was stopped.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <summary>Cancelled when nobody can want the kit any more: its event was deleted, or it expired.</summary>
    internal CancellationTokenSource Stop { get; } = new();

    /// <summary>Where the page asks how far along the job is.</summary>
    public string StatusPath => EventId is { } id ? $"/api/events/{id}/kit-jobs/{Id}" : $"/api/kits/jobs/{Id}";
}

/// <summary>The roster lines a kit left out and the warnings on lines it took, for the page to name them.</summary>
public sealed record KitNotes(IReadOnlyList<RejectedLine> Rejected, IReadOnlyList<RosterWarning> Warnings)
{
    public static readonly KitNotes None = new([], []);
}

/// <summary>What a job reports to the page, with the roster lines it left out (as the planner's answer names them).</summary>
public sealed record KitJobView(Guid Id, string State, int Pages, int EstimatedPages, string? Part, string? Error, string? Download, string Status,
    IReadOnlyList<RejectedLine> Rejected, IReadOnlyList<RosterWarning> Warnings);

/// <summary>
/// Runs kit jobs in the background, each in a slot of the heavy-work gate that the request took; keeps finished PDFs
/// for 15 minutes, then forgets them. An event's jobs stop and go when the event is deleted.
/// </summary>
public sealed class KitJobs(TimeProvider time, AppMetrics metrics, ILogger<KitJobs> log)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<Guid, KitJob> jobs = new();

    /// <summary>Starts a job in <paramref name="slot"/>, which it gives back when the kit is made, has failed or was stopped.</summary>
    public KitJob Start(string fileName, int estimatedPages, Guid? eventId, HeavyWorkSlot slot, Func<IProgress<string>, Action<int>, CancellationToken, KitResult> make, KitNotes? notes = null)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(make);
        foreach (var old in jobs.Values.Where(j => time.GetUtcNow() - j.Started > KeepFor))
        {
            Drop(old);
        }

        var job = new KitJob { FileName = fileName, EstimatedPages = Math.Max(1, estimatedPages), Started = time.GetUtcNow(), EventId = eventId, Notes = notes ?? KitNotes.None };
        var stop = job.Stop.Token;
        slot.Watch(stop);
        jobs[job.Id] = job;
        job.Completion = Task.Run(() =>
        {
            using (slot)
            {
                try
                {
                    var result = make(new Progress<string>(part => job.Part = part), pages => job.Pages = pages, stop);
                    job.Pages = result.Pages;
                    job.Result = result;
                    metrics.KitMade(result.Pages);
                    LogOverflows(log, result);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    slot.Abandon(cancelled: true);
                    job.Error = "The kit was stopped: its event was deleted, or it was kept too long.";
                }
                catch (Exception ex)
                {
                    log.LogError(ex, "Kit job {Id} failed", job.Id);
                    job.Error = "The kit could not be made: " + ex.Message;
                }
            }
        }, CancellationToken.None);
        return job;
    }

    /// <summary>
    /// Text the layout had to cut to fit is logged by page and place, so no clipped name goes unnoticed; never the text
    /// itself, which is mostly a person's name, and logs outlive the event's personal data.
    /// </summary>
    public static void LogOverflows(ILogger log, KitResult kit)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(kit);
        foreach (var o in kit.Report.Overflows)
        {
            log.LogWarning("Kit text cut to fit on page {Page} ({Where}, {Length} characters)", o.Page, o.Where, o.Text.Length);
        }
    }

    /// <summary>A job made without an event; an event's jobs are found only with <see cref="FindForEvent"/>.</summary>
    public KitJob? Find(Guid id) => jobs.TryGetValue(id, out var job) && job.EventId is null ? job : null;

    /// <summary>A job made for this event.</summary>
    public KitJob? FindForEvent(Guid eventId, Guid id) => jobs.TryGetValue(id, out var job) && job.EventId == eventId ? job : null;

    /// <summary>Stops the event's jobs and forgets them, PDFs included (they print everyone's personal link).</summary>
    public void ForgetEvent(Guid eventId)
    {
        foreach (var job in jobs.Values.Where(j => j.EventId == eventId))
        {
            Drop(job);
        }
    }

    public static KitJobView View(KitJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(
            job.Id,
            job.Error is not null ? "failed" : job.Result is not null ? "done" : "working",
            job.Pages,
            Math.Max(job.EstimatedPages, job.Pages),
            job.Part,
            job.Error,
            job.Result is not null ? $"{job.StatusPath}/{job.FileName}" : null,
            job.StatusPath,
            job.Notes.Rejected,
            job.Notes.Warnings);
    }

    private void Drop(KitJob job)
    {
        if (jobs.TryRemove(job.Id, out _))
        {
            job.Stop.Cancel();
        }
    }
}
