using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FlashMentoring.Web.Tests;

/// <summary>What the tests' own servers (PostgreSQL, Redis, an app process) share: a port, and a clean-up that outlives the tests.</summary>
public static class LocalServers
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// Once this test process is gone, stops <paramref name="server"/> (only while its pid still runs
    /// <paramref name="program"/>: a stopped server's pid may go to another program), waits for it to end, and removes
    /// <paramref name="folder"/>. The test runner often ends this process before its exit handlers run, so a watcher in a
    /// session of its own (no longer this process's child) does it. Without <paramref name="program"/>, the server is
    /// left to stop by itself (PostgreSQL's parent-death signal).
    /// </summary>
    public static void CleanUpAfterTests(string folder, int server, string? program)
    {
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        const string Script = "tail --pid=\"$1\" -f /dev/null; "
                              + "[ -n \"$4\" ] && [ \"$(cat /proc/$2/comm 2>/dev/null)\" = \"$4\" ] && kill -9 \"$2\"; "
                              + "tail --pid=\"$2\" -f /dev/null; rm -rf \"$3\"";
        foreach (var argument in (string[])["-f", "sh", "-c", Script, "sh", $"{Environment.ProcessId}", $"{server}", folder, program ?? ""])
        {
            info.ArgumentList.Add(argument);
        }

        using var watcher = Process.Start(info);
    }
}
