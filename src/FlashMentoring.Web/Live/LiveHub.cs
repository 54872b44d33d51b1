using FlashMentoring.Web.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>What the server pushes to phones, the board and the host console.</summary>
public interface ILiveClient
{
    /// <summary>The clock changed (a transition, or a host command).</summary>
    Task Clock(ClockView clock);

    /// <summary>This person's seats changed (a re-plan): their whole itinerary, new.</summary>
    Task Itinerary(IReadOnlyList<ItineraryRow> rounds);

    /// <summary>The plan changed; the board and the host console fetch it again.</summary>
    Task PlanChanged(int planVersion);
}

/// <summary>
/// A thin hub: clients join their event's group and get a full snapshot back, on every connect and reconnect;
/// after that the server pushes changes. The clock itself lives in <see cref="ClockBroadcaster"/>.
/// </summary>
public sealed class LiveHub(AppDb db, PersonalViews views, TimeProvider time) : Hub<ILiveClient>
{
    public static string Group(Guid eventId) => $"event:{eventId:N}";

    public static string PersonGroup(long personId) => $"person:{personId}";

    /// <summary>Joins the event's group and returns the clock as it stands.</summary>
    public async Task<ClockView> Join(Guid eventId)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, Context.ConnectionAborted)
            ?? throw new HubException("No such event. Check the join link.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(eventId), Context.ConnectionAborted);
        return ClockStore.ViewNow(record, time.GetUtcNow());
    }

    /// <summary>A phone joins with its personal link's token: the event's group, its own group, and its whole view back.</summary>
    public async Task<PersonalView> JoinPerson(string token)
    {
        var view = await views.ForTokenAsync(token, Context.ConnectionAborted)
            ?? throw new HubException("This personal link is not valid. Ask the host for yours, or join again with the code.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(view.EventId), Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, PersonGroup(view.PersonId), Context.ConnectionAborted);
        return view;
    }

    /// <summary>The server's clock in Unix ms: clients ping a few times and keep the fastest answers to estimate their offset.</summary>
    public long Ping() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
