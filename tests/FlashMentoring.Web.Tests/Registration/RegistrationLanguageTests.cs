using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Registration;

/// <summary>Registration and the profile in the registrant's language, and the language they choose for their e-mails and itinerary.</summary>
public class RegistrationLanguageTests
{
    private static object Form(string name = "Ana Ruiz", string email = "ana.ruiz@va.gov", bool consent = true, string? language = null) =>
        new { name, email, role = "mentee", agency = "VA", location = "San Antonio", grade = "GS-11", needs = new[] { "Budget" }, consent, language };

    /// <summary>A browser in Spanish (as i18n.js sends the page's language) opens the registration page and sends the form.</summary>
    private static async Task<HttpResponseMessage> RegisterInSpanishAsync(RegistrationDriver driver, object form)
    {
        var browser = driver.App.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        (await browser.GetAsync($"/api/register/{driver.Code}")).EnsureSuccessStatusCode();
        return await browser.PostAsJsonAsync($"/api/register/{driver.Code}", form);
    }

    [Fact]
    public async Task ASpanishRegistrantWhoLeavesOutTheirNameAndConsentIsToldWhatToFixInSpanish()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var answer = await RegisterInSpanishAsync(driver, Form(name: " ", consent: false));

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("La inscripción no se envió");
        problem.GetProperty("errors").GetProperty("name")[0].GetString().Should().Be("Falta el nombre. Cada persona necesita un nombre.");
        problem.GetProperty("errors").GetProperty("consent")[0].GetString().Should().Contain("aviso de privacidad");
        (await driver.ReadAsync(db => db.People.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task ASpanishRegistrantOutsideTheDomainsOrAfterClosingIsToldInSpanish()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app, new { open = true, domains = "hhs.gov" });

        var outside = await RegisterInSpanishAsync(driver, Form(email: "ana@gmail.com"));
        (await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/registration", new { open = false })).EnsureSuccessStatusCode();
        var closed = await RegisterInSpanishAsync(driver, Form(email: "ana@hhs.gov"));

        outside.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("email")[0].GetString()
            .Should().Be("La inscripción es para correos electrónicos de hhs.gov (también sus subdominios). Use su correo del trabajo.");
        closed.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var refusal = await closed.Content.ReadFromJsonAsync<JsonElement>();
        refusal.GetProperty("title").GetString().Should().Be("La inscripción está cerrada");
        refusal.GetProperty("detail").GetString().Should().Contain("organizador");
    }

    [Fact]
    public async Task ASpanishDeviceThatSendsTooManyRegistrationsIsToldToWaitInSpanish()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        var browser = app.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX");
        (await browser.GetAsync($"/api/register/{driver.Code}")).EnsureSuccessStatusCode();

        HttpResponseMessage last = null!;
        for (var n = 0; n <= RegistrationLimits.PerDeviceBurst; n++)
        {
            last = await browser.PostAsJsonAsync($"/api/register/{driver.Code}", Form(email: $"colega{n}@va.gov"));
        }

        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var problem = await last.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("Espere un momento");
        problem.GetProperty("detail").GetString().Should().Be($"Llegaron muchas inscripciones desde aquí en poco tiempo. Espere {last.Headers.RetryAfter!.Delta!.Value.TotalSeconds} segundos y vuelva a intentarlo.");
    }

    [Fact]
    public async Task ThePreferredLanguageIsStoredReadBackAndKeptWhenAFormLeavesItOut()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var answer = await RegisterInSpanishAsync(driver, Form(language: "ES"));
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        answer.StatusCode.Should().Be(HttpStatusCode.Created, body.ToString());
        body.GetProperty("message").GetString().Should().StartWith("Su inscripción está completa.", "the answer the page shows is in the reader's language");
        var me = driver.Person(body.GetProperty("token").GetString()!);

        (await driver.ReadAsync(db => db.People.SingleAsync())).Language.Should().Be("es", "the e-mails and the itinerary read it from here");
        (await me.GetFromJsonAsync<JsonElement>("/api/me/profile")).GetProperty("language").GetString().Should().Be("es");

        var changed = await me.PutAsJsonAsync("/api/me/profile", Form(language: "en"));
        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString().Should().Be("en");
        var leftOut = await me.PutAsJsonAsync("/api/me/profile", Form(name: "Ana María Ruiz"));
        var view = await leftOut.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("name").GetString().Should().Be("Ana María Ruiz");
        view.GetProperty("language").GetString().Should().Be("en", "a form without the field (the host's edit, an older page) changes no one's language");
    }

    [Fact]
    public async Task ALanguageTheAppDoesNotSpeakIsRefusedNamingTheOnesItDoes()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var registering = await driver.RegisterAsync(Form(language: "fr"));
        var token = await driver.RegisterAsync("Ann Lee", "ann@va.gov", "mentee");
        var editing = await driver.Person(token).PutAsJsonAsync("/api/me/profile", Form(name: "Ann Lee", email: "ann@va.gov", language: "klingon"));

        registering.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var message = (await registering.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("language")[0].GetString();
        message.Should().Contain("en, es").And.Contain("\"fr\"");
        editing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await editing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("language")[0].GetString().Should().Contain("en, es");
        (await driver.ReadAsync(db => db.People.Select(p => p.Language).ToListAsync())).Should().ContainSingle("only Ann is stored").Which.Should().BeNull("her language is not chosen yet: the event's applies");
    }
}
