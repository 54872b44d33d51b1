using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Core.Planning;
using FlashMentoring.Web.Events;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Hosting;

[Collection(nameof(BrowserCollection))]
public class PageSetupTests(BrowserFixture browser)
{
    [Fact]
    public async Task EveryFormTakesItsLimitsFromTheServerThatChecksThem()
    {
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page.Locator("#rounds")).ToHaveAttributeAsync("max", PlanSettings.MaxRounds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#seats")).ToHaveAttributeAsync("max", PlanSettings.MaxSeatsPerTable.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#round-minutes")).ToHaveAttributeAsync("max", EventLimits.MaxRoundMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#title")).ToHaveAttributeAsync("maxlength", "200");
        await page.GotoAsync("/kit");
        await Expect(page.Locator("#blank-tables")).ToHaveAttributeAsync("max", EventLimits.MaxTables.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GotoAsync("/plan.html");
        await Expect(page.Locator("#rounds")).ToHaveAttributeAsync("max", PlanSettings.MaxRounds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TheHintToListenBeyondThisMachineNamesThePortTheAppUses()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Port", startsAt = DateTimeOffset.UtcNow.AddDays(1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var host = await laptop.NewPageAsync();

        await host.GotoAsync(created.GetProperty("hostLink").GetString()!);

        await Expect(host.Locator("#lan-command")).ToHaveTextAsync($"--urls http://0.0.0.0:{browser.BaseAddress.Port}");
        await Expect(host.Locator("#walk-in-name")).ToHaveAttributeAsync("maxlength", "200");
    }
}
