using System.Data.Common;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashMentoring.Web.Live;

/// <summary>
/// Which node fires each live event's transitions, when several nodes share one database (<c>Live:Redis</c> set): a
/// lease row per event (<see cref="ClockLeaseRecord"/>), renewed by its node every <see cref="LiveOptions.RenewEvery"/>
/// and taken over by another node once it has run out. A node that dies holds its events for at most
/// <see cref="LiveOptions.LeaseFor"/>; one that stops in good order gives them up at once. Two nodes that both believe
/// they own an event for a moment (a stalled node waking up) still save a transition once: the clock version is a
/// concurrency token, and only the node whose save went through tells the phones.
/// </summary>
public sealed class ClockOwnership(IOptions<LiveOptions> options, TimeProvider time, ILogger<ClockOwnership> log)
{
    private LiveOptions Live => options.Value;

    /// <summary>False for a single node: it owns every event, and no lease is written.</summary>
    public bool Enabled => Live.Clustered;

    /// <summary>
    /// Renews this node's leases, takes the running events that have no live lease, lets go of events no longer running,
    /// and returns the running events this node now owns.
    /// </summary>
    public async Task<IReadOnlySet<Guid>> OwnAsync(AppDb db, IReadOnlyCollection<Guid> running, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(running);
        var me = Live.Node;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = now + (long)Live.LeaseFor.TotalMilliseconds;
        var ids = running.ToList();
        await db.QueuedWriteAsync(() => db.ClockLeases.Where(l => l.Node == me && !ids.Contains(l.EventId)).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        await db.QueuedWriteAsync(() => db.ClockLeases.Where(l => l.Node == me).ExecuteUpdateAsync(s => s.SetProperty(l => l.UntilMs, until), cancellationToken), cancellationToken);

        var leases = await db.ClockLeases.AsNoTracking().Where(l => ids.Contains(l.EventId)).ToListAsync(cancellationToken);
        var owned = leases.Where(l => l.Node == me).Select(l => l.EventId).ToHashSet();
        foreach (var lapsed in leases.Where(l => l.Node != me && l.UntilMs < now))
        {
            // Taken only if nobody renewed or took it since it was read: the row must still be the one that ran out.
            var taken = await db.QueuedWriteAsync(
                () => db.ClockLeases.Where(l => l.EventId == lapsed.EventId && l.Node == lapsed.Node && l.UntilMs == lapsed.UntilMs)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Node, me).SetProperty(l => l.UntilMs, until), cancellationToken),
                cancellationToken);
            if (taken == 1)
            {
                log.LogWarning("Took over the clock of event {Event} from node {Node}, whose lease ran out {Ago} ms ago.", lapsed.EventId, lapsed.Node, now - lapsed.UntilMs);
                owned.Add(lapsed.EventId);
            }
        }

        var leased = leases.Select(l => l.EventId).ToHashSet();
        foreach (var id in ids.Where(id => !leased.Contains(id)))
        {
            // Nodes woken by the same command look at once: the first insert wins, the others change nothing (the
            // statement reads the same on SQLite and PostgreSQL). An event deleted meanwhile fails its foreign key.
            try
            {
                var inserted = await db.QueuedWriteAsync(
                    () => db.Database.ExecuteSqlAsync($"INSERT INTO \"ClockLeases\" (\"EventId\", \"Node\", \"UntilMs\") VALUES ({id}, {me}, {until}) ON CONFLICT DO NOTHING", cancellationToken),
                    cancellationToken);
                if (inserted == 1)
                {
                    owned.Add(id);
                }
            }
            catch (DbException)
            {
                // Deleted meanwhile: nothing to run.
            }
        }

        return owned;
    }

    /// <summary>Gives up this node's events (it is stopping): the other nodes take them at their next look, not after the lease.</summary>
    public async Task ReleaseAsync(AppDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Enabled)
        {
            var me = Live.Node;
            await db.QueuedWriteAsync(() => db.ClockLeases.Where(l => l.Node == me).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        }
    }
}
