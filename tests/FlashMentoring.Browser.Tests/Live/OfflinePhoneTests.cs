using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

[Collection(nameof(BrowserCollection))]
public class OfflinePhoneTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentee,Ann Lee\nmentee,Ben Okafor\nmentee,Cy Young\nmentee,Dee Park\n";

    [Fact]
    public async Task APhoneAndTheBoardThatLoseTheServerSayOfflineWithinThreeSecondsKeepCountingAndCatchUpWhenBack()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster);
        // A mentee who changes table between rounds 1 and 2, so catching up shows on her phone.
        var name = new[] { "Ann Lee", "Ben Okafor", "Cy Young", "Dee Park" }.First(n => e.TableOf(n, 1) != e.TableOf(n, 2));
        await using var wifi = CuttableProxy.To(browser.BaseAddress);
        await using var phoneContext = await browser.NewPhoneAsync();
        await using var projector = await browser.NewScreenAsync(1280, 720);
        var phone = await phoneContext.NewPageAsync();
        var board = await projector.NewPageAsync();
        await phone.GotoAsync(wifi.Url(e.Link(name)));
        await board.GotoAsync(wifi.Url($"/board/{e.Id}"));
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"Go to Table {e.TableOf(name, 1)}");
        await Expect(board.Locator("#tables li")).ToHaveCountAsync(2);
        await e.ClockAsync("start");
        await Expect(phone.Locator("#go-to")).ToHaveTextAsync($"You are at Table {e.TableOf(name, 1)}");
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Round 1 of 3");
        await Expect(phone.Locator("#connection")).ToBeHiddenAsync();

        // The Wi-Fi goes silent: no error, no closed socket, just nothing. Each page notes the instant it says so.
        const string offline = "Offline - showing the last known times; reconnects by itself.";
        foreach (var page in new[] { phone, board })
        {
            await page.EvaluateAsync(@"text => new MutationObserver((_, observer) => {
                const banner = document.getElementById('connection');
                if (!banner.hidden && banner.textContent === text) { window.offlineAt = Date.now(); observer.disconnect(); }
              }).observe(document.getElementById('connection'), { attributes: true, childList: true, characterData: true, subtree: true })", offline);
        }

        var cutAt = await phone.EvaluateAsync<double>("Date.now()");
        wifi.Cut();
        await Expect(phone.Locator("#connection")).ToHaveTextAsync(offline);
        await Expect(board.Locator("#connection")).ToHaveTextAsync(offline);
        foreach (var (page, what) in new[] { (phone, "phone"), (board, "board") })
        {
            var after = await page.EvaluateAsync<double>("window.offlineAt") - cutAt;
            output.WriteLine($"The {what} said Offline {after:F0} ms after the network went silent.");
            after.Should().BeLessThan(3000, $"the {what} says it lost the server within 3 s");
        }

        // Still counting down from the last known end of the round, on the phone and on the board.
        var phoneShowed = await phone.Locator("#countdown").TextContentAsync();
        var boardShowed = await board.Locator("#countdown").TextContentAsync();
        await Expect(phone.Locator("#countdown")).Not.ToHaveTextAsync(phoneShowed!);
        await Expect(board.Locator("#countdown")).Not.ToHaveTextAsync(boardShowed!);
        await Expect(phone.Locator("#countdown")).ToHaveTextAsync(new Regex(@"^\d+:\d\d$"));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-offline.png") });
        await board.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "board-offline.png") });

        // The host moves the room on meanwhile; back online, the phone shows its new table and the board the new round.
        await e.ClockAsync("skip", new { expectedRound = 1 });
        wifi.Restore();
        await Expect(phone.Locator("#go-to")).ToContainTextAsync($"Table {e.TableOf(name, 2)}", new() { Timeout = 15000 });
        await Expect(phone.Locator("#phase")).ToContainTextAsync(new Regex("[Rr]ound 2"));
        await Expect(phone.Locator("#connection")).ToBeHiddenAsync();
        await Expect(board.Locator("#phase")).ToContainTextAsync(new Regex("[Rr]ound 2"), new() { Timeout = 15000 });
        await Expect(board.Locator("#connection")).ToBeHiddenAsync();
    }
}
