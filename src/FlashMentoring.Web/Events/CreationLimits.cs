using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlashMentoring.Web.Events;

/// <summary>
/// How many events may be created, and kept, per device and per network (section <c>Creation</c>). A host creates a
/// handful of events, so the per-device numbers are small; a shared-services centre behind one proxy creates many,
/// from many devices, so the per-network numbers are an order of magnitude wider. A device is its cookie (Hosting/Devices),
/// which a script can mint afresh for every request: only the per-network limits hold such a script.
/// </summary>
public sealed class CreationOptions
{
    /// <summary>Events one device may create in a row (the token bucket's size): a host trying a few things out.</summary>
    [Range(1, 100_000, ErrorMessage = "Creation:PerDeviceBurst must be 1 to 100000.")]
    public int PerDeviceBurst { get; set; } = 10;

    /// <summary>Events one device may create an hour once its burst is spent (the bucket refills one at a time).</summary>
    [Range(1, 100_000, ErrorMessage = "Creation:PerDevicePerHour must be 1 to 100000.")]
    public int PerDevicePerHour { get; set; } = 10;

    /// <summary>Events one network (an IPv4 address, an IPv6 /64) may create an hour, whatever its devices.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Creation:PerNetworkPerHour must be 1 to 1000000.")]
    public int PerNetworkPerHour { get; set; } = 60;

    /// <summary>
    /// Events one device may keep at a time. A host running an event a week keeps about 13 ended ones within the 90 days
    /// and a few to come.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Creation:StoredPerDevice must be 1 to 1000000.")]
    public int StoredPerDevice { get; set; } = 20;

    /// <summary>Events one network may keep at a time: ten such hosts behind one proxy.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Creation:StoredPerNetwork must be 1 to 10000000.")]
    public int StoredPerNetwork { get; set; } = 200;
}

/// <summary>Who created an event, as the stored one-way codes the caps count by.</summary>
/// <param name="Device">The device's code: its cookie's id, or its address without one.</param>
/// <param name="Network">The network's code.</param>
public sealed record EventCreator(string Device, string Network)
{
    /// <summary>The creator of the request.</summary>
    public static EventCreator Of(HttpContext http) => new(Code(Devices.PartitionKey(http)), Code(NetworkKey(http)));

    /// <summary>
    /// The request's network: its IPv4 address, or the /64 of its IPv6 address (one subscriber's usual share, so a script
    /// cannot walk the addresses of its own network).
    /// </summary>
    public static string NetworkKey(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress ?? IPAddress.None;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "net:" + address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "net:" + new IPAddress(bytes) + "/64";
    }

    // Kept with the event only to count; never shown. Truncated: a code has to tell devices apart, not name one.
    private static string Code(string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("FlashMentoring.Creator.v1\n" + key)), 0, 16);
}

/// <summary>
/// The gate in front of <c>POST /api/events</c>: a token bucket per device and one per network (429 with Retry-After),
/// then a cap on the events each keeps (409, saying how many and what to do).
/// </summary>
public sealed class EventCreationLimits : IDisposable
{
    private readonly CreationOptions options;
    private readonly IOptions<RetentionOptions> retention;
    private readonly PartitionedRateLimiter<HttpContext> perDevice;
    private readonly PartitionedRateLimiter<HttpContext> perNetwork;

    public EventCreationLimits(IOptions<CreationOptions> options, IOptions<RetentionOptions> retention)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.retention = retention;
        perDevice = Buckets(Devices.PartitionKey, this.options.PerDeviceBurst, this.options.PerDevicePerHour);
        perNetwork = Buckets(EventCreator.NetworkKey, this.options.PerNetworkPerHour, this.options.PerNetworkPerHour);
    }

    public void Dispose()
    {
        perDevice.Dispose();
        perNetwork.Dispose();
    }

    /// <summary>Why this request may not create an event now, or null when it may.</summary>
    public async Task<IResult?> RefusalAsync(HttpContext http, AppDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        using (var device = await perDevice.AcquireAsync(http, 1, cancellationToken))
        {
            if (!device.IsAcquired)
            {
                return TooMany(http, device, $"This device has created {options.PerDeviceBurst} events in a short time; a device may create {options.PerDevicePerHour} an hour.");
            }
        }

        using (var network = await perNetwork.AcquireAsync(http, 1, cancellationToken))
        {
            if (!network.IsAcquired)
            {
                return TooMany(http, network, $"This network has created {options.PerNetworkPerHour} events in the last hour, the most one network may. An operator can raise Creation:PerNetworkPerHour.");
            }
        }

        var creator = EventCreator.Of(http);
        var days = retention.Value;
        var kept = $"An event is kept until {days.AfterEndDays} days after it ends ({days.DraftDays} days after its date if it never starts).";
        var byDevice = await db.Events.CountAsync(e => e.CreatedBy == creator.Device, cancellationToken);
        if (byDevice >= options.StoredPerDevice)
        {
            return Full(
                $"This device already keeps {byDevice} events",
                $"A device may keep {options.StoredPerDevice} at a time. {kept} Delete an event you no longer need (on its host console: Delete the event's personal data), then create this one.");
        }

        var byNetwork = await db.Events.CountAsync(e => e.CreatedFrom == creator.Network, cancellationToken);
        return byNetwork >= options.StoredPerNetwork
            ? Full(
                $"This network already keeps {byNetwork} events",
                $"One network may keep {options.StoredPerNetwork} at a time. {kept} Delete events you no longer need from their host consoles, or ask the operator to raise Creation:StoredPerNetwork.")
            : null;
    }

    private static PartitionedRateLimiter<HttpContext> Buckets(Func<HttpContext, string> key, int burst, int perHour) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(key(http), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromHours(1) / perHour,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static IResult TooMany(HttpContext http, RateLimitLease lease, string why)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(Math.Max(wait.TotalSeconds, 1));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("FlashMentoring.Access")
            .LogWarning("Rate limit: event creation from {Client}", http.Connection.RemoteIpAddress);
        return TypedResults.Problem(detail: $"{why} Try again in {Say.Wait(TimeSpan.FromMinutes(Math.Ceiling(seconds / 60.0)))}.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many new events");
    }

    private static IResult Full(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title);
}

/// <summary>Registers the creation limits and puts them in front of event creation.</summary>
public static class CreationLimitsExtensions
{
    public static IServiceCollection AddEventCreationLimits(this IServiceCollection services)
    {
        services.AddOptions<CreationOptions>().BindConfiguration("Creation").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EventCreationLimits>();
        return services;
    }

    /// <summary>Runs the creation limits before the handler.</summary>
    public static RouteHandlerBuilder WithCreationLimits(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var refusal = await http.RequestServices.GetRequiredService<EventCreationLimits>()
                .RefusalAsync(http, http.RequestServices.GetRequiredService<AppDb>(), http.RequestAborted);
            return refusal ?? await next(context);
        });
}
