using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Hosting;

/// <summary>Before the rounds, the console says how far off the planned start is, in the host's language.</summary>
[Collection(nameof(BrowserCollection))]
public class HostConsoleStartTests(BrowserFixture browser)
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentee,Ann Lee\nmentee,Ben Okafor\n";

    [Theory]
    [InlineData("en-US", "Starts in 2 hours.")]
    [InlineData("es-MX", "Empieza dentro de 2 horas.")]
    public async Task TheConsoleSaysHowSoonTheEventStarts(string locale, string expected)
    {
        // Ten minutes past the two hours: the words stay "2 hours" however slow the page is to open.
        var (id, key) = await CreateAsync(DateTimeOffset.UtcNow.AddHours(2).AddMinutes(10), roster: null);
        await using var laptop = await browser.NewScreenAsync(1280, 800, locale);
        var host = await OpenAsync(laptop, id, key);

        await Expect(host.Locator("#starts")).ToHaveTextAsync(expected);
        await Expect(host.Locator("#starts")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("en-US", "Was due to start 5 minutes ago.", "Start")]
    [InlineData("es-MX", "Debía empezar hace 5 minutos.", "Empezar")]
    public async Task AnEventPastItsStartSaysItIsLateUntilTheHostStartsIt(string locale, string expected, string start)
    {
        var (id, key) = await CreateAsync(DateTimeOffset.UtcNow.AddMinutes(-5).AddSeconds(-10), Roster);
        await using var laptop = await browser.NewScreenAsync(1280, 800, locale);
        var host = await OpenAsync(laptop, id, key);
        await Expect(host.Locator("#starts")).ToHaveTextAsync(expected);

        // From the start on, the clock says where the event stands: the planned time has nothing more to say.
        await host.GetByRole(AriaRole.Button, new() { Name = start, Exact = true }).ClickAsync();
        await Expect(host.Locator("#countdown")).Not.ToBeEmptyAsync();
        await Expect(host.Locator("#starts")).ToBeHiddenAsync();
    }

    private async Task<(string Id, string Key)> CreateAsync(DateTimeOffset startsAt, string? roster)
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Start words", startsAt, rounds = 2 })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        var key = created.GetProperty("hostKey").GetString()!;
        if (roster is not null)
        {
            http.DefaultRequestHeaders.Add("X-Host-Key", key);
            (await http.PutAsync($"/api/events/{id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        }

        return (id, key);
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string id, string key)
    {
        var host = await context.NewPageAsync();
        await host.GotoAsync($"/host/{id}#key={key}");
        await Expect(host.Locator("#phase")).Not.ToBeEmptyAsync();
        return host;
    }
}
