using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;

namespace FlashMentoring.Web.Hosting;

/// <summary>Security headers on every answer, and rate limits where guessing would pay.</summary>
public static class Security
{
    // No inline script or style anywhere: the pages load their code and styles from files on this origin.
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
                               "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page (/api, Hosting/ApiDocs) only, told by the nonce item that page alone sets: Scalar's page
    // starts its bundle from one inline module script, let in by that nonce (new for each request); its interface writes
    // inline <style> elements and style attributes, which no nonce covers, hence 'unsafe-inline' for styles. Scripts stay
    // 'self' plus the nonce: no 'unsafe-inline' and no 'unsafe-eval' for scripts (js/api-reference.js).
    private static string ReferencePageCsp(string nonce) =>
        Csp.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
           .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        // Signs the device cookie (Hosting/Devices). The keys live in the data folder (Data/Storage), or in the user's
        // profile for the in-memory demo; a lost key only means new cookies.
        services.AddDataProtection().SetApplicationName("FlashMentoring");
        return services.AddSingleton<Attempts>().AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("FlashMentoring.Access")
                    .LogWarning("Rate limit: {Path} from {Client}", context.HttpContext.Request.Path, context.HttpContext.Connection.RemoteIpAddress);
                await Results.Problem(detail: "Too many attempts from this device. Wait a minute and try again.", statusCode: StatusCodes.Status429TooManyRequests, title: "Slow down")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Set as the answer starts rather than before the endpoint runs: the exception handler clears every header of a
        // request that failed, and a 500 must carry them like any other answer.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                SetHeaders(context);
                return Task.CompletedTask;
            });
            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // Sent only over HTTPS.
        }

        return app;
    }

    private static void SetHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce ? ReferencePageCsp(nonce) : Csp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Personal links and the host link must never travel to another site in a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // API answers hold personal data, personal links and the host's view (people, join lists, kits, exports):
        // nothing of them may stay in a shared computer's browser cache or a proxy's. The pages themselves hold none, and
        // nor do the API reference page's scripts (1.5 MB, fetched again on every visit if not cached).
        var path = context.Request.Path;
        var reference = path.StartsWithSegments(ApiDocs.ReferencePath, out var rest) && rest.Value is "/scalar.js" or "/scalar.aspnetcore.js";
        if ((path.StartsWithSegments("/api") && !reference) || path.StartsWithSegments("/hubs"))
        {
            headers.CacheControl = "no-store";
        }
    }
}
