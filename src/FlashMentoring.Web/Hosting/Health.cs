using FlashMentoring.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace FlashMentoring.Web.Hosting;

/// <summary>
/// <c>/healthz</c>: the process answers (no check runs, the database is not touched). <c>/readyz</c>: the store can
/// serve (Data/StorageReadiness). Both answer plain text, "Healthy" with 200 or "Unhealthy" with 503, and nothing else:
/// why a check failed goes to the log, never to whoever asks.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageReadiness>("storage", tags: [Ready]);
        return services;
    }

    /// <summary>
    /// Middleware, placed before the device cookie, the rate limits and the host key: a probe every few seconds gets no
    /// cookie, is never refused as too many attempts, and needs no key.
    /// </summary>
    public static WebApplication UseHealthEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}

/// <summary>
/// <c>dotnet FlashMentoring.Web.dll --health [url]</c>: asks a running app's <c>/healthz</c> and exits 0 when it
/// answers 200, 1 otherwise. The container's HEALTHCHECK runs it, as the ASP.NET runtime image has no curl or wget.
/// Without a url it reads the settings the app itself reads (appsettings.json, then the environment): the port from
/// ASPNETCORE_HTTP_PORTS or the first http:// entry of ASPNETCORE_URLS, and the Host header from the first entry of
/// AllowedHosts, so an operator who moves the port or names the real host name does not get an unhealthy container.
/// </summary>
public static class HealthProbe
{
    private const string Flag = "--health";

    public static bool Requested(string[] args) => args is [Flag, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var url = args.Length > 1 ? args[1] : LocalUrl(settings);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            await Console.Out.WriteLineAsync($"{url}: not a URL; give one like http://127.0.0.1:8080/healthz");
            return 1;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var ask = new HttpRequestMessage(HttpMethod.Get, uri);
        if (HostName(settings) is { } host)
        {
            ask.Headers.Host = host;
        }

        try
        {
            using var answer = await http.SendAsync(ask);
            await Console.Out.WriteLineAsync($"{url}: {(int)answer.StatusCode}");
            return answer.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Out.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>This machine's address of the app's first plain-HTTP listener (8080, the image's, when none is set).</summary>
    internal static string LocalUrl(IConfiguration settings)
    {
        var port = settings["ASPNETCORE_HTTP_PORTS"]?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (port is null)
        {
            var listen = settings["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
            var colon = listen?.LastIndexOf(':') ?? -1;
            port = colon > "http://".Length ? listen![(colon + 1)..].TrimEnd('/') : null;
        }

        return $"http://127.0.0.1:{port ?? "8080"}/healthz";
    }

    /// <summary>The host name the app accepts when AllowedHosts names one ("*" or none: any, so none is sent).</summary>
    internal static string? HostName(IConfiguration settings) =>
        settings["AllowedHosts"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.StartsWith("*.", StringComparison.Ordinal) ? "health" + h[1..] : h)
            .FirstOrDefault(h => h != "*");
}
