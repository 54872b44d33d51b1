using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests.Events;

/// <summary>The create page's one way to an event, as a host takes it.</summary>
public static class CreatePage
{
    /// <summary>
    /// Presses "Create the event" and waits for the host console. When no console comes, the failure says what the server
    /// answered and what the page told the host, instead of a bare navigation timeout.
    /// </summary>
    public static async Task CreateTheEventAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var seen = new List<string>();
        void Sent(object? _, IRequest r) => seen.Add($"sent {r.Method} {r.Url}");
        void Failed(object? _, IRequest r) => seen.Add($"failed {r.Method} {r.Url}: {r.Failure}");
        void Said(object? _, IConsoleMessage m) => seen.Add($"console {m.Type}: {m.Text}");
        page.Request += Sent;
        page.RequestFailed += Failed;
        page.Console += Said;
        IResponse created;
        try
        {
            created = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync(),
                response => response.Request.Method == "POST" && response.Url.EndsWith("/api/events", StringComparison.Ordinal));
        }
        catch (TimeoutException timeout)
        {
            // Seen twice in CI (the first test of a run), never reproduced: say everything the page did meanwhile.
            throw new TimeoutException($"No answer to the create request. The page said \"{await page.Locator("#status").TextContentAsync()}\"; " +
                                       $"it did: [{string.Join("; ", seen)}]", timeout);
        }
        finally
        {
            page.Request -= Sent;
            page.RequestFailed -= Failed;
            page.Console -= Said;
        }

        created.Status.Should().Be(201, "the page said: {0}", await page.Locator("#status").TextContentAsync());
        await page.WaitForURLAsync("**/host/**", new() { WaitUntil = WaitUntilState.Commit });
    }
}
