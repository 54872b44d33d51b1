using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace FlashMentoring.Web.Hosting;

/// <summary>
/// The device behind a request: a browser keeps a cookie the server issued and signed, so rate limits can count
/// each phone on the venue Wi-Fi on its own instead of the whole room behind one address. A request without a valid
/// cookie (a script, a first visit) counts as its network address.
/// </summary>
public static class Devices
{
    /// <summary>The cookie that names the device.</summary>
    public const string Cookie = "fm-device";

    private const string ItemKey = "fm-device";
    private const string IssuedKey = "fm-device-issued";
    private const string Purpose = "FlashMentoring.Device.v1";

    /// <summary>
    /// The key rate limits count a request under: <c>device:{id}</c> for a request that carried a valid device
    /// cookie, <c>ip:{address}</c> otherwise (a device issued its cookie on this very request still counts as its
    /// address once; how many new cookies an address gets is limited in <see cref="Attempts.MayIssueDevice"/>).
    /// </summary>
    public static string PartitionKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ItemKey] is string id ? "device:" + id : AddressKey(context);
    }

    /// <summary>
    /// The key a claim binds to: the device's, including one whose cookie is being issued on this very request (its
    /// next request carries it), so a phone whose first request opens its link still owns it afterwards. Rate limits
    /// count that first request as its address (<see cref="PartitionKey"/>).
    /// </summary>
    public static string OwnerKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (context.Items[ItemKey] ?? context.Items[IssuedKey]) is string id ? "device:" + id : AddressKey(context);
    }

    /// <summary>The key of the request's network address.</summary>
    public static string AddressKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return "ip:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);
    }

    /// <summary>True when the request carried a valid device cookie.</summary>
    public static bool Known(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ItemKey] is string;
    }

    /// <summary>Reads the device cookie of every request, and gives one to a browser that has none.</summary>
    public static IApplicationBuilder UseDevices(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var protector = context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
            if (Read(protector, context.Request.Cookies[Cookie]) is { } id)
            {
                context.Items[ItemKey] = id;
            }
            // Not on the hub's requests: a browser has its cookie from the page by then, and signing a new one for each
            // connect of a client that keeps none (a script, the load generator) is work for nothing.
            else if (!context.Request.Path.StartsWithSegments("/hubs") && context.RequestServices.GetRequiredService<Attempts>().MayIssueDevice(context))
            {
                var fresh = Secrets.Random(16);
                context.Items[IssuedKey] = fresh;
                context.Response.Cookies.Append(Cookie, protector.Protect(fresh), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    IsEssential = true,
                    MaxAge = TimeSpan.FromDays(365),
                    Path = "/",
                });
            }

            await next(context);
        });

    private static string? Read(IDataProtector protector, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 512)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null; // Forged, from another instance, or from before the keys changed: a new device.
        }
    }
}
