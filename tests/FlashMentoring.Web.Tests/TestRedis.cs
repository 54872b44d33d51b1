using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlashMentoring.Web.Tests;

/// <summary>
/// A real Redis (Debian's redis-server) on a free loopback port, with nothing saved to disk; it can be stopped and
/// started again on the same port, as an operator's Redis goes away and comes back. Killed, and its folder removed, when
/// the test process is gone.
/// </summary>
public sealed class TestRedis : IAsyncDisposable
{
    private const string Server = "/usr/bin/redis-server";
    private static readonly Lazy<Task<TestRedis>> Shared = new(() => StartAsync());
    private readonly string folder = Directory.CreateTempSubdirectory("fm-redis-").FullName;
    private Process? process;

    private TestRedis(int port) => Port = port;

    public int Port { get; }

    /// <summary>The app's <c>Live:Redis</c> setting for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>One server for the tests that only need one to be there (their events' groups never meet).</summary>
    public static Task<TestRedis> SharedAsync() => Shared.Value;

    /// <summary>A server of the test's own, for a test that stops it.</summary>
    public static async Task<TestRedis> StartAsync()
    {
        if (!File.Exists(Server))
        {
            throw new InvalidOperationException($"The tests of several nodes need Debian's Redis at {Server}: apt-get install redis-server (.ci/run does).");
        }

        var redis = new TestRedis(LocalServers.FreePort());
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Starts the server (again) on its port and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder, "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LocalServers.CleanUpAfterTests(folder, process.Id, "redis-server");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await AnswersAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not answer within 5 s.");
    }

    /// <summary>Kills the server at once, as a crash or a pulled cable would.</summary>
    public async Task StopAsync()
    {
        if (process is { } running)
        {
            Kill(running);
            await running.WaitForExitAsync();
            process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
