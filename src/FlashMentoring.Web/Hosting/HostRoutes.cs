using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Hosting;

/// <summary>Marks an endpoint that only the host link may call; the access test finds every host route by it.</summary>
public sealed class HostOnlyAttribute : Attribute;

/// <summary>Marks a host route that the helper link (check-in at the door) may call too.</summary>
public sealed class HelperAllowedAttribute : Attribute;

/// <summary>
/// The routes under <c>/api/events/{id}</c>: one group for the host, whose every route is checked for the host key by
/// one piece of middleware before its handler runs (and before its body is read), and one group for what anyone may
/// read (the board, the join link, the clock).
/// </summary>
public static class HostRoutes
{
    /// <summary>The header (or <c>key</c> query parameter) that carries the host key.</summary>
    public const string HostKeyHeader = "X-Host-Key";

    /// <summary>The header that carries the helper key (the helper link's secret).</summary>
    public const string HelperKeyHeader = "X-Helper-Key";

    private static readonly object HelperItem = new();

    /// <summary>True when the request came in with the helper key, not the host key: it sees less (no personal links).</summary>
    public static bool ByHelper(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.ContainsKey(HelperItem);
    }

    /// <summary>The event's host routes: every endpoint mapped here refuses a request without this event's host key.</summary>
    public static RouteGroupBuilder MapHostRoutes(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/events/{id:guid}").WithMetadata(new HostOnlyAttribute());

    /// <summary>
    /// The check-in routes: host routes that the helper link opens too. Every other host route refuses the helper key,
    /// so what a helper may do is read off this one group.
    /// </summary>
    public static RouteGroupBuilder MapHelperRoutes(this IEndpointRouteBuilder app) =>
        app.MapHostRoutes().WithMetadata(new HelperAllowedAttribute());

    /// <summary>
    /// Checks the host key of every request routed to a host route, as authorization would: after routing, before
    /// the endpoint binds its parameters, so a stranger's request is refused without its body ever being read.
    /// </summary>
    public static IApplicationBuilder UseHostKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<HostOnlyAttribute>() is not null && await Refusal(context) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>The event's public routes.</summary>
    public static RouteGroupBuilder MapPublicEventRoutes(this IEndpointRouteBuilder app) => app.MapGroup("/api/events/{id:guid}");

    /// <summary>
    /// The routes a personal link opens (<c>/api/me</c>): a device that has tried too many unknown links is refused
    /// before the lookup (only failures count, so a phone with its own link is never slowed by a guesser nearby).
    /// </summary>
    public static RouteGroupBuilder MapPersonalRoutes(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/me").WithMetadata(new PersonalLinkAttribute()).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            return http.RequestServices.GetRequiredService<Attempts>().Blocked(http, AttemptKind.UnknownToken)
                ? Attempts.TooMany(http, AttemptKind.UnknownToken)
                : await next(context);
        });

    /// <summary>The answer to a request without the host key.</summary>
    public static IResult NotHost() =>
        TypedResults.Problem(detail: "Open the event from its host link; only it controls the event.", statusCode: StatusCodes.Status403Forbidden, title: "This needs the host link");

    private static async Task<IResult?> Refusal(HttpContext http)
    {
        if (!Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id))
        {
            return TypedResults.NotFound();
        }

        var db = http.RequestServices.GetRequiredService<AppDb>();
        var hashes = await db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.HostKeyHash, e.HelperKeyHash }).FirstOrDefaultAsync(http.RequestAborted);
        if (hashes is null)
        {
            return TypedResults.NotFound();
        }

        var key = http.Request.Headers[HostKeyHeader].FirstOrDefault() ?? http.Request.Query["key"].FirstOrDefault();
        if (HostKeys.Matches(key, hashes.HostKeyHash))
        {
            return null;
        }

        // The hash is read on every request: a helper link the host replaced or revoked stops at once.
        var helperKey = http.Request.Headers[HelperKeyHeader].FirstOrDefault();
        if (hashes.HelperKeyHash is { } helperHash && HostKeys.Matches(helperKey, helperHash))
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<HelperAllowedAttribute>() is not null)
            {
                http.Items[HelperItem] = true;
                return null;
            }

            return TypedResults.Problem(detail: "The helper link does check-in and walk-ins only; ask the host for anything else.", statusCode: StatusCodes.Status403Forbidden, title: "This needs the host link");
        }

        if (!string.IsNullOrEmpty(helperKey))
        {
            return TypedResults.Problem(detail: "The host made a new one or stopped it: ask the host for the new link.", statusCode: StatusCodes.Status403Forbidden, title: "This helper link no longer works");
        }

        // A participant (or anyone) trying a host command: refused, and written down.
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("FlashMentoring.Access")
            .LogWarning("Refused {Method} {Path} without the host key, from {Client}", http.Request.Method, http.Request.Path, http.Connection.RemoteIpAddress);
        return NotHost();
    }
}
