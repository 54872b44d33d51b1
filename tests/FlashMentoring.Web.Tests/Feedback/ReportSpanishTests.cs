using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Feedback;

/// <summary>The report's labels (rounds, tables, the survey's questions) follow the console's language.</summary>
public class ReportSpanishTests
{
    [Fact]
    public async Task ASpanishConsoleGetsTheReportsLabelsInSpanishAndAnEnglishOneInEnglish()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Informe", startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        var english = app.HostClient(created.HostKey);
        var spanish = app.HostClient(created.HostKey);
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");

        var es = await spanish.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/report");
        var en = await english.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/report");

        Labels(es, "perRound").Should().Equal("Ronda 1", "Ronda 2");
        Labels(es, "survey").Should().Contain("Las conversaciones fueron útiles");
        Labels(en, "perRound").Should().Equal("Round 1", "Round 2");
        Labels(en, "survey").Should().Contain("The conversations were useful");
    }

    [Fact]
    public async Task TheReportsPdfIsWrittenInTheLanguageOfTheConsoleThatAsksForIt()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Informe", startsAt = DateTimeOffset.UtcNow.AddDays(1), rounds = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await app.UploadRosterAsync(created);
        var spanish = app.HostClient(created.HostKey);
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");

        var es = FlashMentoring.Kits.Tests.Poppler.Text(await spanish.GetByteArrayAsync($"/api/events/{created.Id}/report.pdf"));
        var en = FlashMentoring.Kits.Tests.Poppler.Text(await app.HostClient(created.HostKey).GetByteArrayAsync($"/api/events/{created.Id}/report.pdf"));

        es.Should().Contain("Evaluación: Informe").And.Contain("Parejas a largo plazo").And.NotContain("Long-term pairs").And.NotContain("Evaluation:");
        en.Should().Contain("Evaluation: Informe").And.Contain("Long-term pairs");
    }

    private static IEnumerable<string?> Labels(JsonElement report, string name) =>
        report.GetProperty(name).EnumerateArray().Select(g => g.GetProperty("label").GetString());
}
