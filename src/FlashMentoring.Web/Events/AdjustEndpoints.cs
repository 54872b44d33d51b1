using System.Numerics;
using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Kits;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Plans;
using Humanizer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Events;

/// <summary>A host's adjustment: <c>pin</c> (must meet), <c>forbid</c> (must not) or <c>clear</c> a mentee-mentor pair, by key.</summary>
public sealed record AdjustRequest(string? Kind, string? Mentee, string? Mentor);

/// <summary>Move a mentee (by key) to a table in a round to come; <c>swapWith</c> names a mentee at a full table to trade seats with.</summary>
public sealed record MoveRequest(string? Mentee, int Round, int Table, string? SwapWith = null);

/// <summary>What a change by hand did, in words, and the plan it made.</summary>
public sealed record ByHandResult(string Message, PlanResponse Plan, Reprint Reprint);

/// <summary>The change undo would take back; <c>Refused</c> says why it cannot be undone any more, null while it can.</summary>
public sealed record UndoView(string Label, int FirstRound, string? Refused);

/// <summary>What the host's adjust card needs: everyone to pick from, the rounds still open to moves, and the undo on offer.</summary>
public sealed record AdjustView(IReadOnlyList<PickPerson> Mentees, IReadOnlyList<PickPerson> Mentors, int Rounds, int RoundsBegun, UndoView? Undo);

/// <summary>
/// The host adjusts the plan by hand: pins and forbids before the event goes live (the engine re-plans around them),
/// a mentee moved to another table in a round to come, and undo of the last of these.
/// </summary>
public static class AdjustEndpoints
{
    public static IEndpointRouteBuilder MapAdjust(this IEndpointRouteBuilder app)
    {
        var host = app.MapHostRoutes().WithTags("Events");
        host.MapPost("/constraints", Adjust).WithSummary("Pin and forbid seats, and re-plan").AsHeavyWork("Re-plan");
        host.MapGet("/adjust", View).WithSummary("Read what can be adjusted");
        host.MapPost("/moves", Move).WithSummary("Move a mentee to another table");
        host.MapPost("/undo", Undo).WithSummary("Undo the last change by hand");
        return app;
    }

    internal static async Task<Results<Ok<AdjustView>, NotFound, ProblemHttpResult>> View(Guid id, HttpRequest request, AppDb db, TimeProvider time, PlanStore plans, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (await plans.LoadAsync(record, cancellationToken) is not { } loaded)
        {
            return NoPlan(texts);
        }

        var undo = await db.Plans.AsNoTracking().Where(p => p.EventId == id).Select(p => p.Undo).FirstOrDefaultAsync(cancellationToken);
        var sent = PlanPublisher.RoundsSent(record, time.GetUtcNow());
        var rotation = loaded.Plan.Rotation;
        return TypedResults.Ok(new AdjustView(
            rotation.Mentees.Select(p => HandChanges.Pick(p, null)).OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList(),
            rotation.Mentors.Select((p, j) => HandChanges.Pick(p, j + 1)).ToList(),
            rotation.Rounds,
            sent,
            undo is null ? null : new UndoView(undo.Label, undo.FirstRound, UndoRefusal(texts, record, undo, sent))));
    }

    internal static async Task<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>> Adjust(
        Guid id, AdjustRequest adjust, HttpRequest request, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        var kind = adjust.Kind?.Trim().ToLowerInvariant();
        if (kind is not ("pin" or "forbid" or "clear"))
        {
            return TypedResults.Problem(detail: texts.T("host.said.unknownKind", ("kind", adjust.Kind)), statusCode: StatusCodes.Status400BadRequest, title: texts.T("host.said.unknownKindTitle"));
        }

        return await publisher.OneAtATime<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            if (await plans.LoadAsync(record, cancellationToken) is not { } loaded)
            {
                return NoPlan(texts);
            }

            if (PlanPublisher.RoundsHeld(record, time.GetUtcNow()).Phase != Phase.Waiting)
            {
                return TypedResults.Problem(detail: texts.T("host.said.liveNoPins"), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.startedTitle"));
            }

            var before = loaded.Plan;
            var i = before.Rotation.MenteeIndex(adjust.Mentee ?? "");
            var j = before.Rotation.MentorIndex(adjust.Mentor ?? "");
            if (i < 0 || j < 0)
            {
                var unknown = i < 0 ? texts.T("host.said.unknownMentee", ("key", adjust.Mentee)) : texts.T("host.said.unknownMentor", ("key", adjust.Mentor));
                return TypedResults.Problem(detail: unknown, statusCode: StatusCodes.Status400BadRequest, title: texts.T("host.said.unknownPersonTitle"));
            }

            var (mentee, mentor) = (before.Rotation.Mentees[i], before.Rotation.Mentors[j]);
            var pair = (mentee.Key, mentor.Key);
            var pins = before.Constraints.Pins.Where(p => p != pair).ToList();
            var forbids = before.Constraints.Forbids.Where(p => p != pair).ToList();
            (kind == "pin" ? pins : kind == "forbid" ? forbids : []).Add(pair);
            (string, object?) who = ("mentee", mentee.Name), named = ("mentor", mentor.Name);
            if (kind != "clear" && (kind == "pin" ? before.Constraints.Forbids : before.Constraints.Pins).Contains(pair))
            {
                return kind == "pin"
                    ? TypedResults.Problem(detail: texts.T("host.said.wasForbidden", who, named), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.wasForbiddenTitle"))
                    : TypedResults.Problem(detail: texts.T("host.said.wasPinned", who, named), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.wasPinnedTitle"));
            }

            if (kind == "pin" && PinProblem(texts, before, i, j, pins) is { } problem)
            {
                return TypedResults.Problem(detail: problem, statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.pinUnmetTitle"));
            }

            // Before the start nobody has sat anywhere yet: plan again from scratch, then tell whoever's itinerary changed.
            var roles = new Core.Roster.RoleAssignment(before.Rotation.Mentors, before.Rotation.Mentees);
            var after = RotationEngine.Plan(roles, before.Settings, before.Constraints with { Pins = pins, Forbids = forbids }, before.Attendance, cancellationToken);
            if (kind == "pin" && !Enumerable.Range(1, after.Rotation.Rounds).Any(r => after.Rotation.MentorOf(r, i) == j))
            {
                return TypedResults.Problem(detail: texts.T("host.said.pinUnmet", who, named), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.pinUnmetTitle"));
            }

            // Kept for undo in the words of the host who made the change (the stored plan has no room for more).
            var label = texts.T(kind switch { "pin" => "host.said.labelPin", "forbid" => "host.said.labelForbid", _ => "host.said.labelClear" }, who, named);
            var change = Replanner.Compare(before, after, roundsHeld: 0);
            await Remember(db, record, before, label, HandChanges.FirstChangedRound(change, 0), cancellationToken);
            var told = await publisher.SaveAndTell(db, record, change, cancellationToken);
            // The kit may be printed already (hosts print days ahead): offer just what the new plan changed, as every re-plan does.
            return TypedResults.Ok(PlanResponse.From(after, loaded.Rejected, loaded.Warnings) with { Reprint = Reprint.Of(await PersonIds(db, id, cancellationToken), told, change.Changes) });
        }, cancellationToken);
    }

    /// <summary>
    /// Moves one mentee to another table in a round not yet begun; nobody else moves, except a mentee the host chose
    /// to swap seats with at a full table. Only the phones whose table (or tablemates) changed are told.
    /// </summary>
    internal static async Task<Results<Ok<ByHandResult>, NotFound, ProblemHttpResult>> Move(
        Guid id, MoveRequest move, HttpRequest request, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        return await publisher.OneAtATime<Results<Ok<ByHandResult>, NotFound, ProblemHttpResult>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            if (await plans.LoadAsync(record, cancellationToken) is not { } loaded)
            {
                return NoPlan(texts);
            }

            // A round whose tables phones already show (the change of tables before it has begun) is not moved in.
            var now = time.GetUtcNow();
            var held = PlanPublisher.RoundsHeld(record, now).Held;
            var outcome = HandChanges.Move(loaded.Plan, PlanPublisher.RoundsSent(record, now), move, texts);
            if (outcome.Refusal is { } no)
            {
                var extensions = no.Tablemates is null ? null : new Dictionary<string, object?> { ["tablemates"] = no.Tablemates };
                return TypedResults.Problem(detail: no.Detail, statusCode: no.Status, title: no.Title, extensions: extensions);
            }

            var change = Replanner.Compare(loaded.Plan, outcome.Plan!, held);
            await Remember(db, record, loaded.Plan, outcome.Summary, move.Round, cancellationToken);
            var told = await publisher.SaveAndTell(db, record, change, cancellationToken);
            return TypedResults.Ok(new ByHandResult($"{outcome.Summary}. {Told(texts, outcome.Plan!, told)}", PlanResponse.From(outcome.Plan!, loaded.Rejected, loaded.Warnings),
                Reprint.Of(await PersonIds(db, id, cancellationToken), told, change.Changes)));
        }, cancellationToken);
    }

    /// <summary>
    /// Puts back the plan from before the last change by hand, while no phone has been sent anywhere by it: the round
    /// it first changed has not begun, and nothing else changed the plan since.
    /// </summary>
    internal static async Task<Results<Ok<ByHandResult>, NotFound, ProblemHttpResult>> Undo(
        Guid id, HttpRequest request, AppDb db, TimeProvider time, PlanStore plans, PlanPublisher publisher, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        return await publisher.OneAtATime<Results<Ok<ByHandResult>, NotFound, ProblemHttpResult>>(db, id, async () =>
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            var stored = await db.Plans.FirstOrDefaultAsync(p => p.EventId == id, cancellationToken);
            if (await plans.LoadAsync(record, cancellationToken) is not { } loaded || stored?.Undo is not { } undo)
            {
                return TypedResults.Problem(detail: texts.T("host.said.nothingToUndo"), statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.nothingToUndoTitle"));
            }

            var now = time.GetUtcNow();
            var held = PlanPublisher.RoundsHeld(record, now).Held;
            var previous = HandChanges.Restore(loaded.Plan, undo);
            if ((UndoRefusal(texts, record, undo, PlanPublisher.RoundsSent(record, now)) ?? (previous is null ? texts.T("host.said.stale") : null)) is { } refused)
            {
                return TypedResults.Problem(detail: refused, statusCode: StatusCodes.Status409Conflict, title: texts.T("host.said.cannotUndoTitle"));
            }

            stored.Undo = null; // One level: what was undone cannot be undone again.
            var change = Replanner.Compare(loaded.Plan, previous!, held);
            var told = await publisher.SaveAndTell(db, record, change, cancellationToken);
            return TypedResults.Ok(new ByHandResult(texts.T("host.said.undone", ("change", undo.Label), ("told", Told(texts, previous!, told))), PlanResponse.From(previous!, loaded.Rejected, loaded.Warnings),
                Reprint.Of(await PersonIds(db, id, cancellationToken), told, change.Changes)));
        }, cancellationToken);
    }

    private static Task<Dictionary<string, long>> PersonIds(AppDb db, Guid id, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().Where(p => p.EventId == id).ToDictionaryAsync(p => p.Key, p => p.Id, StringComparer.Ordinal, cancellationToken);

    /// <summary>Who was told, by name: the host can check with them (the first few, then how many more).</summary>
    private static string Told(Texts texts, PlanResult plan, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return texts.T("host.said.toldNobody");
        }

        const int Named = 8;
        var names = plan.Rotation.Mentees.Concat(plan.Rotation.Mentors).ToDictionary(p => p.Key, p => p.Name, StringComparer.Ordinal);
        var shown = keys.Take(Named).Select(k => names.GetValueOrDefault(k, k)).ToList();
        if (keys.Count > Named)
        {
            shown.Add(texts.Plural("host.said.otherPeople", keys.Count - Named));
        }

        return texts.T("host.said.told", ("names", shown.Humanize(texts.T("host.said.and"))));
    }

    /// <summary>Why the change can no longer be undone, or null while it can.</summary>
    private static string? UndoRefusal(Texts texts, EventRecord record, PlanBefore undo, int sent)
    {
        if (sent >= undo.FirstRound)
        {
            return texts.T("host.said.undoBegun", ("round", undo.FirstRound));
        }

        return record.PlanVersion != undo.PlanVersion ? texts.T("host.said.stale") : null;
    }

    /// <summary>Keeps the plan from before a change by hand for undo, in the same save as the change.</summary>
    private static async Task Remember(AppDb db, EventRecord record, PlanResult before, string label, int firstRound, CancellationToken cancellationToken)
    {
        var stored = await db.Plans.FirstAsync(p => p.EventId == record.Id, cancellationToken);
        // PlanStore.Write bumps the version once when the change is saved: undo belongs to that version.
        stored.Undo = HandChanges.Snapshot(before, label, firstRound, record.PlanVersion + 1);
    }

    /// <summary>Why a pin could never be met, before asking the engine; null when it might.</summary>
    private static string? PinProblem(Texts texts, PlanResult plan, int i, int j, IReadOnlyList<(string Mentee, string Mentor)> pins)
    {
        var (mentee, mentor) = (plan.Rotation.Mentees[i], plan.Rotation.Mentors[j]);
        (string, object?) who = ("mentee", mentee.Name), named = ("mentor", mentor.Name);
        // Checked first: no other pin to clear would help a pair that is never at the same kind of table.
        if (plan.Scorer.Apart(i, j))
        {
            return texts.T(mentee.Online ? "host.said.pinApartOnline" : "host.said.pinApartInRoom", who, named);
        }

        if (plan.Scorer.Avoids(i, j))
        {
            return texts.T("host.said.pinAvoids", who, named);
        }

        var menteeRounds = BitOperations.PopCount(plan.Attendance.Mentees[i]);
        var common = BitOperations.PopCount(plan.Attendance.Mentees[i] & plan.Attendance.Mentors[j]);
        if (common == 0)
        {
            return texts.T("host.said.pinNoCommonRound", who, named);
        }

        var theirs = pins.Where(p => p.Mentee == mentee.Key).ToList();
        if (theirs.Count > menteeRounds)
        {
            return texts.Plural("host.said.pinTooMany", menteeRounds, who, ("pins", theirs.Count));
        }

        var room = plan.Settings.SeatsPerTable * BitOperations.PopCount(plan.Attendance.Mentors[j]);
        var pinnedToMentor = pins.Count(p => p.Mentor == mentor.Key);
        return pinnedToMentor > room
            ? texts.T("host.said.pinTableFull", named, ("room", room), ("pins", pinnedToMentor))
            : null;
    }

    private static ProblemHttpResult NoPlan(Texts texts) =>
        TypedResults.Problem(detail: texts.T("host.said.noPlan"), statusCode: StatusCodes.Status409Conflict, title: texts.T("checkin.said.noPlanTitle"));
}
