using System.Net.Http.Json;
using System.Text.Json;

namespace FlashMentoring.Web.Tests.History;

public class PastPairWhyTests
{
    // Three mentors and three mentees, one round, a mentee a table; nobody asks for anyone.
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentor,Omar,omar@opm.gov\nmentor,Pia,pia@va.gov\n" +
                                  "mentee,Ann,ann@va.gov\nmentee,Ben,ben@va.gov\nmentee,Cy,cy@gsa.gov\n";

    [Fact]
    public async Task APastPairThatMeetsAgainBecauseTheHostPinnedItSaysSoAndNotThatTheMenteeAsked()
    {
        using var app = new TestApp();
        var (spring, springHost) = await HistoryTests.Planned(app, "Spring", Roster);
        var (autumn, host) = await HistoryTests.Planned(app, "Autumn", Roster);
        var springPlan = await springHost.GetFromJsonAsync<JsonElement>($"/api/events/{spring.Id}/plan");
        var annsMentor = springPlan.GetProperty("rounds")[0].GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("mentees").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "Ann")).GetProperty("mentor").GetProperty("key").GetString();
        (await host.PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = spring.HostLink })).EnsureSuccessStatusCode();

        (await host.PostAsJsonAsync($"/api/events/{autumn.Id}/constraints", new { kind = "pin", mentee = "ann@va.gov", mentor = annsMentor })).EnsureSuccessStatusCode();
        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/plan");
        var table = plan.GetProperty("rounds")[0].GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("mentor").GetProperty("key").GetString() == annsMentor);
        var why = table.GetProperty("mentees")[0].GetProperty("why").EnumerateArray().Select(w => w.GetString()).ToList();

        table.GetProperty("mentees")[0].GetProperty("name").GetString().Should().Be("Ann", "the host pinned her with her spring mentor");
        why.Should().Contain("met before, paired by the host").And.NotContain("met before, asked again", "Ann asked for nobody");
    }
}
