using System.ComponentModel.DataAnnotations;
using FlashMentoring.Core.Live;
using FlashMentoring.Web.Data;
using Microsoft.Extensions.Options;

namespace FlashMentoring.Web.Events;

/// <summary>How long an event's personal data is kept (section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Days an event that ran is kept after it ends: time for the follow-up (reports, pairs, exports).</summary>
    [Range(1, 3650, ErrorMessage = "Retention:AfterEndDays must be 1 to 3650 days.")]
    public int AfterEndDays { get; set; } = 90;

    /// <summary>
    /// Days an event that never started is kept after its date. Nothing was collected at it (no ratings, no choices), so
    /// it needs no follow-up: a month lets a host who ran it on paper take the roster for the next one.
    /// </summary>
    [Range(1, 3650, ErrorMessage = "Retention:DraftDays must be 1 to 3650 days.")]
    public int DraftDays { get; set; } = 30;

    /// <summary>How often the retention job looks for events past their time.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Retention:CheckEvery must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The retention rules as the privacy notice states them, for the pages.</summary>
/// <param name="AfterEndDays">Days an event that ran is kept after it ends.</param>
/// <param name="DraftDays">Days an event that never started is kept after its date.</param>
/// <param name="StoredPerDevice">Events one device may keep at a time.</param>
public sealed record RetentionView(int AfterEndDays, int DraftDays, int StoredPerDevice);

/// <summary>
/// When an event's personal data goes. An event that ran (its clock was started) is deleted
/// <see cref="RetentionOptions.AfterEndDays"/> after it ends: when its clock finished (the last round ran out or the host
/// ended it), or, for one left unfinished (paused, abandoned), at its scheduled end. An event whose clock never started is a
/// draft, deleted <see cref="RetentionOptions.DraftDays"/> after its scheduled end. The scheduled end is the start plus every
/// round and transition (rounds x (round + transition minutes)); an event created after its own date counts from its
/// creation instead, so a date typed in the past never deletes a new event at once.
/// </summary>
public static class Retention
{
    /// <summary>When the event is due to end by its settings.</summary>
    public static DateTimeOffset ScheduledEnd(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var end = e.StartsAt + TimeSpan.FromMinutes((double)e.Rounds * (e.RoundMinutes + e.TransitionMinutes));
        return end > e.CreatedAt ? end : e.CreatedAt;
    }

    /// <summary>True for an event whose clock was never started.</summary>
    public static bool IsDraft(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.ClockPhase == nameof(Phase.Waiting);
    }

    /// <summary>When the event ended, or is due to end.</summary>
    public static DateTimeOffset EndsAt(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.EndedAt ?? ScheduledEnd(e);
    }

    /// <summary>The instant from which the retention job deletes the event with its personal data.</summary>
    public static DateTimeOffset DeleteAfter(EventRecord e, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return IsDraft(e) ? ScheduledEnd(e).AddDays(options.DraftDays) : EndsAt(e).AddDays(options.AfterEndDays);
    }

    /// <summary>Registers the retention rules, the eraser both the host and the retention job use, and the job.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration("Retention").ValidateDataAnnotations()
            .Validate(o => o.DraftDays <= o.AfterEndDays, "Retention:DraftDays must not exceed Retention:AfterEndDays: an event that never ran is kept no longer than one that did.")
            .ValidateOnStart();
        services.AddScoped<EventErasure>();
        services.AddHostedService<RetentionJob>();
        return services;
    }

    /// <summary>Maps <c>GET /api/retention</c>: the numbers the privacy notice and the host console state.</summary>
    public static IEndpointRouteBuilder MapRetention(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/retention", (IOptions<RetentionOptions> retention, IOptions<CreationOptions> creation) =>
            TypedResults.Ok(new RetentionView(retention.Value.AfterEndDays, retention.Value.DraftDays, creation.Value.StoredPerDevice))).WithSummary("How long personal data is kept").WithTags("Events");
        return app;
    }
}
