using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

[Collection(nameof(BrowserCollection))]
public class BoardJoinLinkTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    [InlineData(1024, 768)]
    public async Task TheBoardsJoinLinkBreaksOnlyAfterASlashSoItCanBeTypedAsRead(int width, int height)
    {
        using var e = await SmallEvent.CreateAsync(browser, "role,name\nmentor,Mona Lisa\nmentee,Ann Lee\n");
        await using var projector = await browser.NewScreenAsync(width, height);
        var board = await projector.NewPageAsync();
        await board.GotoAsync($"/board/{e.Id}");
        await Expect(board.Locator("#join-url")).ToContainTextAsync("/join?code=");

        // Each character's line on the screen: a new line may begin only after a "/".
        var breaksAfter = await board.EvaluateAsync<string[]>(@"() => {
            const text = document.getElementById('join-url');
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            const chars = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (let i = 0; i < node.length; i++) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                chars.push({ c: node.data[i], top: range.getBoundingClientRect().top });
              }
            }
            const breaks = [];
            for (let k = 1; k < chars.length; k++) if (chars[k].top > chars[k - 1].top + 2) breaks.push(chars[k - 1].c);
            return breaks;
          }");

        breaksAfter.Should().OnlyContain(c => c == "/", "the link must not be split inside a word (it is typed as read)");
        var box = (await board.Locator("#join-url").BoundingBoxAsync())!;
        (box.X + box.Width).Should().BeLessThanOrEqualTo(width, "the link stays on the screen");
        await board.Locator(".board-join").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, $"board-join-{width}.png") });
    }
}
