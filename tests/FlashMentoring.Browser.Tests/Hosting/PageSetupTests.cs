using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Events;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Hosting;

[Collection(nameof(BrowserCollection))]
public class PageSetupTests(BrowserFixture browser)
{
    [Fact]
    public async Task EveryFormTakesItsLimitsFromTheServerThatChecksThem()
    {
        // The pages carry today's numbers as a fallback; a server with other limits must win over them.
        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        var limits = EventLimits.View with
        {
            MaxRounds = 12, MaxSeatsPerTable = 7, MaxRoundMinutes = 45, MaxTables = 60, MaxTitle = 80, MaxName = 90,
            MaxRoundsWithoutEvent = 9, MaxSeatsWithoutEvent = 5, MaxPeopleWithoutEvent = 1_500,
        };
        await page.RouteAsync("**/api/limits", route => route.FulfillAsync(new() { ContentType = "application/json", Body = JsonSerializer.Serialize(limits, new JsonSerializerOptions(JsonSerializerDefaults.Web)) }));

        await page.GotoAsync("/");
        await Expect(page.Locator("#rounds")).ToHaveAttributeAsync("max", "12");
        await Expect(page.Locator("#seats")).ToHaveAttributeAsync("max", "7");
        await Expect(page.Locator("#round-minutes")).ToHaveAttributeAsync("max", "45");
        await Expect(page.Locator("#title")).ToHaveAttributeAsync("maxlength", "80");
        await page.GotoAsync("/kit");
        await Expect(page.Locator("#blank-tables")).ToHaveAttributeAsync("max", "60");
        await Expect(page.Locator("#roster-rounds")).ToHaveAttributeAsync("max", "9");
        await Expect(page.Locator("#blank-seats")).ToHaveAttributeAsync("max", "5");
        await page.GotoAsync("/plan.html");
        await Expect(page.Locator("#seats")).ToHaveAttributeAsync("max", "5");
        await Expect(page.Locator("#plan-form")).ToContainTextAsync("up to 1,500 people, 9 rounds and 5 mentees a table");
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
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/plan.html")]
    [InlineData("/kit")]
    public async Task APageWithoutAnEventFitsA360PixelPhoneWithoutSidewaysScrolling(string path)
    {
        await using var phone = await browser.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync(path);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

        overflow.Should().BeLessThanOrEqualTo(0, $"nothing on {path} runs off the side of a phone (the roster's column list did)");
    }
}
