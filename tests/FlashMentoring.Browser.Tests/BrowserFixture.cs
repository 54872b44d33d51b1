using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests;

/// <summary>The real app on Kestrel (127.0.0.1, a free port, an in-memory store) and one headless Debian Chromium.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly KestrelApp app = new();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where screenshots go: artifacts/screenshots at the repository root (ignored by git).</summary>
    public static string Screenshots { get; } = Path.Combine(FindRepositoryRoot(), "artifacts", "screenshots");

    /// <summary>The repository's root folder (where FlashMentoring.sln is).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The app's services: a test reaches the store or the hub as the app itself would.</summary>
    public IServiceProvider Services => app.Services;

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public async Task InitializeAsync()
    {
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Browser tests need Debian's chromium at {Chromium}: apt-get install chromium (.ci/run does).");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(Screenshots);
        await WarmUpAsync();
    }

    // Twice in CI the first test of a fresh run pressed "Create the event" and saw no host console within 30 s, never
    // again later in the run: the app's first answers (JIT, the first event, the first page) are paid here, outside any
    // test's timeout, so a test measures the app as a host meets it, warm.
    private async Task WarmUpAsync()
    {
        using var http = Http();
        (await http.GetAsync("/")).EnsureSuccessStatusCode();
        var created = await http.PostAsJsonAsync("/api/events", new { title = "Warm-up", startsAt = DateTimeOffset.UtcNow.AddDays(1) });
        created.EnsureSuccessStatusCode();
        var hostLink = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("hostLink").GetString()!;
        (await http.GetAsync(hostLink.Split('#')[0])).EnsureSuccessStatusCode();
    }

    /// <summary>A phone: its own cookies and storage, a 360 px wide touch screen, its browser set to <paramref name="locale"/>.</summary>
    public Task<IBrowserContext> NewPhoneAsync(string locale = "en-US") => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseAddress.ToString(),
        Locale = locale,
        ViewportSize = new ViewportSize { Width = 360, Height = 740 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    });

    /// <summary>A laptop or a projector, its browser set to <paramref name="locale"/> ("es-MX" for a Spanish one).</summary>
    public Task<IBrowserContext> NewScreenAsync(int width, int height, string locale = "en-US") => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseAddress.ToString(),
        Locale = locale,
        ViewportSize = new ViewportSize { Width = width, Height = height },
    });

    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await app.DisposeAsync();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlashMentoring.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    private sealed class KestrelApp : WebApplicationFactory<Program>
    {
        // One app serves every browser test, which create their events from this one machine: lift the creation limits
        // (tests of those limits run against their own app).
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
            .UseSetting("Storage:Provider", "InMemory")
            .UseSetting("Creation:PerDeviceBurst", "1000")
            .UseSetting("Creation:PerNetworkPerHour", "1000")
            .UseSetting("Creation:PerDevicePerHour", "1000")
            .UseSetting("Creation:StoredPerDevice", "1000")
            .UseSetting("Creation:StoredPerNetwork", "1000");
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
