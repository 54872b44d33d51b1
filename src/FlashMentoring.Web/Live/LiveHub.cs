using FlashMentoring.Core.Live;
using FlashMentoring.Web.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>What the server pushes to phones, the board and the host console.</summary>
public interface ILiveClient
{
    /// <summary>The clock changed (a transition, or a host command).</summary>
    Task Clock(ClockView clock);
}

/// <summary>
/// A thin hub: clients join their event's group and get a full snapshot back, on every connect and reconnect;
/// after that the server pushes changes. The clock itself lives in <see cref="ClockBroadcaster"/>.
/// </summary>
public sealed class LiveHub(AppDb db, TimeProvider time) : Hub<ILiveClient>
{
    public static string Group(Guid eventId) => $"event:{eventId:N}";

    /// <summary>Joins the event's group and returns the clock as it stands.</summary>
    public async Task<ClockView> Join(Guid eventId)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, Context.ConnectionAborted)
            ?? throw new HubException("No such event. Check the join link.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(eventId), Context.ConnectionAborted);
        var now = time.GetUtcNow();
        return ClockStore.View(record, RoundClock.At(ClockStore.Read(record), ClockStore.Timing(record), now), now);
    }

    /// <summary>The server's clock in Unix ms: clients ping a few times and keep the fastest answers to estimate their offset.</summary>
    public long Ping() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
