using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Roster;

namespace FlashMentoring.Web.Tests.Roster;

/// <summary>The check-in desk's answers follow the page that asked: a Spanish console reads them in Spanish.</summary>
public class CheckInSpanishTests
{
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentor,Omar,omar@opm.gov\nmentee,Ann,ann@va.gov\nmentee,Ben,ben@va.gov\nmentee,Cy,cy@va.gov\nmentee,Dee,dee@va.gov\n";

    [Fact]
    public async Task ASpanishDeskHearsWhoIsOutWhoJoinsAndWhoMovesInSpanish()
    {
        using var app = new TestApp();
        var (id, host) = await StartedAsync(app);
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{id}/people"))!;

        // A mentor out: her table closes and her mentees move.
        var absent = await host.PostAsJsonAsync($"/api/events/{id}/people/{people.Single(p => p.Name == "Mona").Id}/status", new { status = "absent" });
        var walkIn = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = "Eva", role = "mentor" });
        var again = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = "Eva", role = "mentor" });

        absent.StatusCode.Should().Be(HttpStatusCode.OK, await absent.Content.ReadAsStringAsync());
        var result = (await absent.Content.ReadFromJsonAsync<StatusResult>())!;
        result.Message.Should().StartWith("Mona sale a partir de la ronda 2. ");
        result.Message.Should().NotContainAny("round", "told", "Nobody");
        result.Moves.Should().NotBeEmpty().And.OnlyContain(m => m.Text.StartsWith("Ronda 2: ", StringComparison.Ordinal));
        (await walkIn.Content.ReadFromJsonAsync<StatusResult>())!.Message.Should().MatchRegex(@"^Eva atiende la mesa \d a partir de la ronda 2\. ");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("Ya está en la lista");
        problem.GetProperty("detail").GetString().Should().StartWith("Eva ya está en la lista.");
    }

    [Fact]
    public async Task WithoutASpanishPageTheDeskStillAnswersInEnglish()
    {
        using var app = new TestApp();
        var (id, host) = await StartedAsync(app, spanish: false);
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{id}/people"))!;

        var absent = await host.PostAsJsonAsync($"/api/events/{id}/people/{people.Single(p => p.Name == "Ann").Id}/status", new { status = "absent" });

        (await absent.Content.ReadFromJsonAsync<StatusResult>())!.Message.Should().StartWith("Ann is out from round 2. ");
    }

    /// <summary>Two rounds; round 1 is under way, so changes apply from round 2.</summary>
    private static async Task<(Guid Id, HttpClient Host)> StartedAsync(TestApp app, bool spanish = true)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Mentoría", startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = 2, seatsPerTable = 3 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created, Roster);
        var host = app.HostClient(created.HostKey);
        if (spanish)
        {
            host.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        }

        (await host.PostAsync($"/api/events/{created.Id}/clock/start", null)).EnsureSuccessStatusCode();
        return (created.Id, host);
    }
}
