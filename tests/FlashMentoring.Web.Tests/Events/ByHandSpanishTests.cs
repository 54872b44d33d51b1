using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Events;

/// <summary>Changes by hand answer in the console's language: a Spanish console reads the move, the undo and a refusal in Spanish.</summary>
public class ByHandSpanishTests
{
    private static readonly string[] Mentors = ["Mona", "Omar", "Pia"];

    [Fact]
    public async Task ASpanishConsoleReadsAMoveItsUndoAndARefusalInSpanish()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "A mano", startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = 2, seatsPerTable = 3 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        host.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        var roster = "role,name,email\n" + string.Concat(Mentors.Select(m => $"mentor,{m},{m.ToLowerInvariant()}@x.gov\n")) + "mentee,Ann,ann@x.gov\nmentee,Ben,ben@x.gov\nmentee,Cy,cy@x.gov\nmentee,Dee,dee@x.gov\n";
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");
        int TableOf(int round) => plan.GetProperty("rounds")[round - 1].GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("mentees").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "Ann")).GetProperty("table").GetInt32();
        var free = Enumerable.Range(1, 3).First(t => t != TableOf(1) && t != TableOf(2));

        var moved = await host.PostAsJsonAsync($"/api/events/{created.Id}/moves", new { mentee = "ann@x.gov", round = 1, table = free });
        var lists = await host.GetFromJsonAsync<AdjustView>($"/api/events/{created.Id}/adjust");
        var twice = await host.PostAsJsonAsync($"/api/events/{created.Id}/moves", new { mentee = "ann@x.gov", round = 1, table = TableOf(2) });
        var undone = await host.PostAsync($"/api/events/{created.Id}/undo", null);

        moved.StatusCode.Should().Be(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
            .Should().StartWith($"Ann pasa a la mesa {free} ({Mentors[free - 1]}) en la ronda 1. Se avisó del cambio a: Ann");
        lists!.Undo!.Label.Should().StartWith("Ann pasa a la mesa", "the undo names the change as its host read it");
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .Should().Be($"Ann ya conoce a {Mentors[TableOf(2) - 1]} en la ronda 2; así se conocerían dos veces. Elija otra mesa, o cambie la ronda 2.");
        (await undone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().StartWith("Se deshizo: Ann pasa a la mesa");
    }
}
