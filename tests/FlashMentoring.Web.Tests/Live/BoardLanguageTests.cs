using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Live;

/// <summary>The board speaks the event's language: it is told which, and gets numbers and keys rather than English words.</summary>
public class BoardLanguageTests
{
    [Fact]
    public async Task TheBoardGivesEachTablesMenteesAsANumberAndItsPromptInTheEventsLanguage()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Mentoría", startsAt = DateTimeOffset.UtcNow.AddHours(1), rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsJsonAsync($"/api/events/{created.Id}/language", new { language = "es" })).EnsureSuccessStatusCode();
        await app.UploadRosterAsync(created, "role,name\nmentor,Mona Lisa\nmentor,Rafa Nadal\nmentee,Ann\nmentee,Ben\nmentee,Cy\nmentee,Dee\n");
        var waiting = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/board");
        (await host.PostAsync($"/api/events/{created.Id}/clock/start", null)).EnsureSuccessStatusCode();

        // An English projector still gets the event's words: the board page reloads itself in the event's language.
        var english = app.CreateClient();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var board = await english.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/board");

        board.GetProperty("language").GetString().Should().Be("es");
        var tables = board.GetProperty("rounds")[0].EnumerateArray().ToList();
        tables.Select(t => t.GetProperty("mentees").GetInt32()).Should().Equal([2, 2], "four mentees meet two mentors in two rounds: a number the page words in its own language");
        tables.Select(t => t.GetProperty("summary").GetString()).Should().Equal(["2 aprendices", "2 aprendices"]);
        board.GetProperty("promptKey").GetString().Should().Be("prompts.open.1");
        board.GetProperty("prompt").GetString().Should().Be("¿Qué le habría gustado saber en su primer año aquí?");
        waiting.GetProperty("prompt").ValueKind.Should().Be(JsonValueKind.Null, "no prompt before the first round");
    }
}
