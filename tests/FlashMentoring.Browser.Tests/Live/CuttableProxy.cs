using System.Net;
using System.Net.Sockets;

namespace FlashMentoring.Browser.Tests.Live;

/// <summary>
/// A TCP proxy between a browser and the app that can go silent as a phone's Wi-Fi does: the sockets stay open, and
/// nothing goes through either way (closing them would be the easy case, which the page already noticed). Back on, the
/// silent connections are dropped, as a phone's dead ones are, and new ones go through.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri upstream;
    private readonly List<TcpClient> open = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private volatile bool cut;

    private CuttableProxy(Uri upstream)
    {
        this.upstream = upstream;
        listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = Task.Run(AcceptLoop);
    }

    /// <summary>Where the browser goes instead of the app.</summary>
    public Uri BaseAddress { get; }

    public static CuttableProxy To(Uri upstream) => new(upstream);

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>From now on nothing goes through, and nothing says so.</summary>
    public void Cut() => cut = true;

    /// <summary>The network is back: connections from the silent time are gone, new ones go through.</summary>
    public void Restore()
    {
        lock (open)
        {
            foreach (var client in open)
            {
                client.Dispose();
            }

            open.Clear();
            cut = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Restore();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(browser));
        }
    }

    private async Task Serve(TcpClient browser)
    {
        var app = new TcpClient();
        lock (open)
        {
            open.Add(browser);
            open.Add(app);
        }

        try
        {
            await app.ConnectAsync(upstream.Host, upstream.Port);
            await Task.WhenAny(Pump(browser.GetStream(), app.GetStream()), Pump(app.GetStream(), browser.GetStream()));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Dropped by Restore, or closed by either end.
        }
        finally
        {
            browser.Dispose();
            app.Dispose();
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
        {
            if (!cut)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            }
        }
    }
}
