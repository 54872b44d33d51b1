using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlashMentoring.Web.Tests.History;

public class MeetingsCsvTests
{
    // Two mentors and five mentees in three rounds, tables of two: one mentee rests each round.
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentor,=1+2,\n" +
                                  "mentee,Ann,ann@va.gov\nmentee,Ben,ben@va.gov\nmentee,Cy,cy@gsa.gov\nmentee,Dee,dee@gsa.gov\nmentee,Eve,\n";

    private static Task<HttpResponseMessage> Upload(HttpClient host, Guid id, string name, string csv) =>
        host.PutAsync($"/api/events/{id}/history/file?name={name}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task TheExportHasOneFormulaSafeLinePerSeatOfEveryRoundAndNoneForTheResting()
    {
        using var app = new TestApp();
        var (spring, host) = await HistoryTests.Planned(app, "Spring Flash Mentoring: Région 5", Roster, rounds: 3, seatsPerTable: 2);

        var seats = HistoryTests.Seats(await host.GetFromJsonAsync<JsonElement>($"/api/events/{spring.Id}/plan"));
        var answer = await host.GetAsync($"/api/events/{spring.Id}/meetings.csv");
        var lines = (await answer.Content.ReadAsStringAsync()).TrimStart('\uFEFF').TrimEnd().Split("\r\n");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        answer.Content.Headers.ContentDisposition!.FileName.Should().Be("meetings-spring-flash-mentoring-region-5.csv");
        lines[0].Should().Be("event,round,table,mentor,mentor_email,mentee,mentee_email");
        lines.Should().HaveCount(1 + seats, "a line per seat of the plan, in every round").And.HaveCountLessThan(1 + 15, "someone rests each round and has no line");
        lines.Skip(1).Should().OnlyContain(l => l.StartsWith("Spring Flash Mentoring: Région 5,", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains(",1,1,Mona,mona@hhs.gov,", StringComparison.Ordinal));
        lines.Skip(1).Where(l => l.Split(',')[2] == "2").Should().NotBeEmpty().And.OnlyContain(l => l.Contains("'=1+2", StringComparison.Ordinal), "a name a spreadsheet would run is written as text");
        lines.Should().NotContain(l => l.Contains(",=1+2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventWithoutAPlanHasNoMeetingsToDownload()
    {
        using var app = new TestApp();
        var (empty, host) = await HistoryTests.Planned(app, "Empty");

        var answer = await host.GetAsync($"/api/events/{empty.Id}/meetings.csv");

        answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("Upload the roster first");
    }

    [Fact]
    public async Task TheExportOfOneEventUploadedIntoAnotherBringsEveryMeeting()
    {
        using var app = new TestApp();
        var (spring, springHost) = await HistoryTests.Planned(app, "Spring", Roster, rounds: 3, seatsPerTable: 2);
        var (autumn, autumnHost) = await HistoryTests.Planned(app, "Autumn", Roster, rounds: 3, seatsPerTable: 2);
        var file = await springHost.GetByteArrayAsync($"/api/events/{spring.Id}/meetings.csv");
        var seats = HistoryTests.Seats(await springHost.GetFromJsonAsync<JsonElement>($"/api/events/{spring.Id}/plan"));

        var answer = await autumnHost.PutAsync($"/api/events/{autumn.Id}/history/file?name=spring.csv", new ByteArrayContent(file) { Headers = { { "Content-Type", "text/csv" } } });
        var view = await answer.Content.ReadFromJsonAsync<JsonElement>();

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        view.GetProperty("meetings").GetInt32().Should().Be(seats).And.BePositive();
        view.GetProperty("sources")[0].GetProperty("kind").GetString().Should().Be("file");
        view.GetProperty("sources")[0].GetProperty("label").GetString().Should().Be("spring.csv");
        view.GetProperty("problems").GetArrayLength().Should().Be(0);
        view.GetProperty("pastPairs").GetInt32().Should().Be(seats, "every pair of spring is two people of autumn, the mentor named like a formula and the mentee without e-mail too");
        view.GetProperty("pastTableMates").GetInt32().Should().BePositive("mentees shared tables of two in spring");
    }

    [Fact]
    public async Task BadLinesAreSkippedAndNamedByLineAndTheSameFileNameReplacesItsMeetings()
    {
        using var app = new TestApp();
        var (autumn, host) = await HistoryTests.Planned(app, "Autumn", Roster, rounds: 3, seatsPerTable: 2);
        const string Csv = "Event,Round,Table,Mentor,Mentor_Email,Mentee,Mentee_Email\n" +
                           "Spring,1,1,Mona,mona@hhs.gov,Ann,ann@va.gov\n" +
                           "Spring,,1,Mona,mona@hhs.gov,Ben,ben@va.gov\n" +
                           "Spring,one,1,Mona,mona@hhs.gov,Cy,cy@gsa.gov\n" +
                           "Spring,1,2,,,Dee,dee@gsa.gov\n" +
                           "Spring,1,1,MONA,,Eve,\n";

        var first = await Upload(host, autumn.Id, "spring.csv", Csv);
        var view = await first.Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await Upload(host, autumn.Id, "spring.csv", "round,table,mentor_email,mentee_email\n1,1,mona@hhs.gov,ann@va.gov\n")).Content.ReadFromJsonAsync<JsonElement>();

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        view.GetProperty("meetings").GetInt32().Should().Be(2, "the first and the last line are read; columns are found by name in any case");
        var problems = view.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("line").GetInt32(), p => p.GetProperty("text").GetString()!);
        problems.Keys.Should().Equal(3, 4, 5);
        problems[3].Should().Contain("round is empty");
        problems[4].Should().Contain("round must be a whole number").And.Contain("\"one\"");
        problems[5].Should().Contain("no mentor");
        second.GetProperty("sources").GetArrayLength().Should().Be(1, "the file of the same name was replaced");
        second.GetProperty("meetings").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task AFileWithoutTheColumnsOrWithoutAReadableLineIsRefusedWithTheHeaderItNeeds()
    {
        using var app = new TestApp();
        var (autumn, host) = await HistoryTests.Planned(app, "Autumn", Roster, rounds: 3, seatsPerTable: 2);

        var noHeader = await Upload(host, autumn.Id, "roster.csv", "role,name\nmentor,Mona\n");
        var noLine = await Upload(host, autumn.Id, "bad.csv", "round,table,mentor,mentee\n,1,Mona,Ann\n");
        var tooLarge = await Upload(host, autumn.Id, "big.csv", "round,table,mentor,mentee\n" + new string('x', 6 * 1024 * 1024));
        var view = await host.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/history");

        noHeader.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noHeader.Content.ReadAsStringAsync()).Should().Contain("event,round,table,mentor,mentor_email,mentee,mentee_email");
        noLine.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noLine.Content.ReadAsStringAsync()).Should().Contain("Line 2").And.Contain("round is empty");
        tooLarge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        view.GetProperty("sources").GetArrayLength().Should().Be(0);
    }
}
