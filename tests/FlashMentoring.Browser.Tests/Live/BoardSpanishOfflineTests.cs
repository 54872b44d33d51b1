using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

/// <summary>A board that loses the network says so, in the event's language, at the foot of the screen: the room still reads its tables.</summary>
[Collection(nameof(BrowserCollection))]
public class BoardSpanishOfflineTests(BrowserFixture browser)
{
    [Fact]
    public async Task OfflineTheBoardSaysSoAtTheFootOfTheScreenAndStillShowsTheTables()
    {
        using var e = await SmallEvent.CreateAsync(browser, "role,name\nmentor,Mona Lisa\nmentor,Rafa Nadal\nmentee,Ann Lee\nmentee,Ben Okafor\n");
        (await e.Host.PutAsJsonAsync($"/api/events/{e.Id}/language", new { language = "es" })).EnsureSuccessStatusCode();
        await e.ClockAsync("start");
        await using var wifi = CuttableProxy.To(browser.BaseAddress);
        await using var projector = await browser.NewScreenAsync(1280, 720, "es-MX");
        var board = await projector.NewPageAsync();
        await board.GotoAsync(wifi.Url($"/board/{e.Id}"));
        await Expect(board.Locator("#phase")).ToHaveTextAsync("Ronda 1 de 3");

        wifi.Cut();
        var banner = board.Locator("#connection");
        await Expect(banner).ToHaveTextAsync("Sin conexión: se muestran los últimos horarios conocidos; se reconecta sola.");

        await Expect(banner).ToBeVisibleAsync();
        var box = (await banner.BoundingBoxAsync())!;
        await board.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "board-es-offline.png") });
        box.Height.Should().BeLessThan(720 / 5f, "the notice is one line at the foot of the screen, not a curtain over the board");
        (box.Y + box.Height).Should().BeApproximately(720, 1);
        await Expect(board.GetByText("Mona Lisa")).ToBeVisibleAsync();
        wifi.Restore();
        await Expect(banner).ToBeHiddenAsync();
    }
}
