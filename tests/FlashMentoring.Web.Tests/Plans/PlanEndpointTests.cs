using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Plans;

public class PlanEndpointTests(TestApp factory) : IClassFixture<TestApp>
{
    private const string Header = "role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid";
    private static readonly string Sample = File.ReadAllText(Path.Combine("samples", "roster-100x25.csv"));

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task PlanningTheSampleReturnsEveryRoundEveryTableAndTheQualityFigures()
    {
        var response = await factory.CreateClient().PostAsync("/api/plans?rounds=6&seatsPerTable=4&format=open&seed=1", Csv(Sample));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rounds = plan.GetProperty("rounds").EnumerateArray().ToList();
        rounds.Should().HaveCount(6);
        rounds.Select(r => r.GetProperty("number").GetInt32()).Should().Equal(1, 2, 3, 4, 5, 6);
        foreach (var round in rounds)
        {
            var tables = round.GetProperty("tables").EnumerateArray().ToList();
            tables.Should().HaveCount(25);
            tables.Should().OnlyContain(t => t.GetProperty("mentees").GetArrayLength() == 4);
            round.GetProperty("resting").GetArrayLength().Should().Be(0);
        }

        var firstSeat = rounds[0].GetProperty("tables")[0].GetProperty("mentees")[0];
        firstSeat.GetProperty("name").GetString().Should().NotBeNullOrEmpty();
        firstSeat.GetProperty("why").EnumerateArray().Should().NotBeEmpty("each pair's score is explained");

        var quality = plan.GetProperty("quality");
        quality.GetProperty("upperBound").GetInt64().Should().BeGreaterThanOrEqualTo(quality.GetProperty("score").GetInt64());
        quality.GetProperty("gap").GetDouble().Should().BeLessThan(0.01);
        quality.GetProperty("preferencesMet").GetInt32().Should().Be(quality.GetProperty("preferencesSatisfiable").GetInt32());
        quality.GetProperty("violations").GetArrayLength().Should().Be(0);
        plan.GetProperty("rejected").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task BadLinesComeBackWithTheirLineNumbersWhileTheRestIsPlanned()
    {
        var csv = Sample + "mentee,,nobody@opm.gov,OPM,,GS-9,,,,,\nMentr,Typo,typo@opm.gov,OPM,,GS-9,,,,,\n";

        var response = await factory.CreateClient().PostAsync("/api/plans", Csv(csv));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rejected = plan.GetProperty("rejected").EnumerateArray().ToList();
        rejected.Select(r => r.GetProperty("line").GetInt32()).Should().Equal(127, 128);
        rejected[1].GetProperty("reason").GetString().Should().Contain("Mentr");
        plan.GetProperty("rounds").GetArrayLength().Should().Be(6, "the good lines are still planned");
    }

    [Fact]
    public async Task ARosterWithNoMentorLeftIsUnprocessableAndSaysWhy()
    {
        var csv = Header + "\nmentee,Ann,ann@opm.gov,OPM,,GS-9,,,,,\nMentr,Bob,bob@opm.gov,OPM,,SES,,,,,\n";

        var response = await factory.CreateClient().PostAsync("/api/plans", Csv(csv));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Contain("no mentor");
        problem.GetProperty("rejected")[0].GetProperty("line").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task ARosterOverFiveMegabytesIsRefusedWithAMessage()
    {
        var big = Header + "\n" + new string('x', (5 * 1024 * 1024) + 10);

        var response = await factory.CreateClient().PostAsync("/api/plans", Csv(big));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("5 MB");
    }

    [Fact]
    public async Task AnEventsRosterOverTwentyThousandLinesIsRefusedWithAMessage()
    {
        var created = (await (await factory.CreateClient().PostAsJsonAsync("/api/events", new { title = "Huge", startsAt = "2026-12-01T09:00:00-05:00" }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;

        var response = await factory.HostClient(created.HostKey).PutAsync($"/api/events/{created.Id}/roster", Csv(Roster(20_001)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("20,000");
    }

    [Fact]
    public async Task WithoutAnEventThePlannerTakesARoomOfAThousandAndSaysHowToPlanMore()
    {
        // 1,000 people, 12 rounds and 10 at a table: ten times a typical event (docs/performance.md says why).
        var client = factory.CreateClient();

        var tooMany = await client.PostAsync("/api/plans", Csv(Roster(1_001)));
        var tooLong = await client.PostAsync("/api/plans?rounds=13&seatsPerTable=11", Csv(Sample));
        var created = (await (await client.PostAsJsonAsync("/api/events", new { title = "Big", startsAt = "2026-12-01T09:00:00-05:00", rounds = 13 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var hosts = await factory.HostClient(created.HostKey).PutAsync($"/api/events/{created.Id}/roster", Csv(RosterGenerator.Csv(new RosterGenerator.Options(1_100, 300))));

        tooMany.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should()
            .Contain("without an event the most is 1,000 people").And.Contain("Create an event to plan more (up to 20,000 people");
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("rounds")[0].GetString().Should().Contain("between 1 and 12 without an event").And.Contain("Create an event");
        errors.GetProperty("seatsPerTable")[0].GetString().Should().Contain("between 1 and 10 without an event");
        hosts.StatusCode.Should().Be(HttpStatusCode.OK, "the host's own event plans 1,400 people in 13 rounds");
    }

    private static string Roster(int mentees)
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < mentees; i++)
        {
            csv.Append("mentee,P").Append(i).Append(",,,,,,,,,\n");
        }

        return csv.ToString();
    }

    [Fact]
    public async Task ABodyThatIsNotCsvIsRefused()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/plans", new { roster = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).Should().Contain("text/csv");
    }

    [Fact]
    public async Task SettingsOutOfRangeAreAValidationProblemNamingTheField()
    {
        var response = await factory.CreateClient().PostAsync("/api/plans?rounds=0&seatsPerTable=4&format=speed", Csv(Sample));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        errors.GetProperty("rounds")[0].GetString().Should().Contain("between 1 and 12");
        errors.GetProperty("format")[0].GetString().Should().Contain("senior-to-junior");
    }

    [Fact]
    public async Task ThePlannerPageAndItsScriptAreServed()
    {
        var client = factory.CreateClient();

        var page = await client.GetStringAsync("/plan.html");
        var script = await client.GetAsync("/js/plan.js");
        var template = await client.GetStringAsync("/samples/roster-template.csv");

        page.Should().Contain("Plan the rotation").And.Contain("js/plan.js");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        template.Trim().Should().Be(Header);
    }
}
