using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Live;

[Collection(nameof(BrowserCollection))]
public class ItineraryWordingTests(BrowserFixture browser)
{
    [Fact]
    public async Task APhonesWholeItineraryReadsRoundOneTableAndMentorWithoutAListNumberInFront()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Wording", startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent("role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentee,Ann Lee\nmentee,Ben Okafor\n", Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var link = (await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people")).EnumerateArray()
            .First(p => p.GetProperty("name").GetString() == "Ann Lee").GetProperty("link").GetString()!;

        await using var phone = await browser.NewPhoneAsync();
        var ann = await phone.NewPageAsync();
        await ann.GotoAsync(link);
        await ann.GetByText("Your whole itinerary").ClickAsync();
        var rows = ann.Locator("#itinerary li");

        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Round 1: Table [12] - (Mona Lisa|Omar Khayyam)$"));
        await Expect(rows.Nth(1)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Round 2: Table [12] - (Mona Lisa|Omar Khayyam)$"));
        (await rows.Nth(0).EvaluateAsync<string>("li => getComputedStyle(li).listStyleType")).Should().Be("none", "\"1.\" in front of \"Round 1\" says the same thing twice");
        await ann.Locator("#itinerary-card").ScrollIntoViewIfNeededAsync();
        await ann.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "phone-itinerary-wording.png") });
    }
}
