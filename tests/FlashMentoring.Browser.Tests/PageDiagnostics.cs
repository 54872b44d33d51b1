using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests;

/// <summary>Steps that, when the page does not get where it should, say what the page did meanwhile.</summary>
public static class PageDiagnostics
{
    /// <summary>
    /// Runs <paramref name="step"/>; when it times out, the failure lists every request the page sent, each answer and
    /// failure, the console, and what the page's status line said, instead of a bare timeout.
    /// </summary>
    public static async Task<T> ExplainingAsync<T>(this IPage page, string what, Func<Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(step);
        var seen = new List<string>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        void Note(string line)
        {
            lock (seen)
            {
                seen.Add($"{started.ElapsedMilliseconds} ms {line}");
            }
        }

        void Sent(object? _, IRequest r) => Note($"sent {r.Method} {r.Url}");
        void Answered(object? _, IResponse r) => Note($"answer {r.Status} {r.Request.Method} {r.Url}");
        void Failed(object? _, IRequest r) => Note($"failed {r.Method} {r.Url}: {r.Failure}");
        void Said(object? _, IConsoleMessage m) => Note($"console {m.Type}: {m.Text}");
        void Navigated(object? _, IFrame f) => Note($"navigated {f.Url}");
        page.Request += Sent;
        page.Response += Answered;
        page.RequestFailed += Failed;
        page.Console += Said;
        page.FrameNavigated += Navigated;
        try
        {
            return await step();
        }
        catch (Exception timeout) when (timeout is TimeoutException or PlaywrightException)
        {
            var status = page.IsClosed ? "(page closed)" : await page.Locator("#status").First.TextContentAsync(new() { Timeout = 2000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no status line)", TaskScheduler.Default);
            string[] lines;
            lock (seen)
            {
                lines = [.. seen];
            }

            throw new TimeoutException($"{what}: timed out at {page.Url}. The page said \"{status}\"; it did: [{string.Join("; ", lines)}]", timeout);
        }
        finally
        {
            page.Request -= Sent;
            page.Response -= Answered;
            page.RequestFailed -= Failed;
            page.Console -= Said;
            page.FrameNavigated -= Navigated;
        }
    }

    /// <summary>
    /// Waits until the page's address matches. Not <c>WaitForURLAsync</c>: it checks the address and then subscribes to
    /// navigations, and a navigation that lands between the two is lost (microsoft/playwright-dotnet#3364): the create
    /// and join steps failed that way in CI, 30 s after the page had already arrived. Polling the address cannot miss it.
    /// </summary>
    public static Task ArriveAtAsync(this IPage page, Regex address) =>
        Assertions.Expect(page).ToHaveURLAsync(address, new() { Timeout = 30_000 });

    /// <inheritdoc cref="ExplainingAsync{T}"/>
    public static Task ExplainingAsync(this IPage page, string what, Func<Task> step) =>
        page.ExplainingAsync(what, async () =>
        {
            await step();
            return true;
        });
}
