using FlashMentoring.Core.Live;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Online;
using FlashMentoring.Web.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>How phones reach the event.</summary>
public sealed record JoinInfo(string JoinUrl, string JoinCode, bool ReachableFromLan, string BoardUrl);

/// <summary>A table on the projector: number and mentor, and how many mentees sit there (a number for the page to word; Summary says it in the event's language).</summary>
public sealed record BoardTable(int Table, string Mentor, string Agency, string Summary, int Mentees);

/// <summary>The projector's view: public, no personal details beyond mentors' names.</summary>
/// <param name="Prompt">The conversation starter of the round on (during the change of tables, the coming round's), in the event's language; null when none.</param>
/// <param name="PromptKey">The prompt's text key when it is the format's default (a page words it in its own language); null for the host's own.</param>
/// <param name="Language">The event's language, which the board shows in (the host picks it).</param>
public sealed record BoardView(Guid EventId, string Title, DateTimeOffset StartsAt, string JoinUrl, string JoinCode, IReadOnlyList<IReadOnlyList<BoardTable>> Rounds, ClockView Clock, string? Prompt, string? PromptKey, string Language);

/// <summary>What the room sees: the projector board, the join link and its QR code. Public: no host key, no personal data.</summary>
public static class BoardEndpoints
{
    public static IEndpointRouteBuilder MapBoard(this IEndpointRouteBuilder app)
    {
        var events = app.MapPublicEventRoutes().WithTags("Board");
        events.MapGet("/join", Join).WithSummary("The join link and code");
        events.MapGet("/join-qr.svg", JoinQr).WithSummary("The join link as a QR code").ProducesFile("image/svg+xml");
        events.MapGet("/board", Board).WithSummary("What the projector board shows");
        return app;
    }

    internal static async Task<Results<Ok<JoinInfo>, NotFound>> Join(Guid id, HttpRequest request, AppDb db, JoinLinks links, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var (origin, reachable) = links.Origin(request);
        return TypedResults.Ok(new JoinInfo(origin + JoinLinks.JoinPath(record.JoinCode), record.JoinCode, reachable, $"{origin}/board/{record.Id}"));
    }

    internal static async Task<Results<ContentHttpResult, NotFound>> JoinQr(Guid id, HttpRequest request, AppDb db, JoinLinks links, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var (origin, _) = links.Origin(request);
        return TypedResults.Content(JoinLinks.QrSvg(origin + JoinLinks.JoinPath(record.JoinCode)), "image/svg+xml");
    }

    internal static async Task<Results<Ok<BoardView>, NotFound>> Board(Guid id, HttpRequest request, AppDb db, PlanStore plans, JoinLinks links, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var texts = Texts.For(record.Language);
        var rounds = new List<IReadOnlyList<BoardTable>>();
        if (await plans.LoadAsync(record, cancellationToken) is { } loaded)
        {
            var rotation = loaded.Plan.Rotation;
            for (var round = 1; round <= rotation.Rounds; round++)
            {
                rounds.Add(Enumerable.Range(0, rotation.Mentors.Count)
                    .Where(j => loaded.Plan.Attendance.MentorThere(j, round))
                    .Select(j => (Mentor: j, Mentees: rotation.MenteesAt(round, j).Count))
                    .Select(x => new BoardTable(x.Mentor + 1, record.BoardFirstNamesOnly ? FirstName(rotation.Mentors[x.Mentor].Name) : rotation.Mentors[x.Mentor].Name, rotation.Mentors[x.Mentor].Agency,
                        texts.Plural("board.mentees", x.Mentees), x.Mentees))
                    .ToList());
            }
        }

        var (origin, _) = links.Origin(request);
        var now = time.GetUtcNow();
        var clock = ClockStore.Now(record, now);
        var prompted = PromptRound(record, clock);
        return TypedResults.Ok(new BoardView(record.Id, record.Title, record.StartsAt, origin + JoinLinks.JoinPath(record.JoinCode), record.JoinCode, rounds, ClockStore.View(record, clock, now),
            prompted is { } r ? OnlineRooms.PromptFor(record, r, texts) : null, prompted is { } k ? OnlineRooms.PromptKeyFor(record, k) : null, texts.Code));
    }

    // The board shows the prompt of the round people sit at now, or are walking to during the change of tables.
    private static int? PromptRound(EventRecord record, ClockState clock)
    {
        var round = ClockStore.SeatedRound(clock);
        return clock.Phase is Phase.Waiting or Phase.Finished || round < 1 || round > record.Rounds ? null : round;
    }

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
}
