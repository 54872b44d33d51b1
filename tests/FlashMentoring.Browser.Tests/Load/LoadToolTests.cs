using System.Diagnostics;

namespace FlashMentoring.Browser.Tests.Load;

/// <summary>The load generator (bench/load) runs against the real app, small, so the tool cannot rot.</summary>
[Collection(nameof(BrowserCollection))]
public class LoadToolTests(BrowserFixture browser)
{
    [Fact]
    public async Task ASmallLoadRunDeliversEveryRoundChangeToEveryPhoneOnce()
    {
        var start = new ProcessStartInfo("node", ["bench/load/load.mjs", "--url", browser.BaseAddress.ToString().TrimEnd('/'), "--events", "2", "--phones", "20", "--workers", "2", "--changes", "3"])
        {
            WorkingDirectory = BrowserFixture.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();

        var last = output.TrimEnd().Split('\n')[^1];
        node.ExitCode.Should().Be(0, $"the run reported: {last}\n{errors}");
        last.Should().MatchRegex(@"^phones=40 delivered=120/120 p50=\d+ p95=\d+ p99=\d+ ms .*storm=40/40 in \d+ ms duplicated=0");
    }
}
