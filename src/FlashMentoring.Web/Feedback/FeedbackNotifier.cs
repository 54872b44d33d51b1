using FlashMentoring.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace FlashMentoring.Web.Feedback;

/// <summary>
/// Tells the host console that answers came in, so its report updates by itself. A burst (a room rating its round at
/// once) is told at most once per <see cref="Quiet"/> per event: the first answer at once, the rest in one message at
/// the end of the quiet time.
/// </summary>
public sealed class FeedbackNotifier(IHubContext<LiveHub, ILiveClient> hub, TimeProvider time) : IDisposable
{
    /// <summary>The least time between two messages for one event.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private readonly Dictionary<Guid, (DateTimeOffset LastSent, ITimer? Pending)> events = [];

    /// <summary>An answer, survey or choice of <paramref name="eventId"/> was saved.</summary>
    public void Changed(Guid eventId)
    {
        var now = time.GetUtcNow();
        lock (events)
        {
            if (events.TryGetValue(eventId, out var state))
            {
                if (state.Pending is not null)
                {
                    return; // Told with the message already due.
                }

                if (now - state.LastSent < Quiet)
                {
                    var timer = time.CreateTimer(_ => SendDue(eventId), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    events[eventId] = (state.LastSent, timer);
                    timer.Change(state.LastSent + Quiet - now, Timeout.InfiniteTimeSpan);
                    return;
                }
            }

            if (events.Count > 1000)
            {
                // Events whose last message is long gone need no memory of it.
                foreach (var old in events.Where(e => e.Value.Pending is null && now - e.Value.LastSent >= Quiet).Select(e => e.Key).ToList())
                {
                    events.Remove(old);
                }
            }

            events[eventId] = (now, null);
        }

        Send(eventId);
    }

    public void Dispose()
    {
        lock (events)
        {
            foreach (var (_, pending) in events.Values)
            {
                pending?.Dispose();
            }

            events.Clear();
        }
    }

    private void SendDue(Guid eventId)
    {
        lock (events)
        {
            if (events.TryGetValue(eventId, out var state))
            {
                state.Pending?.Dispose();
            }

            events[eventId] = (time.GetUtcNow(), null);
        }

        Send(eventId);
    }

    // Fire and forget: a host console that misses it still has its refresh button, and an answer is never held up.
    private void Send(Guid eventId) => _ = hub.Clients.Group(LiveHub.HostGroup(eventId)).FeedbackChanged();
}
