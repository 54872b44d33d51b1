using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;

namespace FlashMentoring.Web.Events;

/// <summary>Every limit a form or a request must respect, in one answer, so the pages set their fields from it.</summary>
public sealed record LimitsView(
    int MaxRounds,
    int MaxSeatsPerTable,
    int MaxRoundMinutes,
    int MaxTransitionMinutes,
    int MaxTables,
    int MaxTitle,
    int MaxName,
    int MaxField,
    int MaxNote,
    long MaxRosterBytes,
    int MaxRosterPeople,
    int MaxRoundsWithoutEvent,
    int MaxSeatsWithoutEvent,
    int MaxPeopleWithoutEvent);

/// <summary>The limits of an event's settings; the engine's own (rounds, seats) come from the Core.</summary>
public static class EventLimits
{
    public const int MaxRoundMinutes = 120;

    public const int MaxTransitionMinutes = 30;

    /// <summary>
    /// Tables of a blank kit (a roster's mentors set their own number). A blank kit is made without an event, so its
    /// people (tables and seats) also stay within <see cref="PlanLimits.WithoutEvent"/>.
    /// </summary>
    public const int MaxTables = 100;

    /// <summary>
    /// First and last year an event may start in: wide for any real event, narrow enough that every clock time of its
    /// run of show (up to 40 rounds of two and a half hours) is still a date the calendar and the kit can print.
    /// </summary>
    public const int FirstYear = 2000;

    /// <inheritdoc cref="FirstYear"/>
    public const int LastYear = 2100;

    /// <summary>How far ahead an event may be created: a year covers any programme's planning.</summary>
    public const int MaxDaysAhead = 366;

    public static readonly LimitsView View = new(
        PlanSettings.MaxRounds,
        PlanSettings.MaxSeatsPerTable,
        MaxRoundMinutes,
        MaxTransitionMinutes,
        MaxTables,
        EventRecord.MaxTitle,
        PersonFields.MaxNameLength,
        PersonFields.MaxLength,
        AnswerRecord.MaxNote,
        RosterUpload.MaxBytes,
        RosterUpload.MaxLines,
        PlanLimits.WithoutEvent.MaxRounds,
        PlanLimits.WithoutEvent.MaxSeatsPerTable,
        PlanLimits.WithoutEvent.MaxPeople);

    /// <summary>Why an event cannot start on <paramref name="date"/>, or null.</summary>
    public static string? StartDateProblem(DateOnly date) =>
        date.Year is < FirstYear or > LastYear
            ? $"The event must start between the years {FirstYear} and {LastYear}; got {date:yyyy-MM-dd}."
            : null;

    /// <summary>Maps <c>GET /api/limits</c>.</summary>
    public static IEndpointRouteBuilder MapLimits(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/limits", () => TypedResults.Ok(View)).WithSummary("Size limits of plans, kits and events").WithTags("Events");
        return app;
    }
}
