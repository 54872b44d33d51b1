using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Online;
using static FlashMentoring.Web.Tests.Online.RoomsEventForTests;

namespace FlashMentoring.Web.Tests.Online;

public class OnlineLanguageTests
{
    [Fact]
    public async Task TheOnlinePageOfASpanishReaderOffersTheStartersInSpanishWithTheirKeys()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app, rounds: 3, format: "peer-to-peer");
        var spanish = Texts.For("es");

        var view = await GetAsync(host, created.Id, "es-MX,es;q=0.9");

        view.Defaults["peer-to-peer"].Should().Equal(RoundPrompts.Defaults(MentoringFormat.PeerToPeer, spanish));
        view.DefaultKeys["peer-to-peer"].Should().Equal(Enumerable.Range(1, 8).Select(r => $"prompts.peerToPeer.{r}"));
        view.Prompts.Should().Equal(
            new RoundPromptView(1, spanish.T("prompts.peerToPeer.1"), true, "prompts.peerToPeer.1"),
            new RoundPromptView(2, spanish.T("prompts.peerToPeer.2"), true, "prompts.peerToPeer.2"),
            new RoundPromptView(3, spanish.T("prompts.peerToPeer.3"), true, "prompts.peerToPeer.3"));
        view.Prompts[0].Text.Should().NotBe(Texts.English.T("prompts.peerToPeer.1"), "the Spanish differs from the English");
    }

    [Fact]
    public async Task AStarterPickedOnASpanishPageIsReadInEachReadersLanguageAndTheHostsOwnWordsStayAsWritten()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app, rounds: 3);
        var spanish = Texts.For("es");

        // Round 1: the fifth starter, as a Spanish page sends it; round 2: the host's own words; round 3: the sixth, by key.
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{created.Id}/prompts")
        {
            Content = JsonContent.Create(new { prompts = new[] { spanish.T("prompts.open.5"), "¿Qué aprendió en su último proyecto?", "prompts.open.6" } }),
        };
        put.Headers.AcceptLanguage.ParseAdd("es");
        (await host.SendAsync(put)).StatusCode.Should().Be(HttpStatusCode.OK);
        var english = await GetAsync(host, created.Id, "en-US");
        var inSpanish = await GetAsync(host, created.Id, "es");

        english.Prompts.Should().Equal(
            new RoundPromptView(1, Texts.English.T("prompts.open.5"), false, "prompts.open.5"),
            new RoundPromptView(2, "¿Qué aprendió en su último proyecto?", false),
            new RoundPromptView(3, Texts.English.T("prompts.open.6"), false, "prompts.open.6"));
        inSpanish.Prompts.Select(p => p.Text).Should().Equal(spanish.T("prompts.open.5"), "¿Qué aprendió en su último proyecto?", spanish.T("prompts.open.6"));
    }

    [Fact]
    public async Task ASpanishHostReadsWhatToFixInSpanish()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app, rounds: 2);

        using var prompts = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{created.Id}/prompts")
        {
            Content = JsonContent.Create(new { prompts = new[] { "Bien", new string('a', RoundPrompts.MaxLength + 1) } }),
        };
        prompts.Headers.AcceptLanguage.ParseAdd("es-MX");
        using var pattern = new HttpRequestMessage(HttpMethod.Put, $"/api/events/{created.Id}/rooms/pattern") { Content = JsonContent.Create(new { pattern = "https://meet.agency.gov/mesa-{table}" }) };
        pattern.Headers.AcceptLanguage.ParseAdd("es-MX");
        var tooLong = await (await host.SendAsync(prompts)).Content.ReadFromJsonAsync<JsonElement>();
        var noEvent = await (await host.SendAsync(pattern)).Content.ReadFromJsonAsync<JsonElement>();

        tooLong.GetProperty("title").GetString().Should().Be("No se pueden usar algunos temas");
        tooLong.GetProperty("errors").GetProperty("prompts[1]")[0].GetString().Should().Be("El tema de la ronda 2 tiene 201 caracteres; acórtelo a 200 o menos.");
        noEvent.GetProperty("errors").GetProperty("pattern")[0].GetString().Should().StartWith("Ponga {event} y {table} en el enlace");
    }

    private static async Task<OnlineView> GetAsync(HttpClient host, Guid id, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/events/{id}/online");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        var answer = await host.SendAsync(request);
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await answer.Content.ReadFromJsonAsync<OnlineView>())!;
    }
}
