namespace FlashMentoring.Web.Tests;

/// <summary>A clock the test moves by hand; timers (Task.Delay on this provider) fire as time passes them.</summary>
public sealed class FakeTime(DateTimeOffset start) : TimeProvider
{
    private readonly object gate = new();
    private readonly List<FakeTimer> timers = [];
    private readonly List<(DateTimeOffset At, TaskCompletionSource Armed)> waiters = [];
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        List<FakeTimer> due;
        lock (gate)
        {
            now += by;
            due = timers.Where(t => t.DueAt <= now).ToList();
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>Completes once some timer is set to fire at <paramref name="at"/>: the app is asleep until then.</summary>
    public Task TimerArmedFor(DateTimeOffset at)
    {
        lock (gate)
        {
            if (timers.Any(t => t.DueAt == at))
            {
                return Task.CompletedTask;
            }

            var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((at, armed));
            return WithinTenSeconds(armed.Task, at);
        }
    }

    private async Task WithinTenSeconds(Task armed, DateTimeOffset at)
    {
        try
        {
            await armed.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            string armedNow;
            lock (gate)
            {
                armedNow = string.Join(", ", timers.Select(t => t.DueAt.ToString("O", global::System.Globalization.CultureInfo.InvariantCulture)));
            }

            throw new TimeoutException($"No timer was set for {at:O} within 10 s; timers set: [{armedNow}].");
        }
    }

    private void Armed(DateTimeOffset at)
    {
        foreach (var waiter in waiters.Where(w => w.At == at).ToList())
        {
            waiters.Remove(waiter);
            waiter.Armed.TrySetResult();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class FakeTimer(FakeTime owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate)
            {
                this.period = period;
                owner.timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = owner.now + dueTime;
                    owner.timers.Add(this);
                    owner.Armed(DueAt);
                }
            }

            if (dueTime == TimeSpan.Zero)
            {
                Fire();
            }

            return true;
        }

        public void Fire()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
                if (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
                {
                    DueAt = owner.now + period;
                    owner.timers.Add(this);
                }
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
