using System.Collections.Concurrent;
using FlashMentoring.Kits;

namespace FlashMentoring.Web.Kits;

/// <summary>A kit being made in the background, so the page can show how far along it is.</summary>
public sealed class KitJob
{
    public Guid Id { get; } = Guid.NewGuid();

    public DateTimeOffset Started { get; init; }

    public required string FileName { get; init; }

    /// <summary>Pages made so far and the estimate of the total (the bar's 100%).</summary>
    public int Pages { get; set; }

    public int EstimatedPages { get; init; }

    public string? Part { get; set; }

    public KitResult? Result { get; set; }

    public string? Error { get; set; }

    /// <summary>Completes when the kit is made or has failed.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;
}

/// <summary>What a job reports to the page.</summary>
public sealed record KitJobView(Guid Id, string State, int Pages, int EstimatedPages, string? Part, string? Error, string? Download);

/// <summary>Runs kit jobs one at a time per request, keeps finished PDFs for 15 minutes, then forgets them.</summary>
public sealed class KitJobs(TimeProvider time, ILogger<KitJobs> log)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<Guid, KitJob> jobs = new();

    public KitJob Start(string fileName, int estimatedPages, Func<IProgress<string>, Action<int>, KitResult> make)
    {
        ArgumentNullException.ThrowIfNull(make);
        foreach (var old in jobs.Values.Where(j => time.GetUtcNow() - j.Started > KeepFor))
        {
            jobs.TryRemove(old.Id, out _);
        }

        var job = new KitJob { FileName = fileName, EstimatedPages = Math.Max(1, estimatedPages), Started = time.GetUtcNow() };
        jobs[job.Id] = job;
        job.Completion = Task.Run(() =>
        {
            try
            {
                job.Result = make(new Progress<string>(part => job.Part = part), pages => job.Pages = pages);
                job.Pages = job.Result.Pages;
                LogOverflows(log, job.Result);
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Kit job {Id} failed", job.Id);
                job.Error = "The kit could not be made: " + ex.Message;
            }
        });
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

    public KitJob? Find(Guid id) => jobs.TryGetValue(id, out var job) ? job : null;

    public static KitJobView View(KitJob job) => new(
        job.Id,
        job.Error is not null ? "failed" : job.Result is not null ? "done" : "working",
        job.Pages,
        Math.Max(job.EstimatedPages, job.Pages),
        job.Part,
        job.Error,
        job.Result is not null ? $"/api/kits/jobs/{job.Id}/{job.FileName}" : null);
}
