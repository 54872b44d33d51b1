using System.Globalization;
using System.Threading.RateLimiting;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashMentoring.Web.Registration;

/// <summary>
/// How fast anonymous registrations may come: a person registers once (and corrects it once or twice), a colleague may
/// register a few others, an office of hundreds registers through one address over a morning. A script minting device
/// cookies is held by the network's bucket. Only registrations that pass the form's checks count.
/// </summary>
public sealed class RegistrationLimits : IDisposable
{
    /// <summary>Registrations one device may send at once, and then an hour.</summary>
    public const int PerDeviceBurst = 10;

    /// <inheritdoc cref="PerDeviceBurst"/>
    public const int PerDevicePerHour = 10;

    /// <summary>Registrations one network (an IPv4 address, an IPv6 /64) may send at once, and then an hour.</summary>
    public const int PerNetworkBurst = 300;

    /// <inheritdoc cref="PerNetworkBurst"/>
    public const int PerNetworkPerHour = 300;

    private readonly PartitionedRateLimiter<string> buckets = PartitionedRateLimiter.Create<string, string>(key =>
        key.StartsWith("net:", StringComparison.Ordinal) ? Bucket(key, PerNetworkBurst, PerNetworkPerHour) : Bucket(key, PerDeviceBurst, PerDevicePerHour));

    /// <summary>Takes one registration from the device's bucket, then the network's; a 429 problem when either is empty.</summary>
    public ProblemHttpResult? Take(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var device = buckets.AttemptAcquire(Devices.PartitionKey(http));
        if (!device.IsAcquired)
        {
            return TooMany(http, PerDevicePerHour, "This device has sent many registrations in a short time.");
        }

        using var network = buckets.AttemptAcquire(EventCreator.NetworkKey(http));
        return network.IsAcquired ? null : TooMany(http, PerNetworkPerHour, "This network has sent many registrations in a short time.");
    }

    public void Dispose() => buckets.Dispose();

    private static ProblemHttpResult TooMany(HttpContext http, int perHour, string what)
    {
        var wait = (int)Math.Ceiling(3600.0 / perHour);
        http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail: $"{what} Wait {wait} seconds and try again.", statusCode: StatusCodes.Status429TooManyRequests, title: "Slow down");
    }

    private static RateLimitPartition<string> Bucket(string key, int burst, int perHour) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromHours(1) / perHour,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
