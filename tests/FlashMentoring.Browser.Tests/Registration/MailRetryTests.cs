using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Registration;

/// <summary>An invitation the relay has not taken yet: the host reads when it is tried again, and can decide to wait.</summary>
[Collection(nameof(BrowserCollection))]
public class MailRetryTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en-US", @"^Connection refused by the relay \(tries again in 2 minutes, at \d")]
    [InlineData("es-MX", @"^Connection refused by the relay \(se intentará otra vez dentro de 2 minutos, a las \d")]
    public async Task AnInvitationTheRelayRefusedSaysHowSoonItIsTriedAgain(string locale, string expected)
    {
        var (id, key) = await CreateEventAsync();
        // As the sender leaves a message after a failed try (this fixture runs without a relay, so nothing takes it).
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var now = DateTimeOffset.UtcNow;
            db.Mail.Add(new MailRecord
            {
                EventId = id, To = "ada@example.gov", Kind = "invitation", Subject = "Your itinerary", Text = "Table 1", MessageId = $"{Guid.NewGuid():N}@example.gov",
                Attempts = 1, LastError = "Connection refused by the relay", CreatedAt = now.AddMinutes(-1), NextAttemptAt = now.AddMinutes(2).AddSeconds(10),
            });
            await db.SaveChangesAsync();
        }

        await using var laptop = await browser.NewScreenAsync(1280, 800, locale);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync($"/host/{id}/registration#key={key}");

        var row = page.Locator("#failures tr").Filter(new() { HasText = "ada@example.gov" });
        await Expect(row.Locator("td").Last).ToHaveTextAsync(new Regex(expected));
    }

    private async Task<(Guid Id, string HostKey)> CreateEventAsync()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Invitations", startsAt = DateTimeOffset.UtcNow.AddDays(14), rounds = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("hostKey").GetString()!);
    }
}
