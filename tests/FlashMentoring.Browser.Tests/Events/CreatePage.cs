using System.Text.RegularExpressions;
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
        // Seen three times in CI (the first test of a run), never reproduced: a timeout says everything the page did meanwhile.
        var created = await page.ExplainingAsync("No answer to the create request", () => page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/api/events", StringComparison.Ordinal)));

        created.Status.Should().Be(201, "the page said: {0}", await page.Locator("#status").TextContentAsync());
        await page.ExplainingAsync("No host console after the event was created", () => page.ArriveAtAsync(new Regex("/host/")));
    }
}
