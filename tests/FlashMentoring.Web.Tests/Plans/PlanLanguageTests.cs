using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Web.Tests.Plans;

/// <summary>The planner answers in its reader's language: why each mentee sits where they sit, and what to fix.</summary>
public class PlanLanguageTests(TestApp factory) : IClassFixture<TestApp>
{
    private static readonly string Sample = File.ReadAllText(Path.Combine("samples", "roster-100x25.csv"));

    private static HttpRequestMessage Plan(string query, string csv, string language, string type = "text/csv")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/plans{query}") { Content = new StringContent(csv, Encoding.UTF8, type) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    private static IEnumerable<JsonElement> Seats(JsonElement plan) =>
        plan.GetProperty("rounds").EnumerateArray().SelectMany(r => r.GetProperty("tables").EnumerateArray()).SelectMany(t => t.GetProperty("mentees").EnumerateArray());

    [Fact]
    public async Task WhyAMenteeSitsAtATableIsInTheReadersLanguageAndComesAsKeysForThePage()
    {
        var client = factory.CreateClient();

        var spanish = await (await client.SendAsync(Plan("?format=senior-to-junior", Sample, "es-MX,es;q=0.9"))).Content.ReadFromJsonAsync<JsonElement>();
        var english = await (await client.SendAsync(Plan("?format=senior-to-junior", Sample, "en-US"))).Content.ReadFromJsonAsync<JsonElement>();

        var why = Seats(spanish).SelectMany(s => s.GetProperty("why").EnumerateArray()).Select(w => w.GetString()!).ToList();
        why.Should().Contain("una reunión (+10)").And.Contain(w => w.StartsWith("los grados encajan con el formato de mayor a menor rango", StringComparison.Ordinal));
        why.Should().NotContain(w => w.Contains("meeting", StringComparison.Ordinal) || w.Contains("matched by", StringComparison.Ordinal), "no English under Spanish");
        Seats(english).SelectMany(s => s.GetProperty("why").EnumerateArray()).Select(w => w.GetString()).Should().Contain("a meeting (+10)");

        // Every reason the engine gives has a key a page words in its own language, whatever the server's.
        var keys = Seats(spanish).SelectMany(s => s.GetProperty("reasons").EnumerateArray()).Select(r => r.GetProperty("key").GetString()!).ToHashSet();
        keys.Should().Contain(["meeting", "needs", "grades"]).And.NotContain("other", "a reason the page could not word would show in the server's language");
        keys.Should().OnlyContain(k => Texts.English.Entries.Keys.Any(e => e.StartsWith($"plan.why.{k}", StringComparison.Ordinal)));
        Seats(spanish).Select(s => s.GetProperty("score").GetInt32()).Should().Equal(
            Seats(spanish).Select(s => s.GetProperty("reasons").EnumerateArray().Sum(r => r.GetProperty("points").GetInt32())), "the reasons add up to the score the page shows");
    }

    [Fact]
    public async Task SettingsOutOfRangeAreExplainedInTheReadersLanguage()
    {
        var answer = await factory.CreateClient().SendAsync(Plan("?rounds=40&seatsPerTable=0&format=circle", Sample, "es"));

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("Algunos valores del plan están fuera de rango");
        var errors = problem.GetProperty("errors");
        errors.GetProperty("rounds")[0].GetString().Should().Be("rounds debe estar entre 1 y 12 sin un evento; se recibió 40. Cree un evento para planificar más (hasta 20.000 personas, 40 rondas, 20 por mesa).");
        errors.GetProperty("seatsPerTable")[0].GetString().Should().StartWith("seatsPerTable debe estar entre 1 y 10 sin un evento");
        errors.GetProperty("format")[0].GetString().Should().Contain("se recibió \"circle\"");
    }

    [Fact]
    public async Task ARosterThatIsNotCsvOrHasNoMentorIsRefusedInTheReadersLanguage()
    {
        var client = factory.CreateClient();

        var json = await (await client.SendAsync(Plan("", "{}", "es", "application/json"))).Content.ReadFromJsonAsync<JsonElement>();
        var nobody = await client.SendAsync(Plan("", "role,name\nmentee,Ann\nmentee,Ben\nmentr,Typo\n", "es"));
        var problem = await nobody.Content.ReadFromJsonAsync<JsonElement>();

        json.GetProperty("title").GetString().Should().Be("La lista de participantes debe ser un archivo CSV");
        nobody.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("title").GetString().Should().Be("Nada que planificar: no queda ningún mentor");
        problem.GetProperty("detail").GetString().Should().Be("Después de importar, la lista tiene 0 mentores, 2 aprendices y 1 línea rechazada. Corrija las líneas rechazadas o agregue personas.");
    }
}
