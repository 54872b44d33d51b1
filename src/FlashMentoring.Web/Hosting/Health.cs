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
/// </summary>
public static class HealthProbe
{
    private const string Flag = "--health";

    /// <summary>Where the Dockerfile's app listens.</summary>
    private const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    public static bool Requested(string[] args) => args is [Flag, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var answer = await http.GetAsync(new Uri(url));
            await Console.Out.WriteLineAsync($"{url}: {(int)answer.StatusCode}");
            return answer.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Out.WriteLineAsync($"{url}: {ex.Message}");
            return 1;
        }
    }
}
