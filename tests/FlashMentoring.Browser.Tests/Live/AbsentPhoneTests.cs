using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

[Collection(nameof(BrowserCollection))]
public class AbsentPhoneTests(BrowserFixture browser)
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentor,Pia Sun\nmentee,Ann Lee\nmentee,Ben Okafor\nmentee,Cy Young\nmentee,Dee Park\n";

    [Fact]
    public async Task APhoneMarkedAbsentSaysSoOffersImHereAndShowsItsTableOnceTheHostConfirms()
    {
        using var e = await SmallEvent.CreateAsync(browser, Roster);
        await using var annContext = await browser.NewPhoneAsync();
        await using var monaContext = await browser.NewPhoneAsync();
        var ann = await annContext.NewPageAsync();
        var mona = await monaContext.NewPageAsync();
        await ann.GotoAsync(e.Link("Ann Lee"));
        await mona.GotoAsync(e.Link("Mona Lisa"));
        await Expect(ann.Locator("#go-to")).ToHaveTextAsync($"Go to Table {e.TableOf("Ann Lee", 1)}");
        await Expect(mona.Locator("#go-to")).ToHaveTextAsync("Go to Table 1");

        await e.MarkAsync("Ann Lee", "absent");
        await e.MarkAsync("Mona Lisa", "absent");

        // Not "take a break": each phone says the host marked them absent, and offers to say otherwise.
        foreach (var phone in new[] { ann, mona })
        {
            await Expect(phone.Locator("#go-to")).ToHaveTextAsync("You were marked absent");
            await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "I'm here" })).ToBeVisibleAsync();
        }

        await ann.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-absent.png"), FullPage = true });
        await ann.GetByRole(AriaRole.Button, new() { Name = "I'm here" }).ClickAsync();
        await Expect(ann.Locator("#here-status")).ToHaveTextAsync("Asked: the host will confirm.");
        await Expect(ann.GetByRole(AriaRole.Button, new() { Name = "I'm here" })).ToBeHiddenAsync();
        await ann.ReloadAsync();
        await Expect(ann.Locator("#here-status")).ToHaveTextAsync("Asked: the host will confirm.");
        await ann.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-absent-asked.png") });

        // The host sees her and marks her arrived: her phone shows her table again, pushed, without a reload.
        await e.MarkAsync("Ann Lee", "arrived");
        await e.ReadAsync();
        await Expect(ann.Locator("#go-to")).ToHaveTextAsync($"Go to Table {e.TableOf("Ann Lee", 1)}");
        await Expect(ann.Locator("#absent-card")).ToBeHiddenAsync();
        await Expect(mona.Locator("#go-to")).ToHaveTextAsync("You were marked absent");
    }
}
