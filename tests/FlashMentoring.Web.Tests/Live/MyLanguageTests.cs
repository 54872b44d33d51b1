using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.SignalR.Client;

namespace FlashMentoring.Web.Tests.Live;

/// <summary>The phone's language switch sticks to the personal link: stored on the person, shown by every device that opens it.</summary>
public class MyLanguageTests
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentee,Ann Lee\nmentee,Ben Okafor\n";

    private static async Task<(CreatedEvent Event, Dictionary<string, string> Tokens)> Planned(TestApp app)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        return (created, people.ToDictionary(p => p.Name, p => p.Link!["/me#t=".Length..]));
    }

    private static HttpClient Phone(TestApp app, string token, string? language = null)
    {
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, token);
        if (language is not null)
        {
            phone.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return phone;
    }

    [Fact]
    public async Task APersonWhoPicksSpanishGetsSpanishBackOnEveryDeviceThatOpensTheirLink()
    {
        using var app = new TestApp();
        var (_, tokens) = await Planned(app);
        var annsPhone = Phone(app, tokens["Ann Lee"]);
        var before = await annsPhone.GetFromJsonAsync<PersonalView>("/api/me");

        var chosen = await annsPhone.PutAsJsonAsync("/api/me/language", new { language = "es" });
        var laptop = Phone(app, tokens["Ann Lee"]);
        var after = await laptop.GetFromJsonAsync<PersonalView>("/api/me");
        await using var hub = await app.ConnectLiveAsync();
        var snapshot = await hub.InvokeAsync<PersonalView>(nameof(LiveHub.JoinPerson), tokens["Ann Lee"]);
        var ben = await Phone(app, tokens["Ben Okafor"]).GetFromJsonAsync<PersonalView>("/api/me");

        before!.Language.Should().BeNull("until she chooses, her phone follows its browser");
        chosen.StatusCode.Should().Be(HttpStatusCode.OK);
        (await chosen.Content.ReadFromJsonAsync<MyLanguageView>())!.Language.Should().Be("es");
        after!.Language.Should().Be("es", "another device opening her link shows her choice");
        snapshot.Language.Should().Be("es", "the live snapshot a phone opens with carries it too");
        ben!.Language.Should().BeNull("her choice is hers alone");
    }

    [Fact]
    public async Task TheLanguageTheRosterGaveSomeoneStaysWithThemAfterTheirPhoneClaimsTheirLink()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created, "role,name,language\nmentor,Mona Lisa,\nmentee,Ann Lee,es\nmentee,Ben Okafor,\n");
        var people = (await app.HostClient(created.HostKey).GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        var annsPhone = Phone(app, people.Single(p => p.Name == "Ann Lee").Link!["/me#t=".Length..]);

        var first = await annsPhone.GetFromJsonAsync<PersonalView>("/api/me");
        var again = await annsPhone.GetFromJsonAsync<PersonalView>("/api/me");

        first!.Language.Should().Be("es");
        again!.Language.Should().Be("es", "claiming her link for her phone (the first open) changes the claim, not her language");
    }

    [Fact]
    public async Task AnItineraryPrintedAfterThePersonSwitchedToSpanishIsInSpanish()
    {
        using var app = new TestApp();
        var (created, tokens) = await Planned(app);
        var host = app.HostClient(created.HostKey);
        var before = FlashMentoring.Kits.Tests.Poppler.Text(await host.GetByteArrayAsync($"/api/events/{created.Id}/kit/itineraries.pdf"));

        (await Phone(app, tokens["Ann Lee"]).PutAsJsonAsync("/api/me/language", new { language = "es" })).EnsureSuccessStatusCode();
        var after = FlashMentoring.Kits.Tests.Poppler.Text(await host.GetByteArrayAsync($"/api/events/{created.Id}/kit/itineraries.pdf"));

        static string Of(string text, string name, string next) => text[text.IndexOf(name, StringComparison.Ordinal)..text.IndexOf(next, StringComparison.Ordinal)];
        Of(before, "Ann Lee", "Ben Okafor").Should().Contain("Round 1");
        Of(after, "Ann Lee", "Ben Okafor").Should().Contain("Ronda 1", "the kit printed after her switch, with the plan unchanged, reads her language").And.NotContain("Round 1");
        after[after.IndexOf("Ben Okafor", StringComparison.Ordinal)..].Should().Contain("Round 1");
    }

    [Fact]
    public async Task ASpanishPhoneThatTriesTooManyCodesIsToldToSlowDownInSpanish()
    {
        using var app = new TestApp();
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX");

        HttpResponseMessage answer;
        var tries = 0;
        do
        {
            answer = await phone.GetAsync("/api/join/ZZZZZZ");
        }
        while (answer.StatusCode != HttpStatusCode.TooManyRequests && ++tries < 50);

        answer.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("Más despacio");
        problem.GetProperty("detail").GetString().Should().Be("Demasiados códigos equivocados desde este dispositivo. Espere 6 segundos y vuelva a intentarlo.");
    }

    [Fact]
    public async Task ALanguageTheAppDoesNotSpeakIsRefusedAndSaysWhichItDoes()
    {
        using var app = new TestApp();
        var (_, tokens) = await Planned(app);
        var annsPhone = Phone(app, tokens["Ann Lee"]);
        var spanishPhone = Phone(app, tokens["Ann Lee"], "es-MX");

        var french = await annsPhone.PutAsJsonAsync("/api/me/language", new { language = "fr" });
        var empty = await annsPhone.PutAsJsonAsync("/api/me/language", new { language = "" });
        var klingon = await spanishPhone.PutAsJsonAsync("/api/me/language", new { language = "tlh" });
        var view = await annsPhone.GetFromJsonAsync<PersonalView>("/api/me");

        french.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await french.Content.ReadAsStringAsync()).Should().Contain("not available").And.Contain("en, es");
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        klingon.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await klingon.Content.ReadAsStringAsync()).Should().Contain("Este idioma no está disponible", "a Spanish phone is answered in Spanish");
        view!.Language.Should().BeNull("nothing was stored");
    }

    [Fact]
    public async Task AnotherPersonsTokenChangesOnlyThatPersonAndNoTokenChangesNobody()
    {
        using var app = new TestApp();
        var (_, tokens) = await Planned(app);
        var annsPhone = Phone(app, tokens["Ann Lee"]);
        (await annsPhone.PutAsJsonAsync("/api/me/language", new { language = "es" })).EnsureSuccessStatusCode();

        var bens = await Phone(app, tokens["Ben Okafor"]).PutAsJsonAsync("/api/me/language", new { language = "en" });
        var guessed = await Phone(app, "not-anyones-token-at-all").PutAsJsonAsync("/api/me/language", new { language = "en" });
        var none = await app.CreateClient().PutAsJsonAsync("/api/me/language", new { language = "en" });
        var ann = await annsPhone.GetFromJsonAsync<PersonalView>("/api/me");
        var ben = await Phone(app, tokens["Ben Okafor"]).GetFromJsonAsync<PersonalView>("/api/me");

        bens.StatusCode.Should().Be(HttpStatusCode.OK);
        ben!.Language.Should().Be("en");
        ann!.Language.Should().Be("es", "Ben's token changes Ben's language, never Ann's");
        guessed.StatusCode.Should().Be(HttpStatusCode.NotFound);
        none.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await guessed.Content.ReadAsStringAsync()).Should().Contain("personal link");
    }

    [Fact]
    public async Task ADefaultPromptComesWithItsKeySoEachPhoneWordsItInItsOwnLanguage()
    {
        using var app = new TestApp();
        var (_, tokens) = await Planned(app);

        var view = await Phone(app, tokens["Ann Lee"]).GetFromJsonAsync<JsonElement>("/api/me");
        var first = view.GetProperty("rounds")[0];

        first.GetProperty("promptKey").GetString().Should().Be("prompts.open.1");
        first.GetProperty("prompt").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task AWrongJoinCodeIsExplainedInThePhonesLanguage()
    {
        using var app = new TestApp();
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");

        var answer = await phone.GetAsync("/api/join/NOPE42");
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();

        answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.GetProperty("title").GetString().Should().Be("No hay un evento con este código");
        body.GetProperty("detail").GetString().Should().Contain("NOPE42");
    }
}
