using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Registration;

[Collection(nameof(BrowserCollection))]
public class RegistrationLinkTests(BrowserFixture browser)
{
    [Fact]
    public async Task ALinkPastItsClosingTimeSaysSoAndOffersNoForm()
    {
        var path = await OpenRegistrationAsync(closesAt: DateTimeOffset.UtcNow.AddHours(-1));
        await using var phone = await browser.NewPhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync(path);

        await Expect(page.Locator("#state")).ToContainTextAsync("Registration is closed. It was open until");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Spring Flash Mentoring" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Your name")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RegisteringAgainWithTheSameEmailChangesNothingUntilTheOwnerConfirmsOnTheirProfile()
    {
        var path = await OpenRegistrationAsync(closesAt: null);
        var ada = new Registrant("Ada Lovelace", "ada@example.gov", "Mentee: I want to learn from a mentor", "HHS", "CMS", "Baltimore", "GS-11", [], ["Budget"]);
        await using var own = await browser.NewPhoneAsync();
        var owner = await own.NewPageAsync();
        await owner.RegisterAsync(path, ada);

        // Someone sends the form again with her e-mail: they are told to check that mailbox, and see nothing of her profile.
        await using var other = await browser.NewPhoneAsync();
        var again = await other.NewPageAsync();
        await again.GotoAsync(path);
        await again.FillAsync(ada with { Location = "Remote" });
        await again.GetByLabel("I have read the privacy notice and agree.").CheckAsync();
        await again.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Check your e-mail" })).ToBeVisibleAsync();
        await Expect(again.Locator("#done-text")).ToContainTextAsync("already registered");
        await Expect(again.GetByRole(AriaRole.Link, new() { Name = "Your profile" })).ToBeHiddenAsync();

        // Her profile shows what would change; she applies it.
        await owner.GetByRole(AriaRole.Link, new() { Name = "Your profile" }).ClickAsync();
        await Expect(owner.GetByLabel("Location", new() { Exact = true })).ToHaveValueAsync("Baltimore");
        await Expect(owner.Locator("#pending-details")).ToContainTextAsync("LocationRemote (now: Baltimore)");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Use the new details" }).ClickAsync();
        await Expect(owner.Locator("#status")).ToHaveTextAsync("Your profile now has the new details.");
        await Expect(owner.GetByLabel("Location", new() { Exact = true })).ToHaveValueAsync("Remote");
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "New details are waiting for you" })).ToBeHiddenAsync();
    }

    /// <summary>An event whose host opened registration through the API; the public page's path.</summary>
    private async Task<string> OpenRegistrationAsync(DateTimeOffset? closesAt)
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Spring Flash Mentoring", startsAt = DateTimeOffset.UtcNow.AddDays(7) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        var settings = await http.PutAsJsonAsync($"/api/events/{created.GetProperty("id").GetString()}/registration", new { open = true, closesAt });
        settings.EnsureSuccessStatusCode();
        var link = (await settings.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!;
        return new Uri(link).PathAndQuery;
    }
}
