using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Kits.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Kits;

[Collection(nameof(BrowserCollection))]
public class KitReprintTests(BrowserFixture browser)
{
    // The host's browser asks for a reprint the way a "Reprint what changed" button does: runKitJob from
    // js/kit-job.js, as it is, with the host key; the PDF holds a dated cover, the two signs and the two itineraries.
    [Fact]
    public async Task AReprintAfterAChangeDownloadsOnlyThoseItinerariesAndSignsThroughTheKitJobModule()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Reprint", startsAt = DateTimeOffset.UtcNow.AddDays(1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var hostKey = created.GetProperty("hostKey").GetString()!;
        http.DefaultRequestHeaders.Add("X-Host-Key", hostKey);
        var roster = await File.ReadAllTextAsync(Path.Combine(BrowserFixture.RepositoryRoot, "samples", "roster-100x25.csv"));
        (await http.PutAsync($"/api/events/{id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var mentees = (await http.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people")).EnumerateArray()
            .Where(p => p.GetProperty("role").GetString() == "mentee").Take(2).ToList();
        var people = string.Join(',', mentees.Select(p => p.GetProperty("id").GetInt64()));

        await using var laptop = await browser.NewScreenAsync(1280, 900);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync(created.GetProperty("hostLink").GetString()!);
        // The console's own reprint offer (reprint.js), as a re-plan answer would make it.
        await page.EvaluateAsync(
            """
            async ([id, key, people]) => {
              const { offerReprint } = await import('/js/reprint.js');
              offerReprint('reprint', { eventId: id, headers: () => ({ 'X-Host-Key': key }), reprint: { people: people.split(',').map(Number), tables: [3, 7] } });
            }
            """, new object[] { id!, hostKey, people });
        await Expect(page.Locator("#reprint")).ToHaveTextAsync("Print the 2 changed itineraries and the 2 changed table signs");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#reprint").ClickAsync());
        var file = Path.Combine(BrowserFixture.Screenshots, "reprint.pdf");
        await download.SaveAsAsync(file);
        var pdf = await File.ReadAllBytesAsync(file);

        download.SuggestedFilename.Should().MatchRegex(@"^reprint-\d{4}\.pdf$");
        await Expect(page.Locator("#reprint-status")).ToContainTextAsync("Ready: 4 pages");
        Poppler.Page(pdf, 1).Should().Contain("Reprint after a change").And.Contain("Tables 3, 7");
        var sheet = Poppler.Page(pdf, 4);
        foreach (var mentee in mentees)
        {
            sheet.Should().Contain(mentee.GetProperty("name").GetString()).And.Contain("Updated");
        }
    }
}
