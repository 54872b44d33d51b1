using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Online;

/// <summary>Prompts reach every phone, in the room or online; an online phone's room card speaks only when something changed.</summary>
[Collection(nameof(BrowserCollection))]
public partial class PhonePromptTests(BrowserFixture browser)
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentee,Ann Lee\nmentee,Ben Okafor\nmentee,Cy Young\nmentee,Dee Park\n";

    [Fact]
    public async Task APhoneInTheRoomShowsItsRoundsPromptAndTheHostsNewOneWithoutAReload()
    {
        using var host = browser.Http();
        var (id, ann) = await EventAsync(host, "in-person");
        await PromptsAsync(host, id, "What brought you to public service?");
        await using var context = await browser.NewPhoneAsync();
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(ann);
        await ClockAsync(host, id, "start");

        await Expect(phone.Locator("#go-to")).ToHaveTextAsync(StartsWithYouAreAt());
        await Expect(phone.Locator("#prompt-box")).ToBeVisibleAsync();
        await Expect(phone.Locator("#prompt")).ToHaveTextAsync("What brought you to public service?");
        await PromptsAsync(host, id, "Which project are you proudest of?");
        await Expect(phone.Locator("#prompt")).ToHaveTextAsync("Which project are you proudest of?");
        await Expect(phone.Locator("#room")).ToBeHiddenAsync();
        await ShootAsync(phone, "in-person-phone-prompt.png");
    }

    [Fact]
    public async Task AnOnlinePhoneSaysWhomToWriteToWhenItsRoomHasNoLinkAndRepeatsNothingAtEachClockPush()
    {
        using var host = browser.Http();
        var (id, ann) = await EventAsync(host, "online");
        await using var context = await browser.NewPhoneAsync();
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(ann);
        await Expect(phone.Locator("#room-none")).ToHaveTextAsync(new Regex("^Table \\d's room has no link yet\\. Tell your mentor or the host by e-mail or chat\\.$"));
        await ClockAsync(host, id, "start");
        await phone.GetByRole(AriaRole.Button, new() { Name = "I'm in the room" }).ClickAsync();
        await Expect(phone.Locator("#in-room-status")).ToHaveTextAsync("Thanks, the host sees you're here.");

        // Count every rewrite of the polite live region from now on: a screen reader may read each one out.
        await phone.EvaluateAsync("() => { window.rewrites = 0; new MutationObserver((m) => { window.rewrites += m.length; }).observe(document.getElementById('in-room-status'), { childList: true, characterData: true, subtree: true }); }");
        var clock = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/clock");
        await ClockAsync(host, id, "extend", new { expectedVersion = clock.GetProperty("version").GetInt32(), minutes = 5 });
        await Expect(phone.Locator("#countdown")).ToHaveTextAsync(new Regex("^1[45]:\\d\\d left$"));

        (await phone.EvaluateAsync<int>("() => window.rewrites")).Should().Be(0, "the status said the same before and after the clock's push");
        await Expect(phone.Locator("#in-room-status")).ToHaveTextAsync("Thanks, the host sees you're here.");
    }

    // An event of two rounds starting now, in this mode, with no room links; Ann Lee's personal link.
    private static async Task<(string Id, string Ann)> EventAsync(HttpClient host, string mode)
    {
        var created = await (await host.PostAsJsonAsync("/api/events", new { title = "Prompt Flash Mentoring", startsAt = DateTimeOffset.UtcNow, rounds = 2, seatsPerTable = 2, roundMinutes = 10, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        host.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        (await host.PutAsJsonAsync($"/api/events/{id}/mode", new { mode })).EnsureSuccessStatusCode();
        using var csv = new StringContent(Roster, Encoding.UTF8, "text/csv");
        (await host.PutAsync($"/api/events/{id}/roster", csv)).EnsureSuccessStatusCode();
        var people = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        return (id, people.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Ann Lee").GetProperty("link").GetString()!);
    }

    private static async Task PromptsAsync(HttpClient host, string id, string first) =>
        (await host.PutAsJsonAsync($"/api/events/{id}/prompts", new { prompts = new[] { first } })).EnsureSuccessStatusCode();

    private static async Task ClockAsync(HttpClient host, string id, string command, object? body = null) =>
        (await host.PostAsJsonAsync($"/api/events/{id}/clock/{command}", body ?? new { })).EnsureSuccessStatusCode();

    private static Task ShootAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, name), FullPage = true });

    [GeneratedRegex("^You are at Table [12]$")]
    private static partial Regex StartsWithYouAreAt();
}
