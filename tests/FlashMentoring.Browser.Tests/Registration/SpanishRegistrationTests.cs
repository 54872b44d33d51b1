using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Registration;

/// <summary>A Spanish-speaking mentee registers, chooses a mentor and reads her profile, all in Spanish.</summary>
[Collection(nameof(BrowserCollection))]
public partial class SpanishRegistrationTests(BrowserFixture browser)
{
    private const string MentorsCsv = """
        role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid
        mentor,Katherine Johnson,katherine@example.gov,HHS/CDC,Atlanta,GS-15,Data Analytics;Strategic Thinking,,,,
        mentor,Dorothy Vaughan,dorothy@example.gov,VA,Washington,GS-14,Budget;Conflict Management,,,,
        """;

    [Fact]
    public async Task ASpanishMenteeRegistersChoosesAMentorAndSeesHerLanguageOnHerProfileWithNoEnglishOnTheWay()
    {
        var path = await OpenRegistrationWithMentorsAsync();
        await using var phone = await browser.NewPhoneAsync("es-MX");
        var page = await phone.NewPageAsync();

        // The registration page, in Spanish; her language is offered as the page's.
        await page.GotoAsync(path);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("#state")).ToContainTextAsync("La inscripción está abierta.");
        await Expect(page.GetByLabel("Idioma preferido")).ToHaveValueAsync("es");
        await page.GetByLabel("Su nombre").FillAsync("Lucía Fernández");
        await page.GetByLabel("Correo electrónico del trabajo").FillAsync("lucia@example.gov");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Aprendiz: quiero aprender de un mentor" }).CheckAsync();
        await page.GetByLabel("Agencia", new() { Exact = true }).FillAsync("VA");
        await page.GetByRole(AriaRole.Group, new() { Name = "Lo que quiere aprender" }).GetByLabel("Análisis de datos", new() { Exact = true }).CheckAsync();

        // She forgets the privacy box: the server's refusal comes back in Spanish, by the box.
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscribirme" }).ClickAsync();
        await Expect(page.Locator("#pf-consent-error")).ToHaveTextAsync("Marque la casilla para aceptar el aviso de privacidad; sin ella no puede inscribirse.");
        await Expect(page.Locator("#status")).ToContainTextAsync("La inscripción no se envió");
        await NoEnglishAsync(page, "the registration form");
        await FitsAsync(page, "the registration form");
        await NoAccessibilityProblemsAsync(page, "the registration form");
        await page.SetViewportSizeAsync(360, 800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "register-es.png"), FullPage = true });

        await page.GetByLabel("Leí el aviso de privacidad y estoy de acuerdo.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Inscribirme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inscripción completa" })).ToBeVisibleAsync();
        await Expect(page.Locator("#done-text")).ToHaveTextAsync("Su inscripción está completa. Guarde su enlace personal: es la única forma de cambiar su perfil.");
        await NoEnglishAsync(page, "the registration's answer");

        // The mentor search: competencies in Spanish, a mentor marked "Quiero conocer".
        await page.GetByRole(AriaRole.Link, new() { Name = "Buscar mentores" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("2 mentores.");
        await page.GetByLabel("Experiencia", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Análisis de datos" });
        await Expect(page.Locator("#status")).ToHaveTextAsync("Un mentor coincide.");
        var katherine = page.Locator("#results .mentor-card").Filter(new() { HasText = "Katherine Johnson" });
        await Expect(katherine).ToContainTextAsync("Experiencia: Análisis de datos, Pensamiento estratégico");
        await katherine.GetByRole(AriaRole.Button, new() { Name = "Quiero conocer" }).ClickAsync();
        await Expect(katherine.GetByRole(AriaRole.Button, new() { Name = "Quiero conocer: opción 1" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#save-state")).ToHaveTextAsync("Guardado. Quiero conocer: 1. Prefiero no: 0.");
        await Expect(page.Locator("#must-meet li")).ToHaveTextAsync([new Regex("^Katherine Johnson")]);
        await NoEnglishAsync(page, "the mentor search");
        await FitsAsync(page, "the mentor search");
        await NoAccessibilityProblemsAsync(page, "the mentor search");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "mentors-es.png"), FullPage = true });

        // Her profile: her choice and the language she registered in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Su perfil" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lucía Fernández: su perfil" })).ToBeVisibleAsync();
        await Expect(page.Locator("#choices-summary")).ToContainTextAsync("Quiero conocer: 1. Katherine Johnson.");
        await Expect(page.GetByLabel("Idioma preferido")).ToHaveValueAsync("es");
        await Expect(page.GetByLabel("Idioma preferido").Locator("option:checked")).ToHaveTextAsync("Español");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Lo que quiere aprender" }).GetByLabel("Análisis de datos", new() { Exact = true })).ToBeCheckedAsync();
        await NoEnglishAsync(page, "the profile page");
        await FitsAsync(page, "the profile page");
        await NoAccessibilityProblemsAsync(page, "the profile page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, "profile-es.png"), FullPage = true });
    }

    [Fact]
    public async Task AClosedLinkSaysSoInSpanishAndFitsANarrowPhone()
    {
        var path = await OpenRegistrationWithMentorsAsync(open: false);
        await using var phone = await browser.NewPhoneAsync("es-MX");
        var page = await phone.NewPageAsync();

        await page.GotoAsync(path);

        await Expect(page.Locator("#state")).ToHaveTextAsync("La inscripción está cerrada. Pida al organizador del evento que agregue su nombre.");
        await Expect(page.GetByLabel("Su nombre")).ToHaveCountAsync(0);
        await NoEnglishAsync(page, "the closed registration page");
        await FitsAsync(page, "the closed registration page");
        await NoAccessibilityProblemsAsync(page, "the closed registration page");
    }

    /// <summary>An event whose host opened registration through the API and added two mentors from a CSV; the page's path.</summary>
    private async Task<string> OpenRegistrationWithMentorsAsync(bool open = true)
    {
        using var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Mentoría relámpago de otoño", startsAt = DateTimeOffset.UtcNow.AddDays(10), rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        var settings = await http.PutAsJsonAsync($"/api/events/{id}/registration", new { open = true });
        settings.EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/events/{id}/people/import", new StringContent(MentorsCsv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        if (!open)
        {
            (await http.PutAsJsonAsync($"/api/events/{id}/registration", new { open = false })).EnsureSuccessStatusCode();
        }

        return new Uri((await settings.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!).PathAndQuery;
    }

    /// <summary>
    /// Fails when the page shows (as text, a label, a placeholder or a title) an English phrase of the registration,
    /// profile and mentor search texts: every English text of at least 12 characters, outside its placeholders, that
    /// the Spanish one does not share.
    /// </summary>
    private static async Task NoEnglishAsync(IPage page, string what)
    {
        var shown = await page.EvaluateAsync<string>("""
            () => [document.body.innerText,
                   ...[...document.querySelectorAll('option')].map((o) => o.textContent),
                   ...[...document.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((n) => [n.getAttribute('aria-label'), n.getAttribute('placeholder'), n.getAttribute('title')])]
                .filter(Boolean).join('\n')
            """);
        EnglishPhrases.Where(p => shown.Contains(p, StringComparison.Ordinal)).Should().BeEmpty($"{what} in Spanish shows no English (it shows: {shown})");
    }

    private static async Task NoAccessibilityProblemsAsync(IPage page, string what)
    {
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = RunOnlyOptions.Tags("wcag2a", "wcag2aa", "wcag21a", "wcag21aa") });
        results.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})")
            .Should().BeEmpty($"{what} in Spanish meets WCAG 2.1 AA as axe-core checks it");
    }

    private static async Task FitsAsync(IPage page, string what)
    {
        await page.SetViewportSizeAsync(320, 800);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(320, $"{what} in Spanish fits a 320 px screen without scrolling sideways");
    }

    private static readonly IReadOnlyList<string> EnglishPhrases = ReadEnglishPhrases();

    private static List<string> ReadEnglishPhrases()
    {
        var phrases = new List<string>();
        foreach (var area in new[] { "register", "profile", "mentors" })
        {
            using var en = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "locales", "en", area + ".json")));
            using var es = JsonDocument.Parse(File.ReadAllText(Path.Combine(BrowserFixture.RepositoryRoot, "locales", "es", area + ".json")));
            foreach (var entry in en.RootElement.EnumerateObject())
            {
                var spanish = string.Join('\n', Forms(es.RootElement.GetProperty(entry.Name)));
                phrases.AddRange(Forms(entry.Value)
                    .SelectMany(text => Placeholder().Split(Regex.Replace(text, "<[^>]+>", "")))
                    .Select(part => part.Trim())
                    .Where(part => part.Length >= 12 && !spanish.Contains(part, StringComparison.Ordinal)));
            }
        }

        return phrases.Distinct().ToList();
    }

    private static IEnumerable<string> Forms(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? [value.GetString()!] : value.EnumerateObject().Select(f => f.Value.GetString()!);

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();
}
