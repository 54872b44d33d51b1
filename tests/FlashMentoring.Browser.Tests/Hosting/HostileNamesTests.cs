using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Hosting;

[Collection(nameof(BrowserCollection))]
public class HostileNamesTests(BrowserFixture browser)
{
    [Fact]
    public async Task NamesWithMarkupShowAsTextOnThePhoneTheHostConsoleAndTheBoard()
    {
        const string Mentor = "<img src=x onerror=\"document.title='pwned'\">";
        const string Mentee = "<b>Bold</b> Ann";
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "<script>alert(1)</script>", startsAt = DateTimeOffset.UtcNow, rounds = 1, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        var roster = $"role,name\nmentor,\"{Mentor.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\nmentee,{Mentee}\n";
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var people = await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        var link = people.EnumerateArray().First(p => p.GetProperty("role").GetString() == "mentee").GetProperty("link").GetString()!;

        await using var context = await browser.NewScreenAsync(1280, 800);
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(link);
        await Expect(phone.Locator("#greeting")).ToHaveTextAsync($"Hello, {Mentee}");
        await Expect(phone.Locator("#mentor")).ToContainTextAsync(Mentor);
        var host = await context.NewPageAsync();
        await host.GotoAsync(created.GetProperty("hostLink").GetString()!);
        await Expect(host.Locator("#people")).ToContainTextAsync(Mentee);
        var board = await context.NewPageAsync();
        await board.GotoAsync($"/board/{id}");
        await Expect(board.Locator("#tables")).ToContainTextAsync(Mentor);

        foreach (var page in new[] { phone, host, board })
        {
            (await page.Locator("b, img[src=x], main script").CountAsync()).Should().Be(0, "user data never becomes markup");
            (await page.TitleAsync()).Should().NotBe("pwned");
        }

        await Expect(board.Locator("#title")).ToHaveTextAsync("<script>alert(1)</script>");
    }
}
