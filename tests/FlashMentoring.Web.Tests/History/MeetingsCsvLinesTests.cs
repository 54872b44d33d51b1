using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlashMentoring.Web.Tests.History;

public class MeetingsCsvLinesTests
{
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentor,Omar,omar@opm.gov\nmentee,Ann,ann@va.gov\nmentee,Ben,ben@va.gov\n";

    private static async Task<(JsonElement View, Dictionary<int, string> Problems)> Upload(string csv)
    {
        using var app = new TestApp();
        var (autumn, host) = await HistoryTests.Planned(app, "Autumn", Roster, rounds: 2, seatsPerTable: 2);
        var answer = await host.PutAsync($"/api/events/{autumn.Id}/history/file?name=spring.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return (view, view.GetProperty("problems").EnumerateArray().ToDictionary(p => p.GetProperty("line").GetInt32(), p => p.GetProperty("text").GetString()!));
    }

    [Fact]
    public async Task ATableOfThirtyMenteesIsRefusedByItsLineNumbersAndTheOtherLinesAreKept()
    {
        var crowd = string.Concat(Enumerable.Range(1, 30).Select(k => $"Spring,1,1,Mona,mona@hhs.gov,Guest {k},guest{k}@va.gov\n"));
        var csv = "event,round,table,mentor,mentor_email,mentee,mentee_email\n" +
                  "Spring,1,2,Omar,omar@opm.gov,Ann,ann@va.gov\n" +
                  crowd +
                  "Spring,2,1,Mona,mona@hhs.gov,Ben,ben@va.gov\n";

        var (view, problems) = await Upload(csv);

        view.GetProperty("meetings").GetInt32().Should().Be(2, "the lines outside the crowded table are kept");
        view.GetProperty("pastPairs").GetInt32().Should().Be(2);
        problems.Should().ContainKey(3).And.HaveCount(1);
        problems[3].Should().StartWith("Lines 3-32: 30 mentees at table 1 in round 1 of Spring;").And.Contain("Check the table column.");
    }

    [Fact]
    public async Task ALineWithAQuotedNameOverTwoLinesIsNumberedWhereItStartsAndTheLinesAfterItKeepTheirNumbers()
    {
        const string Csv = "event,round,table,mentor,mentor_email,mentee,mentee_email\n" +
                           "Spring,1,1,Mona,mona@hhs.gov,\"Ann\nLee\",ann@va.gov\n" +
                           "Spring,one,1,Mona,mona@hhs.gov,Ben,ben@va.gov\n" +
                           "Spring,,2,Omar,omar@opm.gov,\"Cy\nDo\",\n" +
                           "Spring,1,2,Omar,,Dee,\n";

        var (view, problems) = await Upload(Csv);

        view.GetProperty("meetings").GetInt32().Should().Be(2);
        problems.Keys.Should().Equal([4, 5], "a spreadsheet numbers the line with \"one\" 4 and the record of Cy 5, where it starts");
        problems[4].Should().Contain("\"one\"");
        problems[5].Should().Contain("round is empty");
    }
}
