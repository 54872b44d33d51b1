using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Roster;

/// <summary>A helper at the door, on a 360 px phone, with the link the host made: check-in and walk-ins, nothing more.</summary>
[Collection(nameof(BrowserCollection))]
public class HelperLinkTests(BrowserFixture browser)
{
    private const string Roster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentor,Pia Sun,pia@gsa.gov\n" +
                                  "mentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\nmentee,Cy Young,cy@gsa.gov\nmentee,Eve Stone,eve@va.gov\n";

    [Fact]
    public async Task AHelperChecksSomeoneInAndAddsAWalkInTheHostSeesBothAndStoppingTheLinkStopsTheHelper()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Door duty", startsAt = DateTimeOffset.UtcNow, rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        (await http.PutAsync($"/api/events/{created.GetProperty("id").GetString()}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        // The host makes the helper link in the console.
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        host.Dialog += (_, dialog) => dialog.AcceptAsync();
        await host.GotoAsync(created.GetProperty("hostLink").GetString()!);
        await Expect(host.Locator("#helper-state")).ToHaveTextAsync("No helper link yet.");
        await host.GetByRole(AriaRole.Button, new() { Name = "Make a helper link" }).ClickAsync();
        await Expect(host.Locator("#helper-link")).ToContainTextAsync("/help/");
        await host.Locator("#helpers").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-helpers-card.png") });
        await host.GetByRole(AriaRole.Button, new() { Name = "Show its QR code" }).ClickAsync();
        await Expect(host.Locator("#qr-title")).ToHaveTextAsync("Helper link");
        (await host.Locator("#qr-image").EvaluateAsync<int>("img => img.naturalWidth")).Should().BeGreaterThan(0, "the QR code is drawn");
        await host.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        var link = await host.Locator("#helper-link").TextContentAsync();

        // The helper's phone: the list, the walk-in form and the clock's phase, and none of the host's controls.
        await using var phone = await browser.NewPhoneAsync();
        var helper = await phone.NewPageAsync();
        // The link carries the address phones use on the room's network; this test's app listens on this machine only.
        var helperUri = new Uri(link!);
        helperUri.Fragment.Should().StartWith("#key=");
        await helper.GotoAsync(helperUri.PathAndQuery + helperUri.Fragment);
        await Expect(helper.Locator("#title")).ToHaveTextAsync("Door duty");
        await Expect(helper.Locator("#phase")).Not.ToBeEmptyAsync();
        await Expect(helper.Locator("#people tr")).ToHaveCountAsync(7);
        (await helper.Locator("[data-command], #roster-form, #kit-form, #report-card, #helpers, #export-roster").CountAsync()).Should().Be(0, "the helper page has check-in only");

        await helper.GetByRole(AriaRole.Button, new() { Name = "Here: Ann Lee" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Button, new() { Name = "Here: Ann Lee" })).ToHaveAttributeAsync("aria-pressed", "true");
        await helper.Locator("#walk-in-name").FillAsync("Dee Walker");
        await helper.GetByRole(AriaRole.Button, new() { Name = "Add the walk-in" }).ClickAsync();
        await Expect(helper.Locator("#checkin-message")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Dee Walker joins at Table \d in round 1\."));
        await Expect(helper.Locator("#status")).ToBeHiddenAsync();
        await Expect(helper.Locator("#people tr", new() { HasText = "Dee Walker" })).ToContainTextAsync("here");
        (await helper.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(360, "nothing runs off a 360 px screen");
        await helper.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "helper-360.png"), FullPage = true });
        (await helper.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").Should().BeEmpty("the helper page reads with a screen reader too");
        (await host.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").Should().BeEmpty("and the console with its helpers card");

        // The host's console shows both without a reload.
        await Expect(host.Locator("#people tr", new() { HasText = "Ann Lee" })).ToContainTextAsync("here");
        await Expect(host.Locator("#people tr", new() { HasText = "Dee Walker" })).ToBeVisibleAsync();
        // The walk-in added at the door: the host, who holds the printer, sees what it changed and can reprint it.
        await Expect(host.Locator("#checkin-message")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Dee Walker joins at Table \d in round 1\."));
        await Expect(host.Locator("#reprint")).ToBeVisibleAsync();
        // The door sees no personal links: a phone could open, and take, anyone's.
        (await helper.Locator("a[href*='/me#t=']").CountAsync()).Should().Be(0);

        // The host stops the link: the helper's next tap is refused and the page says what to do.
        await host.GetByRole(AriaRole.Button, new() { Name = "Stop the helper link" }).ClickAsync();
        await Expect(host.Locator("#helper-state")).ToHaveTextAsync("No helper link yet.");
        await helper.GetByRole(AriaRole.Button, new() { Name = "Absent: Ben Okafor" }).ClickAsync();
        await Expect(helper.Locator("#status")).ToHaveTextAsync("This helper link no longer works. The host made a new one or stopped it: ask the host for the new link.");
        await Expect(helper.Locator("#people-card")).ToBeHiddenAsync();
        await Expect(host.Locator("#people tr", new() { HasText = "Ben Okafor" })).ToContainTextAsync("expected");
    }
}
