using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests;

/// <summary>
/// FakeTimeProvider, plus a way to wait until the app has set a timer: then the app is asleep until it, and a test can
/// move time past it without racing the app's background loop to its next sleep. Time and timers are FakeTimeProvider's;
/// this only watches the timers it makes.
/// </summary>
public sealed class TimerWatchingFakeTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock gate = new();
    private readonly Dictionary<WatchedTimer, (DateTimeOffset At, TimeSpan Length)> set = [];
    private readonly List<(Func<DateTimeOffset, TimeSpan, bool> Wanted, TaskCompletionSource Set)> waiting = [];

    /// <summary>Completes once some timer is set to fire at <paramref name="at"/>.</summary>
    public Task TimerSetFor(DateTimeOffset at) =>
        TimerSet((due, _) => due == at, $"for {at.ToString("O", CultureInfo.InvariantCulture)}");

    /// <summary>
    /// Completes once a timer of <paramref name="length"/> is set to fire after <paramref name="instant"/>: a loop that
    /// sleeps that long has looked at the clock since <paramref name="instant"/> minus <paramref name="length"/>. (Advance
    /// fires each timer at its own instant on the way, so a loop woken on the way may look before the end.)
    /// </summary>
    public Task TimerSetAfter(DateTimeOffset instant, TimeSpan length) =>
        TimerSet((due, asked) => asked == length && due > instant, $"of {length} after {instant.ToString("O", CultureInfo.InvariantCulture)}");

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var watched = new WatchedTimer(this);
        watched.Inner = base.CreateTimer(
            s =>
            {
                watched.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        watched.Change(dueTime, period);
        return watched;
    }

    private async Task TimerSet(Func<DateTimeOffset, TimeSpan, bool> wanted, string what)
    {
        TaskCompletionSource armed;
        lock (gate)
        {
            if (set.Values.Any(t => wanted(t.At, t.Length)))
            {
                return;
            }

            armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Add((wanted, armed));
        }

        try
        {
            await armed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            string now;
            lock (gate)
            {
                now = string.Join(", ", set.Values.OrderBy(t => t.At).Select(t => $"{t.At.ToString("O", CultureInfo.InvariantCulture)} ({t.Length})"));
            }

            throw new TimeoutException($"No timer was set {what} within 10 s; timers set: [{now}].");
        }
    }

    private void Note(WatchedTimer timer, TimeSpan? length)
    {
        lock (gate)
        {
            if (length is not { } asked)
            {
                set.Remove(timer);
                return;
            }

            var at = GetUtcNow() + asked;
            set[timer] = (at, asked);
            foreach (var waiter in waiting.Where(w => w.Wanted(at, asked)).ToList())
            {
                waiting.Remove(waiter);
                waiter.Set.TrySetResult();
            }
        }
    }

    private sealed class WatchedTimer(TimerWatchingFakeTimeProvider owner) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            this.period = period;
            var changed = Inner.Change(dueTime, period);
            // A zero due time has fired by now: nothing waits for it.
            owner.Note(this, dueTime == Timeout.InfiniteTimeSpan || dueTime == TimeSpan.Zero ? null : dueTime);
            return changed;
        }

        public void Fired() => owner.Note(this, period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period);

        public void Dispose()
        {
            owner.Note(this, null);
            Inner.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            owner.Note(this, null);
            await Inner.DisposeAsync();
        }
    }
}
