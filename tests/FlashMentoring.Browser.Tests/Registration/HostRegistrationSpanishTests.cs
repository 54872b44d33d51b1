using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Browser.Tests.Online;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Registration;

[Collection(nameof(BrowserCollection))]
public class HostRegistrationSpanishTests(BrowserFixture browser)
{
    private const string People = """
        role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid
        mentor,Katherine Johnson,katherine@example.gov,HHS/CDC,Atlanta,GS-15,Data Analytics;Strategic Thinking,,,,
        mentor,Dorothy Vaughan,dorothy@example.gov,VA,Washington,GS-14,Data Analytics;Budget,,,,
        mentee,Ada Lovelace,ada@example.gov,HHS/CMS,Baltimore,GS-11,,Data Analytics,,katherine@example.gov,
        mentee,Alan Turing,alan@example.gov,,Remote,GS-12,,Budget,,katherine@example.gov,
        mentee,Grace Hopper,,NIH,Bethesda,GS-9,,Public Speaking,,katherine@example.gov,
        """;

    [Fact]
    public async Task ASpanishHostOpensRegistrationAddsPeopleAndPlansInSpanishOnANarrowScreen()
    {
        var (eventId, hostKey) = await CreateEventAsync();
        await using var phone = await browser.NewScreenAsync(320, 800, "es-MX");
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"/host/{eventId}/registration#key={hostKey}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inscripción e invitaciones" })).ToBeVisibleAsync();

        await page.GetByLabel("La inscripción está abierta").CheckAsync();
        await page.GetByLabel("Solo direcciones de correo de (opcional)").FillAsync("example.gov");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar la configuración de inscripción" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Guardado. La inscripción está abierta: copie el enlace y compártalo.");
        await Expect(page.Locator("#open-state")).ToHaveTextAsync("Abierta: se inscribieron 0 personas.");
        await Expect(page.GetByAltText("Código QR del enlace de inscripción")).ToBeVisibleAsync();

        await page.GetByLabel("o péguelo aquí").FillAsync(People);
        await page.GetByRole(AriaRole.Button, new() { Name = "Agregar a estas personas" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Se agregaron 5 personas; se actualizaron 0.");
        await Expect(page.Locator("#totals")).ToContainTextAsync("5 personas: 2 mentores, 3 aprendices.");
        await Expect(page.Locator("#registrations tr").Filter(new() { HasText = "Grace Hopper" })).ToContainTextAsync("sin correo");
        // One round at tables of two: three asking for Katherine is one more than her table can seat.
        await Expect(page.Locator("#asked li").First).ToHaveTextAsync(
            "Katherine Johnson (HHS/CDC): lo pidieron 3 aprendices; 3 como primera opción. Una mesa recibe como máximo 2 aprendices en 1 ronda, " +
            "así que no todos los que pidieron conocer a Katherine Johnson podrán hacerlo. Antes de hacer el plan, pida a algunos que elijan a otro mentor en su página «Buscar mentores».");
        await Expect(page.Locator("#mail-off")).ToContainTextAsync("El correo electrónico está desactivado", new() { Timeout = 10_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar la inscripción y hacer el plan" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("La inscripción está cerrada. Plan de rotación hecho: 1 ronda con 2 mesas. Siguiente paso: enviar las invitaciones.");
        await Expect(page.Locator("#open-state")).ToHaveTextAsync("Cerrada. Se inscribieron 0 personas.");

        var english = EnglishPhrases.Of("hostreg");
        english.Should().Contain("Close registration and plan", "the list holds the page's phrases");
        var shown = await EnglishPhrases.ShownAsync(page);
        english.Where(p => shown.Contains(p, StringComparison.Ordinal)).Should().BeEmpty("a Spanish host reads no English on this page");
        (await page.SidewaysOverflowAsync()).Should().BeLessThanOrEqualTo(0, "the Spanish registration page fits 320 px without scrolling sideways");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "host-registration-es-320.png"), FullPage = true });
    }

    private async Task<(string Id, string HostKey)> CreateEventAsync()
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Mentoría de primavera", startsAt = DateTimeOffset.UtcNow.AddDays(14), rounds = 1, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty("hostKey").GetString()!);
    }
}
