using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Browser.Tests.Registration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Online;

[Collection(nameof(BrowserCollection))]
public class HostOnlineSpanishTests(BrowserFixture browser)
{
    private const string Roster = """
        role,name,attends
        mentor,Mona Lisa,in person
        mentor,Omar Khayyam,online
        mentee,Ann Lee,in person
        mentee,Ben Okafor,online
        mentee,Cy Young,online
        mentee,Dee Nguyen,in person
        """;

    [Fact]
    public async Task ASpanishHostSetsUpAHybridEventInSpanishAndAStarterTheyPickReadsInEnglishForEnglishReaders()
    {
        var (eventId, hostKey) = await CreateEventAsync();
        await using var laptop = await browser.NewScreenAsync(1280, 800, "es-MX");
        var page = await laptop.NewPageAsync();
        await page.GotoAsync($"/host/{eventId}/online#key={hostKey}");
        await Expect(page.Locator("#title")).ToHaveTextAsync("Otoño de mentoría");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");

        await page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Híbrido:") }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar el modo" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Guardado: híbrido. 1 mesa se reúne en línea. Siguiente paso: dé a las salas un patrón de enlace o un CSV.");
        await Expect(page.Locator("#table-2")).ToContainTextAsync("En línea");
        await Expect(page.Locator("#table-1")).ToContainTextAsync("En la sala");

        var pattern = page.GetByLabel("Patrón del enlace de las salas");
        await pattern.FillAsync("https://meet.agency.gov/mesa-{table}");
        await Expect(page.Locator("#pattern-preview")).ToHaveTextAsync("Ponga {event} y {table} en el enlace.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar el patrón" }).ClickAsync();
        await Expect(page.Locator("#pattern-error")).ToContainTextAsync("Ponga {event} y {table} en el enlace, por ejemplo", new() { Timeout = 10_000 });
        await pattern.FillAsync("https://meet.agency.gov/{event}-mesa-{table}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar el patrón" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Patrón guardado: cada mesa en línea tiene su sala, en la lista de abajo.");
        await Expect(page.Locator("#table-2")).ToContainTextAsync("(del patrón)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reemplazar la sala de la mesa 2" }).ClickAsync();
        await Expect(page.GetByLabel("Nuevo enlace para la mesa 2")).ToBeFocusedAsync();

        // The starters are offered in Spanish; the host picks the fifth for round 2.
        var round2 = page.GetByLabel("Ronda 2", new() { Exact = true });
        await Expect(round2.Locator("option").First).ToHaveTextAsync(await SpanishAsync("prompts.open.1"));
        await round2.SelectOptionAsync("prompts.open.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar los temas" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Temas guardados: los teléfonos y la pantalla los muestran desde ahora.");
        await Expect(round2).ToHaveValueAsync("prompts.open.5");

        var english = EnglishPhrases.Of("online");
        english.Should().Contain("Save the prompts", "the list holds the page's phrases");
        var shown = await EnglishPhrases.ShownAsync(page);
        english.Where(p => shown.Contains(p, StringComparison.Ordinal)).Should().BeEmpty("a Spanish host reads no English on this page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-online-es.png"), FullPage = true });

        using var http = browser.Http();
        http.DefaultRequestHeaders.Add("X-Host-Key", hostKey);
        var online = await http.GetFromJsonAsync<JsonElement>($"/api/events/{eventId}/online");
        online.GetProperty("prompts")[1].GetProperty("text").GetString().Should().Be(online.GetProperty("defaults").GetProperty("open")[4].GetString(), "an English reader gets the starter in English");

        // At 320 px, the Spanish page still fits.
        await using var narrow = await browser.NewScreenAsync(320, 800, "es-MX");
        var small = await narrow.NewPageAsync();
        await small.GotoAsync($"/host/{eventId}/online#key={hostKey}");
        await Expect(small.Locator("#table-2 a.room-link")).ToBeVisibleAsync();
        (await small.SidewaysOverflowAsync()).Should().BeLessThanOrEqualTo(0, "the Spanish online page fits 320 px without scrolling sideways");
    }

    private static async Task<string> SpanishAsync(string key)
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(BrowserFixture.RepositoryRoot, "locales", "es", key.Split('.')[0] + ".json")));
        return json.RootElement.GetProperty(key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..]).GetString()!;
    }

    private async Task<(string Id, string HostKey)> CreateEventAsync()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Otoño de mentoría", startsAt = DateTimeOffset.UtcNow.AddDays(14), rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (created.GetProperty("id").GetString()!, created.GetProperty("hostKey").GetString()!);
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (id, key);
    }
}
