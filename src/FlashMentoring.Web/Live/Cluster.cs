using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FlashMentoring.Web.Live;

/// <summary>
/// <c>Live:Redis</c> set: this app is one of several nodes on one database, and SignalR's pushes go through Redis to
/// every node's phones. Unset (a laptop, one server): nothing of this runs.
/// </summary>
public sealed class LiveOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>; null for a single node.</summary>
    public string? Redis { get; set; }

    /// <summary>This node's name, in clock leases and logs; by default the machine's name and the process id.</summary>
    public string Node { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How long an event's clock stays with its node without a renewal: after a node dies, another takes its events within this.</summary>
    public TimeSpan LeaseFor { get; set; } = TimeSpan.FromSeconds(6);

    public bool Clustered => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>How often a node renews its leases and looks for events whose node is gone.</summary>
    public TimeSpan RenewEvery => LeaseFor / 3;
}

/// <summary>
/// The groups a push to them failed for while Redis was unreachable (the backplane does not buffer). Once Redis answers
/// again, the clock's node sends each of those events its clock and a "plan changed", and the phones fetch their view.
/// </summary>
public sealed class MissedPushes
{
    private readonly ConcurrentDictionary<Guid, bool> events = new();
    private int everyone;

    /// <summary>True when any push was missed since the last <see cref="Take"/>.</summary>
    public bool Any => !events.IsEmpty || Volatile.Read(ref everyone) == 1;

    /// <summary>
    /// This node was cut off from Redis and is back: while it was away, its phones missed whatever other nodes pushed,
    /// and nobody knows what. Every running event is told "plan changed", so its phones fetch their view again.
    /// </summary>
    public void MissedByEveryone() => Volatile.Write(ref everyone, 1);

    /// <summary>True (once) after <see cref="MissedByEveryone"/>.</summary>
    public bool TakeEveryone() => Interlocked.Exchange(ref everyone, 0) == 1;

    /// <summary>Records a failed push to a group (an event's, its host's or a person's).</summary>
    public void Missed(string group, bool clock)
    {
        // A person's group names no event; the event's own group is told too whenever a plan changes, so that covers it.
        if (LiveHub.EventOfGroup(group) is { } eventId)
        {
            events.AddOrUpdate(eventId, clock, (_, before) => before || clock);
        }
    }

    /// <summary>The events that missed a push (and whether one was a clock), forgotten here: a failed re-send records them again.</summary>
    public IReadOnlyList<(Guid EventId, bool Clock)> Take()
    {
        var taken = new List<(Guid, bool)>();
        foreach (var id in events.Keys)
        {
            if (events.TryRemove(id, out var clock))
            {
                taken.Add((id, clock));
            }
        }

        return taken;
    }
}

/// <summary>
/// SignalR's Redis backplane, with one difference: a push that cannot reach Redis does not fail the request or the
/// clock that made it (the change is saved already); it is recorded in <see cref="MissedPushes"/> and made good when
/// Redis is back. Redis runs "fail fast": nothing is held in a backlog and delivered late, so nothing arrives twice.
/// </summary>
internal sealed class Backplane(
    ILogger<RedisHubLifetimeManager<LiveHub>> logger,
    IOptions<RedisOptions> options,
    IHubProtocolResolver protocols,
    IOptions<HubOptions> hubOptions,
    IOptions<HubOptions<LiveHub>> liveHubOptions,
    MissedPushes missed,
    ILogger<Backplane> log) : RedisHubLifetimeManager<LiveHub>(logger, options, protocols, hubOptions, liveHubOptions)
{
    public override async Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        try
        {
            await base.SendGroupAsync(groupName, methodName, args, cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            log.LogWarning("Redis is unreachable: {Method} to {Group} is sent again when it is back ({Reason}).", methodName, groupName, ex.Message);
            missed.Missed(groupName, methodName == nameof(ILiveClient.Clock));
        }
    }
}

/// <summary>Registers SignalR, and with <c>Live:Redis</c> the backplane and the nodes' shared wake-up channel.</summary>
public static class ClusterSetup
{
    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>().BindConfiguration("Live")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Node) && o.Node.Length <= 64, "Live:Node must be a name of 1 to 64 characters.")
            .Validate(o => o.LeaseFor >= TimeSpan.FromSeconds(1), "Live:LeaseFor must be at least one second.")
            .ValidateOnStart();
        services.AddSingleton<MissedPushes>();
        services.AddSingleton<ClusterSignals>();
        var signalR = services.AddSignalR(LiveHub.Configure);
        var live = configuration.GetSection("Live").Get<LiveOptions>() ?? new LiveOptions();
        if (!live.Clustered)
        {
            return services;
        }

        // One connection for the backplane and the wake-ups. Fail fast: a push while Redis is away fails at once and
        // is made good later (MissedPushes) rather than queued and delivered late, or twice.
        var redis = ConfigurationOptions.Parse(live.Redis!);
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ClientName = live.Node;
        // Back within a second of Redis: phones wait for what they missed until then.
        redis.ReconnectRetryPolicy = new LinearRetry(500);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        // Several deployments on one Redis keep apart with channelPrefix=... in Live:Redis.
        signalR.AddStackExchangeRedis();
        services.AddSingleton<IConfigureOptions<RedisOptions>, ShareConnection>();
        services.AddSingleton<HubLifetimeManager<LiveHub>, Backplane>();
        return services;
    }

    /// <summary>The backplane uses the app's one Redis connection.</summary>
    private sealed class ShareConnection(IServiceProvider services) : IConfigureOptions<RedisOptions>
    {
        public void Configure(RedisOptions options) =>
            options.ConnectionFactory = _ => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>());
    }
}

/// <summary>
/// What one node tells the others: "look at the clocks again" after a host command saved a change, so the event's clock
/// node reschedules at once. Without Redis (one node) it is only this node's own wake-up.
/// </summary>
public sealed class ClusterSignals(IServiceProvider services, IOptions<LiveOptions> options, MissedPushes missed, TimeProvider time, ILogger<ClusterSignals> log)
{
    /// <summary>
    /// How long Redis must have been back before what was missed is sent again: every node reconnects on its own, and a
    /// push sent before the phones' node has subscribed again would be lost a second time.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    private static readonly RedisChannel WakeChannel = RedisChannel.Literal("flashmentoring:clock-wake");
    private ISubscriber? subscriber;
    private long restoredAtTicks;

    /// <summary>Subscribes to the other nodes' wake-ups (called once, at the clock's start).</summary>
    public async Task ListenAsync(Action wake)
    {
        ArgumentNullException.ThrowIfNull(wake);
        if (!options.Value.Clustered)
        {
            return;
        }

        var redis = services.GetRequiredService<IConnectionMultiplexer>();
        redis.ConnectionRestored += (_, e) =>
        {
            Interlocked.Exchange(ref restoredAtTicks, time.GetUtcNow().UtcTicks);
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                log.LogWarning("Redis is back; this node's phones are told to fetch their view again.");
                missed.MissedByEveryone();
            }
        };
        subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(WakeChannel, (_, _) => wake());
    }

    /// <summary>True while Redis answers (always, for a single node).</summary>
    public bool Connected => !options.Value.Clustered || services.GetRequiredService<IConnectionMultiplexer>().IsConnected;

    /// <summary>True when Redis answers and has for at least <see cref="Settle"/> (always, for a single node).</summary>
    public bool Settled => Connected && time.GetUtcNow().UtcTicks - Interlocked.Read(ref restoredAtTicks) >= Settle.Ticks;

    /// <summary>Asks every node to look at the clocks again; a wake-up lost while Redis is away is covered by the nodes' regular look.</summary>
    public async Task WakeOthersAsync()
    {
        if (subscriber is null)
        {
            return;
        }

        try
        {
            await subscriber.PublishAsync(WakeChannel, options.Value.Node);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            log.LogDebug("Redis is unreachable; the other nodes look at the clocks on their own ({Reason}).", ex.Message);
        }
    }
}
