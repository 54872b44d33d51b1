using System.Collections.Concurrent;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace FlashMentoring.Web.Plans;

/// <summary>An event's plan as the engine holds it, with what the roster import left out.</summary>
/// <param name="Version">The event's plan version this was read at.</param>
/// <param name="Plan">Rotation, quality, scorer, attendance and constraints.</param>
/// <param name="Rejected">Roster lines that were not imported.</param>
/// <param name="Warnings">Imported lines worth a look.</param>
public sealed record EventPlan(int Version, PlanResult Plan, IReadOnlyList<RejectedLine> Rejected, IReadOnlyList<RosterWarning> Warnings);

/// <summary>
/// The one place plans are read and written. A plan is read from the people's stored seats (never from roster text)
/// and kept in memory by event and version: thousands of phones joining at once restore each plan once. Every write
/// bumps the event's plan version, so a stale copy is never served; deleting an event forgets its plan.
/// </summary>
public sealed class PlanStore(IServiceScopeFactory scopes) : IDisposable
{
    // Not HybridCache, although it would read each plan once too: it copies every value that is not marked immutable
    // through a serializer, and a plan (a scorer with its weight table, the engine's own types) is read by thousands
    // of phones as the one object in memory.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 512 });
    private readonly ConcurrentDictionary<(Guid, int), Lazy<Task<EventPlan?>>> reading = new();

    // Events deleted while this process runs: a read that was under way when one was deleted must not put its plan
    // back in memory.
    private readonly ConcurrentDictionary<Guid, bool> deleted = new();

    /// <summary>The event's plan (this version or a newer one); null before the first roster.</summary>
    public async Task<EventPlan?> LoadAsync(EventRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.PlanVersion == 0)
        {
            return null;
        }

        if (cache.TryGetValue(record.Id, out EventPlan? cached) && cached!.Version >= record.PlanVersion)
        {
            return cached;
        }

        // One read per event and version however many ask at once; it runs on its own scope, so a caller that
        // gives up does not take the others' answer with it.
        var key = (record.Id, record.PlanVersion);
        return await reading.GetOrAdd(key, k => new Lazy<Task<EventPlan?>>(() => ReadOnceAsync(k))).Value.WaitAsync(cancellationToken);
    }

    /// <summary>Drops an event's plan from memory (the event is being deleted).</summary>
    public void Forget(Guid eventId)
    {
        deleted[eventId] = true;
        cache.Remove(eventId);
    }

    /// <summary>True while the event's plan is held in memory.</summary>
    internal bool Holds(Guid eventId) => cache.TryGetValue(eventId, out _);

    /// <summary>
    /// Writes a plan onto the event's tracked rows: each person's table, seats and absences, the plan's bound, and a
    /// new plan version. The caller saves; the version is a concurrency token, so a plan made from data that changed
    /// meanwhile is refused and made again.
    /// </summary>
    public static void Write(EventRecord record, PlanRecord stored, IEnumerable<PersonRecord> people, PlanResult plan)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(plan);
        var rotation = plan.Rotation;
        var byKey = people.ToDictionary(p => p.Key, StringComparer.Ordinal);
        List<int> Away(Func<int, bool> there) => Enumerable.Range(1, rotation.Rounds).Where(r => !there(r)).ToList();
        for (var j = 0; j < rotation.Mentors.Count; j++)
        {
            var person = byKey[rotation.Mentors[j].Key];
            person.Role = "mentor";
            person.Seating.Table = j + 1;
            person.Seating.Seats = [];
            person.Seating.Away = Away(r => plan.Attendance.MentorThere(j, r));
        }

        for (var i = 0; i < rotation.Mentees.Count; i++)
        {
            var person = byKey[rotation.Mentees[i].Key];
            person.Role = "mentee";
            person.Seating.Table = null;
            person.Seating.Seats = Enumerable.Range(1, rotation.Rounds).Select(r => rotation.MentorOf(r, i) + 1).ToList();
            person.Seating.Away = Away(r => plan.Attendance.MenteeThere(i, r));
        }

        stored.UpperBound = plan.Quality.UpperBound;
        stored.Pins = plan.Constraints.Pins.Select(p => new KeyPair { Mentee = p.Mentee, Mentor = p.Mentor }).ToList();
        stored.Forbids = plan.Constraints.Forbids.Select(p => new KeyPair { Mentee = p.Mentee, Mentor = p.Mentor }).ToList();
        record.PlanVersion++;
    }

    public void Dispose() => cache.Dispose();

    private async Task<EventPlan?> ReadOnceAsync((Guid EventId, int Version) key)
    {
        try
        {
            var plan = await ReadAsync(key.EventId);
            // Keep the newest: a read that started before a write must not replace what the write's reader found.
            if (plan is not null && !deleted.ContainsKey(key.EventId) && (!cache.TryGetValue(key.EventId, out EventPlan? newest) || newest!.Version < plan.Version))
            {
                cache.Set(key.EventId, plan, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(2) });
            }

            return plan;
        }
        finally
        {
            reading.TryRemove(key, out _);
        }
    }

    private async Task<EventPlan?> ReadAsync(Guid eventId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        // The version, the plan row and the people must belong together. Every write of a plan bumps the version in
        // the same save, so when the version reads the same after the people as before them, nothing was written in
        // between; otherwise read again. No transaction: a read must never hold up the writes of a live event.
        while (true)
        {
            var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId);
            var stored = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.EventId == eventId);
            if (record is null || stored is null || record.PlanVersion == 0)
            {
                return null;
            }

            var people = await db.People.AsNoTracking().Where(p => p.EventId == eventId).ToListAsync();
            var history = await HistoryOf(db, eventId, CancellationToken.None);
            var after = await db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => (int?)e.PlanVersion).FirstOrDefaultAsync();
            if (after == record.PlanVersion)
            {
                return Restore(record, stored, people, history);
            }
        }
    }

    /// <summary>The engine's plan from stored rows: mentors in table order, mentees in their order, seats as stored.</summary>
    private static EventPlan Restore(EventRecord record, PlanRecord stored, IReadOnlyList<PersonRecord> people, HistoryRecord? history)
    {
        var mentors = people.Where(p => p.Seating.Table is not null).OrderBy(p => p.Seating.Table).ToList();
        // Someone who registered after the plan was made has no seats yet: not in this plan until the next one.
        var mentees = people.Where(p => p.Seating.Table is null && p.Seating.Seats.Count > 0).OrderBy(p => p.Order).ThenBy(p => p.Id).ToList();
        var rounds = record.Rounds;
        var tableIndex = mentors.Select((p, j) => (p.Seating.Table!.Value, j)).ToDictionary(x => x.Value, x => x.j);
        var seats = new int[rounds * mentees.Count];
        for (var i = 0; i < mentees.Count; i++)
        {
            var planned = mentees[i].Seating.Seats;
            for (var r = 0; r < rounds; r++)
            {
                var table = r < planned.Count ? planned[r] : 0;
                seats[(r * mentees.Count) + i] = tableIndex.TryGetValue(table, out var j) ? j : -1;
            }
        }

        var all = rounds >= 64 ? ulong.MaxValue : (1UL << rounds) - 1;
        ulong There(PersonRecord p) => p.Seating.Away.Aggregate(all, (mask, round) => round is >= 1 and <= 64 ? mask & ~(1UL << (round - 1)) : mask);
        var attendance = new Attendance(mentees.Select(There).ToArray(), mentors.Select(There).ToArray());
        var roles = new RoleAssignment(mentors.Select(p => People.ToCore(record, p)).ToList(), mentees.Select(p => People.ToCore(record, p)).ToList());
        // Seats of rounds held at a table of the other kind are history: the person switched between the room and online since.
        var held = record.ClockPhase == "Waiting" ? 0 : record.ClockRound;
        var plan = WithBound(RotationEngine.Restore(roles, Settings(record), Constraints(stored, history), attendance, seats, held), stored.UpperBound);

        return new EventPlan(
            record.PlanVersion,
            plan,
            stored.Rejected.Select(r => new RejectedLine(r.Line, r.Text)).ToList(),
            stored.Warnings.Select(w => new RosterWarning(w.Line, w.Text)).ToList());
    }

    /// <summary>
    /// A restored plan with the bound it was certified against: the bound is not re-derivable from the seats, so a
    /// plan rebuilt from seats (stored, or changed by hand) keeps the one it had.
    /// </summary>
    public static PlanResult WithBound(PlanResult plan, long? upperBound)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return upperBound is { } bound && bound > 0
            ? plan with { Quality = plan.Quality with { UpperBound = bound, Gap = (bound - plan.Quality.Score) / (double)bound } }
            : plan;
    }

    /// <summary>The host's pins and forbids, and the event's history of earlier meetings, as the engine takes them.</summary>
    public static PlanConstraints Constraints(PlanRecord stored, HistoryRecord? history)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new PlanConstraints(stored.Pins.Select(p => (p.Mentee, p.Mentor)).ToList(), stored.Forbids.Select(p => (p.Mentee, p.Mentor)).ToList())
        {
            History = History(history),
        };
    }

    /// <summary>The event's earlier meetings as the engine takes them.</summary>
    public static PlanHistory History(HistoryRecord? history) =>
        history is null || history.Meetings.Count == 0
            ? PlanHistory.None
            : new PlanHistory(history.Meetings.Select(x => new PastMeeting(x.Event, x.Round, x.Table, x.Mentor, x.Mentee)).ToList());

    /// <summary>The event's stored history, read only when a plan is made or restored.</summary>
    public static Task<HistoryRecord?> HistoryOf(AppDb db, Guid eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Histories.AsNoTracking().FirstOrDefaultAsync(h => h.EventId == eventId, cancellationToken);
    }

    /// <summary>The engine's settings for an event.</summary>
    public static PlanSettings Settings(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new PlanSettings(record.Rounds, record.SeatsPerTable, RosterUpload.ParseFormat(record.Format) ?? MentoringFormat.Open, record.Seed)
        {
            ExtraSeatWhenShort = record.ExtraSeatWhenShort,
        };
    }
}
