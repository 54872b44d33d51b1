using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Threading.RateLimiting;
using FlashMentoring.Core.Wording;
using Microsoft.Extensions.Options;

namespace FlashMentoring.Web.Hosting;

/// <summary>How much heavy work (plans, kits, reports) the app does at once; the section <c>HeavyWork</c> of the settings.</summary>
public sealed class HeavyWorkOptions
{
    public const string Section = "HeavyWork";

    /// <summary>Pieces of work running at once: one a core, since each keeps a core busy.</summary>
    [Range(1, 1024)]
    public int MaxRunning { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// How many of those may be work without an event (the planner and kits anyone can use); the rest stay free for
    /// hosts of events. Capped at one less than <see cref="MaxRunning"/> (when that is two or more).
    /// </summary>
    [Range(1, 1024)]
    public int MaxWithoutEvent { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Requests that wait for a free slot; beyond them the answer is 503 at once.</summary>
    [Range(0, 10_000)]
    public int MaxWaiting { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Longest wait in the queue before the answer is 503.</summary>
    [Range(1, 600)]
    public int MaxWaitSeconds { get; set; } = 30;

    /// <summary>
    /// Pieces of work one network address may have running or waiting at once, host work included: anyone can create an
    /// event, so without this one script could fill every slot with its own events' rosters.
    /// </summary>
    [Range(1, 1024)]
    public int MaxPerNetwork { get; set; } = 2;

    /// <summary>The Retry-After of a 503.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 10;
}

/// <summary>
/// The gate in front of every long computation: a few at once, a short queue, and beyond it a 503 with Retry-After,
/// so a burst of big requests waits or is refused instead of taking every core. It also counts what it let through,
/// so an operator (and a test) can see work that was abandoned when its caller left.
/// </summary>
public sealed class HeavyWork : IDisposable
{
    private readonly HeavyWorkOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<HeavyWork> log;
    private readonly ConcurrencyLimiter all;
    private readonly ConcurrencyLimiter withoutEvent;
    private long started;
    private long finished;
    private long abandoned;
    private long refused;
    private long waiting;

    public HeavyWork(IOptions<HeavyWorkOptions> options, TimeProvider time, ILogger<HeavyWork> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.time = time;
        this.log = log;
        all = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = this.options.MaxRunning,
            QueueLimit = this.options.MaxWaiting,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        withoutEvent = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            // At least one slot always stays free for hosts, except on a one-slot machine, where refusing every
            // planner request would be worse.
            PermitLimit = Math.Min(this.options.MaxWithoutEvent, Math.Max(1, this.options.MaxRunning - 1)),
            QueueLimit = this.options.MaxWaiting,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Raised when a piece of work gets its slot.</summary>
    public event Action<HeavyWorkSlot>? Entered;

    /// <summary>Raised when a piece of work gives its slot back, finished or abandoned.</summary>
    public event Action<HeavyWorkSlot>? Ended;

    // Work running or waiting, per network address (Devices.AddressKey).
    private readonly Dictionary<string, int> perNetwork = new(StringComparer.Ordinal);

    public long Started => Interlocked.Read(ref started);

    public long Finished => Interlocked.Read(ref finished);

    /// <summary>Work stopped part-way because its caller left (or its event was deleted).</summary>
    public long Abandoned => Interlocked.Read(ref abandoned);

    /// <summary>Requests answered 503 because every slot and the queue were taken.</summary>
    public long Refused => Interlocked.Read(ref refused);

    public long Running => options.MaxRunning - (all.GetStatistics()?.CurrentAvailablePermits ?? 0);

    public long Waiting => Interlocked.Read(ref waiting);

    /// <summary>
    /// Waits for a slot (at most <see cref="HeavyWorkOptions.MaxWaitSeconds"/>, in a queue of at most
    /// <see cref="HeavyWorkOptions.MaxWaiting"/>); null when there is none to be had, and the caller answers <see cref="Busy"/>.
    /// </summary>
    /// <param name="what">What the work is, for the log.</param>
    /// <param name="forEvent">Work for an event's host (who reached it with the host key), which may use every slot.</param>
    /// <param name="cancellationToken">The caller's token: leaving the queue throws, as leaving the work does.</param>
    public async Task<HeavyWorkSlot?> EnterAsync(string what, bool forEvent, CancellationToken cancellationToken)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxWaitSeconds), time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, patience.Token);
        RateLimitLease? share = null;
        RateLimitLease? lease = null;
        try
        {
            share = forEvent ? null : await TakeAsync(withoutEvent, wait.Token);
            lease = forEvent || share is not null ? await TakeAsync(all, wait.Token) : null;
            if (lease is null)
            {
                return Refuse(what);
            }

            var slot = new HeavyWorkSlot(this, what, lease, share);
            (lease, share) = (null, null);
            Interlocked.Increment(ref started);
            Entered?.Invoke(slot);
            return slot;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refuse(what); // Waited as long as it may.
        }
        finally
        {
            lease?.Dispose();
            share?.Dispose();
        }
    }

    /// <summary>Counts a piece of work for a network address; false (and nothing counted) when it already has its share.</summary>
    public bool TryHoldForNetwork(string network)
    {
        lock (perNetwork)
        {
            var held = perNetwork.GetValueOrDefault(network);
            if (held >= options.MaxPerNetwork)
            {
                return false;
            }

            perNetwork[network] = held + 1;
            return true;
        }
    }

    /// <summary>Gives back what <see cref="TryHoldForNetwork"/> counted.</summary>
    public void ReleaseForNetwork(string network)
    {
        lock (perNetwork)
        {
            if (perNetwork.GetValueOrDefault(network) <= 1)
            {
                perNetwork.Remove(network);
            }
            else
            {
                perNetwork[network]--;
            }
        }
    }

    /// <summary>The answer when one network already has its share of work running: 429, wait for it to finish.</summary>
    public IResult TooManyFromNetwork(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: $"This network already has {options.MaxPerNetwork} plans or kits being made. Wait for one to finish, then try again (in about {Say.Wait(TimeSpan.FromSeconds(options.RetryAfterSeconds))}).",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "One at a time");
    }

    /// <summary>The answer when no slot is free: 503 with Retry-After and what the host can do.</summary>
    public IResult Busy(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: $"The app is making other plans and kits ({options.MaxRunning} at a time, and a short queue, are taken). " +
                    $"Nothing was lost: try again in {Say.Wait(TimeSpan.FromSeconds(options.RetryAfterSeconds))}.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Busy: try again shortly");
    }

    public void Dispose()
    {
        all.Dispose();
        withoutEvent.Dispose();
    }

    /// <summary>
    /// The slot the gate (<c>AsHeavyWork</c>) gave this request, for a handler that hands its
    /// work to the background and takes the slot over.
    /// </summary>
    public static HeavyWorkSlot SlotOf(HttpContext http) =>
        http?.Features.Get<HeavyWorkSlot>() ?? throw new InvalidOperationException("This endpoint is not behind AsHeavyWork.");

    internal void End(HeavyWorkSlot slot)
    {
        if (slot.Abandoned)
        {
            Interlocked.Increment(ref abandoned);
            if (slot.Cancelled)
            {
                log.LogInformation("{What} abandoned: it stopped {Milliseconds:F0} ms after it was called off", slot.What, slot.StoppedAfter?.TotalMilliseconds);
            }
            else
            {
                // Work that does not watch its token holds a core for nobody: worth a warning, with how long.
                log.LogWarning("{What} ran on {Milliseconds:F0} ms after it was called off, without stopping for it", slot.What, slot.StoppedAfter?.TotalMilliseconds);
            }
        }
        else
        {
            Interlocked.Increment(ref finished);
        }

        Ended?.Invoke(slot);
    }

    // A free permit at once, else a place in the one queue both limiters share, else null.
    private async Task<RateLimitLease?> TakeAsync(ConcurrencyLimiter limiter, CancellationToken wait)
    {
        var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return lease;
        }

        lease.Dispose();
        try
        {
            if (Interlocked.Increment(ref waiting) > options.MaxWaiting)
            {
                return null;
            }

            lease = await limiter.AcquireAsync(1, wait);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private HeavyWorkSlot? Refuse(string what)
    {
        Interlocked.Increment(ref refused);
        log.LogWarning("Busy: refused {What} ({Running} running, {Waiting} waiting)", what, Running, Waiting);
        return null;
    }
}

/// <summary>A slot held by one piece of heavy work; disposing it lets the next one in.</summary>
public sealed class HeavyWorkSlot : IDisposable
{
    private readonly HeavyWork owner;
    private RateLimitLease? lease;
    private RateLimitLease? share;
    private CancellationTokenRegistration watch;
    private long cancelledAt;

    internal HeavyWorkSlot(HeavyWork owner, string what, RateLimitLease lease, RateLimitLease? share)
    {
        this.owner = owner;
        What = what;
        this.lease = lease;
        this.share = share;
    }

    public string What { get; }

    /// <summary>True when nobody waited for the work any more by the time it ended: its caller left (or its event went).</summary>
    public bool Abandoned { get; private set; }

    /// <summary>
    /// True when the work stopped for its token: it threw <see cref="OperationCanceledException"/> for the watched token.
    /// False for abandoned work that ran to its end, or failed some other way, after it was called off.
    /// </summary>
    public bool Cancelled { get; private set; }

    /// <summary>For abandoned work: how long it ran on after its token was cancelled.</summary>
    public TimeSpan? StoppedAfter { get; private set; }

    /// <summary>Notes when <paramref name="token"/> is cancelled, to tell how long the work took to stop.</summary>
    public void Watch(CancellationToken token)
    {
        watch.Dispose();
        Interlocked.Exchange(ref cancelledAt, 0);
        // The machine's clock, not the app's TimeProvider: this measures work on a core, which a test's fake clock
        // (that never moves by itself) would report as instant.
        watch = token.UnsafeRegister(_ => Interlocked.Exchange(ref cancelledAt, Stopwatch.GetTimestamp()), null);
    }

    /// <summary>
    /// Marks the work as ended for nobody. <paramref name="cancelled"/> is true when it threw because its token was
    /// cancelled, false when it ran on to its end (or failed otherwise) after it was called off.
    /// </summary>
    public void Abandon(bool cancelled)
    {
        Abandoned = true;
        Cancelled = cancelled;
        var at = Interlocked.Read(ref cancelledAt);
        StoppedAfter = at == 0 ? null : Stopwatch.GetElapsedTime(at);
    }

    /// <summary>Moves the slot to work that outlives the request (a kit job); this one then lets go of nothing.</summary>
    public HeavyWorkSlot TakeOver()
    {
        var moved = new HeavyWorkSlot(owner, What, lease ?? throw new ObjectDisposedException(nameof(HeavyWorkSlot)), share);
        watch.Dispose();
        (lease, share) = (null, null);
        return moved;
    }

    public void Dispose()
    {
        watch.Dispose();
        if (lease is null)
        {
            return;
        }

        lease.Dispose();
        share?.Dispose();
        (lease, share) = (null, null);
        owner.End(this);
    }
}

/// <summary>Puts endpoints behind the gate.</summary>
public static class HeavyWorkEndpoints
{
    public static IServiceCollection AddHeavyWork(this IServiceCollection services)
    {
        services.AddOptions<HeavyWorkOptions>().BindConfiguration(HeavyWorkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<HeavyWork>();
    }

    /// <summary>
    /// The endpoint's handler runs only with a slot (or answers 503), under the request's token; when the caller
    /// leaves, the work throws and the slot is counted as abandoned. A handler that hands its work to the background
    /// takes the slot over with <see cref="HeavyWork.SlotOf"/>. Host routes may use every slot; other routes only their share.
    /// </summary>
    public static TBuilder AsHeavyWork<TBuilder>(this TBuilder builder, string what)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var heavy = http.RequestServices.GetRequiredService<HeavyWork>();
            var forEvent = http.GetEndpoint()?.Metadata.GetMetadata<HostOnlyAttribute>() is not null;
            var network = Devices.AddressKey(http);
            if (!heavy.TryHoldForNetwork(network))
            {
                return heavy.TooManyFromNetwork(http);
            }

            using var held = new NetworkShare(heavy, network);
            using var slot = await heavy.EnterAsync(what, forEvent, http.RequestAborted);
            if (slot is null)
            {
                return heavy.Busy(http);
            }

            var aborted = http.RequestAborted;
            slot.Watch(aborted);
            http.Features.Set(slot);
            try
            {
                var result = await next(context);
                if (aborted.IsCancellationRequested)
                {
                    // Ran to its end, or gave up on its own (a body whose reading was cut off), with nobody waiting.
                    slot.Abandon(cancelled: false);
                }

                return result;
            }
            catch (OperationCanceledException e) when (e.CancellationToken == aborted)
            {
                slot.Abandon(cancelled: true);
                throw;
            }
            catch (Exception) when (aborted.IsCancellationRequested)
            {
                // Whatever else the work threw once its caller had left (a cancelled read of the body throws an I/O
                // error, not a cancellation), nobody waited for it any more; but it did not stop for the token.
                slot.Abandon(cancelled: false);
                throw;
            }
        });

    // Gives a network's share back when the request ends (a kit job that outlives it keeps only its slot).
    private readonly struct NetworkShare(HeavyWork heavy, string network) : IDisposable
    {
        public void Dispose() => heavy.ReleaseForNetwork(network);
    }
}
