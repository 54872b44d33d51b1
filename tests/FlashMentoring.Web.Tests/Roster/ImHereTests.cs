using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace FlashMentoring.Web.Tests.Roster;

/// <summary>"I'm here" from the phone of someone the host marked absent: asked from their own phone only, and the host hears of it.</summary>
public class ImHereTests
{
    private const string Roster = "role,name\nmentor,Mona Lisa\nmentor,Omar Khayyam\nmentee,Ann Lee\nmentee,Ben Okafor\nmentee,Cy Young\nmentee,Eve Stone\n";

    private static async Task<(Guid Id, HttpClient Host, Func<string, string> Token, Func<string, long> PersonId)> Planned(TestApp app)
    {
        var created = await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Here", startsAt = "2026-12-01T09:00:00-05:00", rounds = 3, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var host = app.HostClient(created.GetProperty("hostKey").GetString()!);
        (await host.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var people = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        JsonElement Person(string name) => people.EnumerateArray().First(p => p.GetProperty("name").GetString() == name);
        return (id, host, name => Person(name).GetProperty("link").GetString()!["/me#t=".Length..], name => Person(name).GetProperty("id").GetInt64());
    }

    private static HttpClient Phone(TestApp app, string token)
    {
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add("X-Person-Token", token);
        return phone;
    }

    [Fact]
    public async Task APersonMarkedAbsentSaysImHereFromTheirOwnPhoneAndTheHostConsoleIsTold()
    {
        using var app = new TestApp();
        var (id, host, token, personId) = await Planned(app);
        using var ann = Phone(app, token("Ann Lee"));
        (await ann.GetAsync("/api/me")).EnsureSuccessStatusCode(); // Her phone opens her link first: it is hers.
        (await host.PostAsJsonAsync($"/api/events/{id}/people/{personId("Ann Lee")}/status", new { status = "absent" })).EnsureSuccessStatusCode();
        var absent = await ann.GetFromJsonAsync<JsonElement>("/api/me");
        await using var console = await app.ConnectLiveAsync();
        var peopleChanged = console.Pushes(nameof(ILiveClient.PeopleChanged));
        await console.InvokeAsync<ClockView>(nameof(LiveHub.Join), id);

        var asked = await ann.PostAsync("/api/me/here", null);

        asked.StatusCode.Should().Be(HttpStatusCode.OK, await asked.Content.ReadAsStringAsync());
        await peopleChanged.NextAsync();
        absent.GetProperty("status").GetString().Should().Be("absent", "her phone knows she was marked absent");
        absent.GetProperty("hereAsked").GetBoolean().Should().BeFalse();
        var after = await ann.GetFromJsonAsync<JsonElement>("/api/me");
        after.GetProperty("hereAsked").GetBoolean().Should().BeTrue("her phone then says the host will confirm, even after a reload");
        after.GetProperty("status").GetString().Should().Be("absent", "only the host brings her back");
    }

    [Fact]
    public async Task ACopyOfTheLinkOnAnotherDeviceCannotSayImHere()
    {
        using var app = new TestApp();
        var (id, host, token, personId) = await Planned(app);
        using var ann = Phone(app, token("Ann Lee"));
        (await ann.GetAsync("/api/me")).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/events/{id}/people/{personId("Ann Lee")}/status", new { status = "absent" })).EnsureSuccessStatusCode();
        using var other = Phone(app, token("Ann Lee"));

        var asked = await other.PostAsync("/api/me/here", null);

        asked.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Say you are here from your own phone");
        (await ann.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("hereAsked").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task ASpanishPhoneIsAnsweredInSpanish()
    {
        using var app = new TestApp();
        var (id, host, token, personId) = await Planned(app);
        using var ann = Phone(app, token("Ann Lee"));
        (await ann.GetAsync("/api/me")).EnsureSuccessStatusCode();
        using var copy = Phone(app, token("Ann Lee"));
        copy.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX");
        using var ben = Phone(app, token("Ben Okafor"));
        ben.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX");
        (await ben.GetAsync("/api/me")).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/events/{id}/people/{personId("Ann Lee")}/status", new { status = "absent" })).EnsureSuccessStatusCode();

        var fromACopy = await (await copy.PostAsync("/api/me/here", null)).Content.ReadFromJsonAsync<JsonElement>();
        var notAbsent = await (await ben.PostAsync("/api/me/here", null)).Content.ReadFromJsonAsync<JsonElement>();

        fromACopy.GetProperty("title").GetString().Should().Be("Avise que llegó desde su propio teléfono");
        notAbsent.GetProperty("title").GetString().Should().Be("Usted no está marcado como ausente");
        notAbsent.GetProperty("detail").GetString().Should().Be("No hay nada que hacer: su mesa está en su teléfono.");
    }

    [Fact]
    public async Task AnUnknownLinkIsNotFound()
    {
        using var app = new TestApp();
        using var stranger = Phone(app, "no-such-token");

        var asked = await stranger.PostAsync("/api/me/here", null);

        asked.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("tell the host at the door");
    }

    [Fact]
    public async Task SomeoneNotMarkedAbsentHasNothingToAsk()
    {
        using var app = new TestApp();
        var (_, _, token, _) = await Planned(app);
        using var ben = Phone(app, token("Ben Okafor"));
        (await ben.GetAsync("/api/me")).EnsureSuccessStatusCode();

        var asked = await ben.PostAsync("/api/me/here", null);

        asked.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ben.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("hereAsked").GetBoolean().Should().BeFalse();
    }
}
