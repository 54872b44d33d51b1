using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
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

    /// <summary>Answers came in (ratings, the survey, choices); the host console reads its report again.</summary>
    Task FeedbackChanged();

    /// <summary>The event was deleted (by its host, or by retention): nothing more will come; stop reconnecting.</summary>
    Task EventDeleted();

    /// <summary>Someone's check-in changed without a re-plan (a phone said "I'm here"); the desks read the people again.</summary>
    Task PeopleChanged();

    /// <summary>To the host consoles: a re-plan made with the helper link at the door, with its moves and reprint.</summary>
    Task CheckInDone(Roster.StatusResult result);

    /// <summary>To the people of one online table: the host replaced its video room (a broken link); this is the new one.</summary>
    Task RoomChanged(int table, string link);

    /// <summary>To the host consoles: someone tapped "I'm in the room", or a mentor reported a mentee missing, in this round.</summary>
    Task PresenceChanged(int round);
}

/// <summary>
/// A thin hub: clients join their event's group and get a full snapshot back, on every connect and reconnect;
/// after that the server pushes changes. The clock itself lives in <see cref="ClockBroadcaster"/>.
/// </summary>
public sealed class LiveHub(AppDb db, PersonalViews views, Attempts attempts, TimeProvider time, AppMetrics metrics) : Hub<ILiveClient>
{
    public static string Group(Guid eventId) => $"event:{eventId:N}";

    public static string PersonGroup(long personId) => $"person:{personId}";

    /// <summary>The event an event's or its host's group is for; null for a person's group.</summary>
    public static Guid? EventOfGroup(string group) =>
        group.Split(':', 2) is ["event" or "host", var id] && Guid.TryParseExact(id, "N", out var eventId) ? eventId : null;

    /// <summary>The host consoles of an event: what only the host may hear of (answers coming in).</summary>
    public static string HostGroup(Guid eventId) => $"host:{eventId:N}";

    /// <summary>What the browsers join and hear first when an event is gone; live.js stops reconnecting on it.</summary>
    public const string NoSuchEvent = "No such event: it may have been deleted by its host. Check the link.";

    /// <summary>
    /// The server pings an idle connection about once a second (its keep-alive check runs once a second, and this is
    /// shorter), so a phone that hears nothing for 2.5 s (live.js) knows it is offline. A ping is a few bytes: 5,000
    /// phones cost 5,000 small frames a second (measured with bench/load/run.sh).
    /// </summary>
    public static void Configure(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.KeepAliveInterval = TimeSpan.FromMilliseconds(500);
    }

    public override Task OnConnectedAsync()
    {
        metrics.Connected();
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.Disconnected();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Joins the event's group and returns the clock as it stands.</summary>
    public async Task<ClockView> Join(Guid eventId)
    {
        // In the group before the clock is read: a start that lands in between is then pushed, not missed.
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(eventId), Context.ConnectionAborted);
        if (await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, Context.ConnectionAborted) is not { } record)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(eventId), Context.ConnectionAborted);
            throw new HubException(NoSuchEvent);
        }

        return ClockStore.ViewNow(record, time.GetUtcNow());
    }

    /// <summary>The host console joins with the host key: the event's group and the host's, and the clock back.</summary>
    public async Task<ClockView> JoinHost(Guid eventId, string hostKey)
    {
        var hash = await db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => e.HostKeyHash).FirstOrDefaultAsync(Context.ConnectionAborted)
            ?? throw new HubException(NoSuchEvent);
        if (!HostKeys.Matches(hostKey, hash))
        {
            throw new HubException("This needs the host link.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, HostGroup(eventId), Context.ConnectionAborted);
        return await Join(eventId);
    }

    /// <summary>A phone joins with its personal link's token: the event's group, its own group, and its whole view back.</summary>
    public Task<PersonalView> JoinPerson(string token) => Person(token, claim: true);

    /// <summary>The host looks at someone's phone view from the console: the same, without claiming their link for the host's laptop.</summary>
    public Task<PersonalView> PreviewPerson(string token) => Person(token, claim: false);

    private async Task<PersonalView> Person(string token, bool claim)
    {
        var http = Context.GetHttpContext() ?? throw new HubException("No connection.");
        if (attempts.Blocked(http, AttemptKind.UnknownToken))
        {
            throw new HubException("Too many unknown personal links from this device. Wait a minute and try again.");
        }

        var view = await views.ForTokenAsync(http, token, Context.ConnectionAborted, claim)
            ?? throw new HubException("This personal link is not valid. Ask the host for yours, or join again with the code.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(view.EventId), Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, PersonGroup(view.PersonId), Context.ConnectionAborted);
        // The view's clock was read before the phone was in the group: read it again, so a start (or any push) that
        // landed in between is in the snapshot, and none is missed.
        return await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == view.EventId, Context.ConnectionAborted) is { } record
            ? view with { Clock = ClockStore.ViewNow(record, time.GetUtcNow()) }
            : throw new HubException(NoSuchEvent);
    }

    /// <summary>The server's clock in Unix ms: clients ping a few times and keep the fastest answers to estimate their offset.</summary>
    public long Ping() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
