using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Online;

[Collection(nameof(BrowserCollection))]
public class HostRoomsPanelSpanishTests(BrowserFixture browser)
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentee,Ann Lee\nmentee,Ben Okafor\nmentee,Cy Young\nmentee,Dee Nguyen\n";

    [Fact]
    public async Task TheConsolesVideoRoomsPanelSpeaksSpanishToASpanishHost()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Mentoría a distancia", startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var (id, key) = (created.GetProperty("id").GetString()!, created.GetProperty("hostKey").GetString()!);
        http.DefaultRequestHeaders.Add("X-Host-Key", key);
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/events/{id}/mode", new { mode = "online" })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/events/{id}/rooms/pattern", new { pattern = "https://meet.agency.gov/{event}-table-{table}" })).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        var missing = (await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/presence")).GetProperty("tables")[0].GetProperty("people")[0].GetProperty("name").GetString()!;
        await ReportMissingAsync(Guid.Parse(id), missing);

        await using var laptop = await browser.NewScreenAsync(1280, 800, "es-MX");
        var page = await laptop.NewPageAsync();
        await page.GotoAsync($"/host/{id}#key={key}");
        var panel = page.Locator("#video-rooms");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(page.Locator("#video-rooms-when")).ToHaveTextAsync("La ronda 1 acaba de empezar: las personas todavía están entrando. Quién no ha entrado se ve después de un minuto.");
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "abrir la sala de la mesa 1" })).ToBeVisibleAsync();
        await Expect(panel).ToContainTextAsync("El mentor avisa que no llegaron:");

        var shown = await panel.EvaluateAsync<string>("node => [node.querySelector('#video-rooms-tables').textContent, node.querySelector('#video-rooms-when').textContent, ...[...node.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))].join(' ')");
        EnglishPhrases.Of("online").Where(p => shown.Contains(p, StringComparison.Ordinal)).Should().BeEmpty("the panel's own words are Spanish");

        await panel.GetByRole(AriaRole.Button, new() { Name = $"Marcar ausente: {missing}" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync(missing);
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = $"Marcar ausente: {missing}" })).ToHaveCountAsync(0);
    }

    private async Task ReportMissingAsync(Guid eventId, string name)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var person = await db.People.SingleAsync(p => p.EventId == eventId && p.Name == name);
        person.MissingRound = 1;
        person.MissingReportedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
    }
}
