using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.History;

/// <summary>The earlier-events card's refusals follow the console's language.</summary>
public class HistorySpanishTests
{
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentee,Ann,ann@va.gov\n";

    [Fact]
    public async Task ASpanishConsoleIsToldInSpanishWhatIsWrongWithALink()
    {
        using var app = new TestApp { Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)) };
        var (spring, _) = await HistoryTests.Planned(app, "Primavera", Roster);
        var (autumn, host) = await HistoryTests.Planned(app, "Otoño", Roster);
        host.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");

        var notALink = await host.PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = "hola" });
        var own = await host.PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = autumn.HostLink });
        var notYet = await host.PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = spring.HostLink });

        notALink.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await notALink.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Ese no es un enlace del organizador");
        own.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Be("Ese es el enlace de este mismo evento. Pegue el enlace del organizador de un evento anterior.");
        (await notYet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .Should().Be("«Primavera» todavía no se realiza (empieza el 1 de diciembre de 2026). Agréguelo después de que se realice.");
    }
}
