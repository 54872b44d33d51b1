using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

[Collection(nameof(BrowserCollection))]
public class DeletedEventTests(BrowserFixture browser)
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentee,Ann Lee\nmentee,Ben Okafor\n";

    [Fact]
    public async Task OpenPhonesAndBoardsSayTheEventWasDeletedAndStopReconnectingAndLaterOnesSayItAtOnce()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster);
        await using var phoneContext = await browser.NewPhoneAsync();
        await using var projector = await browser.NewScreenAsync(1280, 720);
        var phone = await phoneContext.NewPageAsync();
        var board = await projector.NewPageAsync();
        await phone.GotoAsync(e.Link("Ann Lee"));
        await board.GotoAsync($"/board/{e.Id}");
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Go to Table {e.TableOf("Ann Lee", 1)}");
        await Expect(board.Locator("#tables li")).ToHaveCountAsync(2);
        var hubRequests = new List<string>();
        foreach (var page in new[] { phone, board })
        {
            page.Request += (_, request) => { if (request.Url.Contains("/hubs/live", StringComparison.Ordinal)) hubRequests.Add(request.Url); };
        }

        (await e.Host.DeleteAsync($"/api/events/{e.Id}")).EnsureSuccessStatusCode();

        await Expect(phone.Locator("#greeting")).ToHaveTextAsync("This event was deleted by its host.");
        await Expect(phone.Locator("#go-to")).ToBeHiddenAsync();
        await Expect(phone.Locator("#connection")).ToBeHiddenAsync();
        await Expect(board.Locator("#title")).ToHaveTextAsync("This event was deleted by its host.");
        await Expect(board.Locator("#tables li")).ToHaveCountAsync(0);
        await Expect(board.Locator("#countdown")).ToHaveTextAsync("");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-deleted.png") });
        await board.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "board-deleted.png") });

        // What would make a live page reconnect at once (the network back, the screen unlocked) does nothing now.
        foreach (var page in new[] { phone, board })
        {
            await page.EvaluateAsync("() => { window.dispatchEvent(new Event('online')); window.dispatchEvent(new Event('pageshow')); }");
            await page.EvaluateAsync("() => new Promise((r) => setTimeout(() => fetch('/favicon.svg').then(() => r()), 50))");
        }

        hubRequests.Should().BeEmpty("a page told its event is gone stops reconnecting");

        // Opened later, on another phone and another screen: said at once, not "Loading... Reconnecting..." forever.
        await using var laterContext = await browser.NewPhoneAsync();
        var later = await laterContext.NewPageAsync();
        await later.GotoAsync(e.Link("Ann Lee"));
        await Expect(later.Locator("#greeting")).ToHaveTextAsync("This link no longer works");
        await Expect(later.Locator("#no-link")).ToContainTextAsync("the event has been deleted by its host");
        await Expect(later.Locator("#connection")).ToBeHiddenAsync();
        var laterBoard = await projector.NewPageAsync();
        await laterBoard.GotoAsync($"/board/{e.Id}");
        await Expect(laterBoard.Locator("#title")).ToHaveTextAsync("No such event: it may have been deleted by its host. Check the board link.");
    }
}
