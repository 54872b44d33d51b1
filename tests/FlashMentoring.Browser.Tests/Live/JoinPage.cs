using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FlashMentoring.Browser.Tests.Live;

/// <summary>The join page's one way to a personal link, as a participant takes it.</summary>
public static class JoinPage
{
    /// <summary>Taps the person's name and waits for their personal page; a timeout says what the page did meanwhile.</summary>
    public static Task PickYourNameAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);

        // Seen once in CI (the phone never reached its page, 30 s): a timeout says what the page sent and was answered.
        return page.ExplainingAsync($"No personal page after tapping '{name}'", async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = name }).First.ClickAsync();
            await page.ArriveAtAsync(new Regex("/me#t="));
        });
    }
}
