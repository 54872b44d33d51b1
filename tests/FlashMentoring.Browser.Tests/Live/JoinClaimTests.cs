using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

[Collection(nameof(BrowserCollection))]
public class JoinClaimTests(BrowserFixture browser)
{
    [Fact]
    public async Task ASecondPhonePickingATakenNameIsToldWhatToDoAndTheHostReleasesItForTheRealPerson()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Claims", startsAt = DateTimeOffset.UtcNow, rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var code = created.GetProperty("joinCode").GetString();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        var roster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\n";
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        // Someone else in the room taps "Ann Lee" first.
        await using var otherPhone = await browser.NewPhoneAsync();
        var other = await otherPhone.NewPageAsync();
        await other.GotoAsync($"/join?code={code}");
        await other.PickYourNameAsync("Ann Lee");

        // Ann's own phone is refused and told where her link is.
        await using var annPhone = await browser.NewPhoneAsync();
        var ann = await annPhone.NewPageAsync();
        await ann.GotoAsync($"/join?code={code}");
        await Expect(ann.GetByRole(AriaRole.Button, new() { Name = "Ann Lee" })).ToContainTextAsync("already joined");
        await ann.GetByRole(AriaRole.Button, new() { Name = "Ann Lee" }).ClickAsync();
        await Expect(ann.Locator("#status")).ToContainTextAsync("ask the host");

        // The host sees that Ann's name was taken and releases it; the console shows the new link's QR code for Ann to scan.
        await using var laptop = await browser.NewScreenAsync(1366, 900);
        var host = await laptop.NewPageAsync();
        await host.GotoAsync(created.GetProperty("hostLink").GetString()!);
        var annsRow = host.Locator("#people tr", new() { HasText = "Ann Lee" });
        await Expect(annsRow).ToContainTextAsync("joined");
        host.Dialog += (_, dialog) => dialog.AcceptAsync();
        await annsRow.GetByRole(AriaRole.Button, new() { Name = "Release: a new personal link for Ann Lee" }).ClickAsync();
        await Expect(host.Locator("#status")).ToContainTextAsync("Ann Lee has a new personal link");
        await Expect(host.Locator("#qr-dialog")).ToBeVisibleAsync();
        await Expect(host.Locator("#qr-title")).ToHaveTextAsync("Ann Lee's personal link");
        (await host.Locator("#qr-image").EvaluateAsync<int>("img => img.naturalWidth")).Should().BeGreaterThan(0, "the QR code is drawn");
        await host.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(annsRow).ToContainTextAsync("new link not opened yet");

        // Picking the name is still refused (a script polling the list cannot take it back); Ann scans the new link.
        await ann.GetByRole(AriaRole.Button, new() { Name = "Ann Lee" }).ClickAsync();
        await Expect(ann.Locator("#status")).ToContainTextAsync("new personal link");
        var newLink = (await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people")).EnumerateArray()
            .First(p => p.GetProperty("name").GetString() == "Ann Lee").GetProperty("link").GetString()!;
        await ann.GotoAsync(newLink);
        await Expect(ann.Locator("#greeting")).ToHaveTextAsync("Hello, Ann Lee");
        await host.ReloadAsync();
        await Expect(host.Locator("#people tr", new() { HasText = "Ann Lee" })).ToContainTextAsync("joined");
        await other.ReloadAsync();
        await Expect(other.Locator("#greeting")).ToHaveTextAsync("This link no longer works");
        await Expect(other.Locator("#no-link")).ToContainTextAsync("Ask the host");
        await Expect(other.Locator("#connection")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ASignedNoteFromABrowserThatIsNotThePersonsOwnPhoneIsRefusedAndThePageSaysWhy()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Notes", startsAt = DateTimeOffset.UtcNow, rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent("role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentee,Ann Lee\nmentee,Ben Okafor\n", Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var people = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        var link = people.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Ann Lee").GetProperty("link").GetString()!;

        // Ann's phone opens her link first; later the same link is opened in another browser.
        await using var annPhone = await browser.NewPhoneAsync();
        var ann = await annPhone.NewPageAsync();
        await ann.GotoAsync(link);
        await Expect(ann.Locator("#greeting")).ToHaveTextAsync("Hello, Ann Lee");
        await using var otherPhone = await browser.NewPhoneAsync();
        var other = await otherPhone.NewPageAsync();
        await other.GotoAsync(link);
        await Expect(other.Locator("#greeting")).ToHaveTextAsync("Hello, Ann Lee");

        (await http.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/events/{id}/clock/skip", new { expectedRound = 1, skipChange = true })).EnsureSuccessStatusCode();
        await other.GetByRole(AriaRole.Button, new() { Name = "1 Not useful" }).ClickAsync();
        await Expect(other.Locator("#rate-status")).ToHaveTextAsync("Sent.");
        await other.Locator("#note").FillAsync("Not Ann's words");
        await other.Locator("#sign-note").CheckAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "Send the note" }).ClickAsync();

        await Expect(other.Locator("#rate-status")).ToContainTextAsync("Not saved: A signed note is sent from your own phone");
    }
}
