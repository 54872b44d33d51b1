using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashMentoring.Web.Hosting;

/// <summary>What an attempt is: guessing a join code, guessing a personal link, or claiming a name.</summary>
public enum AttemptKind
{
    /// <summary>A join code that opens no event.</summary>
    WrongCode,

    /// <summary>A personal-link token nobody has.</summary>
    UnknownToken,

    /// <summary>Taking a name from the join list (it succeeds once per name).</summary>
    Claim,
}

/// <summary>
/// Token buckets that make guessing slow without locking out a room. Only failures cost: a wrong join code or an
/// unknown personal link takes a token from its device's bucket (the device cookie, or the network address for a
/// request without one), so a guesser on the venue Wi-Fi empties their own bucket and nobody else's. Claiming names is
/// limited per device and per event, so harvesting an event's names is slow by design.
/// </summary>
public sealed class Attempts : IDisposable
{
    /// <summary>Wrong codes a device may try at once, and how many more it gets a minute.</summary>
    public const int WrongCodeBurst = 20;

    /// <inheritdoc cref="WrongCodeBurst"/>
    public const int WrongCodePerMinute = 10;

    /// <summary>Unknown personal links a device may try at once, and how many more a minute (128-bit links cannot be guessed anyway).</summary>
    public const int UnknownTokenBurst = 20;

    /// <inheritdoc cref="UnknownTokenBurst"/>
    public const int UnknownTokenPerMinute = 10;

    /// <summary>Names one device may claim at once, and how many more a minute (a person claims one; a helper a few).</summary>
    public const int ClaimsPerDeviceBurst = 5;

    /// <inheritdoc cref="ClaimsPerDeviceBurst"/>
    public const int ClaimsPerDevicePerMinute = 2;

    /// <summary>
    /// Names claimed in one event at once, and then a minute: a room of 300 walks in together; beyond that, five a
    /// second (a 1,000-person event's stragglers wait seconds, a harvest of it takes minutes).
    /// </summary>
    public const int ClaimsPerEventBurst = 300;

    /// <inheritdoc cref="ClaimsPerEventBurst"/>
    public const int ClaimsPerEventPerMinute = 300;

    /// <summary>New device cookies one network address gets at once, and then a minute.</summary>
    public const int NewDevicesBurst = 2000;

    /// <inheritdoc cref="NewDevicesBurst"/>
    public const int NewDevicesPerMinute = 60;

    private readonly PartitionedRateLimiter<string> buckets = PartitionedRateLimiter.Create<string, string>(key => key switch
    {
        _ when key.StartsWith("code|", StringComparison.Ordinal) => Bucket(key, WrongCodeBurst, WrongCodePerMinute),
        _ when key.StartsWith("token|", StringComparison.Ordinal) => Bucket(key, UnknownTokenBurst, UnknownTokenPerMinute),
        _ when key.StartsWith("event|", StringComparison.Ordinal) => Bucket(key, ClaimsPerEventBurst, ClaimsPerEventPerMinute),
        _ when key.StartsWith("issue|", StringComparison.Ordinal) => Bucket(key, NewDevicesBurst, NewDevicesPerMinute),
        _ => Bucket(key, ClaimsPerDeviceBurst, ClaimsPerDevicePerMinute),
    });

    /// <summary>True when the request's device has used up its failures of this kind (or its claims).</summary>
    public bool Blocked(HttpContext context, AttemptKind kind) =>
        buckets.GetStatistics(Key(context, kind))?.CurrentAvailablePermits <= 0;

    /// <summary>Counts a failed attempt against the request's device.</summary>
    public void Failed(HttpContext context, AttemptKind kind)
    {
        using var lease = buckets.AttemptAcquire(Key(context, kind));
    }

    /// <summary>
    /// Takes one claim from the device's bucket, then the event's; false when either is empty. The device's comes first:
    /// a device that has used up its own claims must not use up the room's as well.
    /// </summary>
    public bool TryClaim(HttpContext context, Guid eventId)
    {
        using var deviceLease = buckets.AttemptAcquire(Key(context, AttemptKind.Claim));
        if (!deviceLease.IsAcquired)
        {
            return false;
        }

        using var eventLease = buckets.AttemptAcquire("event|" + eventId.ToString("N"));
        return eventLease.IsAcquired;
    }

    /// <summary>
    /// Whether a request may be given a new device cookie: two thousand an address at once (the largest room arriving
    /// through one office router), then one a second. A script that throws its cookie away for a fresh allowance soon gets no
    /// new one, and then counts as its address like any request without a cookie.
    /// </summary>
    public bool MayIssueDevice(HttpContext context)
    {
        using var lease = buckets.AttemptAcquire("issue|" + Devices.AddressKey(context));
        return lease.IsAcquired;
    }

    /// <summary>A 429 that says what happened and when to try again.</summary>
    public static ProblemHttpResult TooMany(HttpContext context, AttemptKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Said in the reader's language: a room of phones joining at once behind one address is where this is met.
        var texts = Languages.Of(context.Request);
        var (wait, what) = kind switch
        {
            AttemptKind.WrongCode => (60 / WrongCodePerMinute, "common.tooMany.wrongCode"),
            AttemptKind.UnknownToken => (60 / UnknownTokenPerMinute, "common.tooMany.unknownToken"),
            _ => (60 / ClaimsPerDevicePerMinute, "common.tooMany.claims"),
        };
        context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: texts.T("common.tooMany.wait", ("what", texts.T(what)), ("wait", texts.Duration(TimeSpan.FromSeconds(wait)))),
            statusCode: StatusCodes.Status429TooManyRequests,
            title: texts.T("common.tooMany.title"));
    }

    public void Dispose() => buckets.Dispose();

    private static string Key(HttpContext context, AttemptKind kind) => kind switch
    {
        AttemptKind.WrongCode => "code|",
        AttemptKind.UnknownToken => "token|",
        _ => "claim|",
    } + Devices.PartitionKey(context);

    private static RateLimitPartition<string> Bucket(string key, int burst, int perMinute) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
