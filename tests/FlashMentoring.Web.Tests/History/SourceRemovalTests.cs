using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FlashMentoring.Web.Tests.History;

public class SourceRemovalTests
{
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentee,Ann,ann@va.gov\n";

    [Fact]
    public async Task ARemoveFromAConsoleWhoseListIsOutOfDateIsRefusedAndRemovesNothing()
    {
        using var app = new TestApp();
        var (spring, _) = await HistoryTests.Planned(app, "Spring", Roster);
        var (summer, _) = await HistoryTests.Planned(app, "Summer & Co", Roster);
        var (autumn, host) = await HistoryTests.Planned(app, "Autumn", Roster);
        foreach (var earlier in new[] { spring, summer })
        {
            (await host.PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = earlier.HostLink })).EnsureSuccessStatusCode();
        }

        // A tab that still shows an older list asks to remove number 0 as "Summer & Co"; number 0 is Spring now.
        var stale = await host.DeleteAsync($"/api/events/{autumn.Id}/history/sources/0?label={Uri.EscapeDataString("Summer & Co")}");
        var afterStale = await host.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/history");
        var right = await host.DeleteAsync($"/api/events/{autumn.Id}/history/sources/1?label={Uri.EscapeDataString("Summer & Co")}");
        var view = await right.Content.ReadFromJsonAsync<JsonElement>();

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Be("The list changed since you opened it; reload and choose again.");
        afterStale.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("label").GetString()).Should().Equal("Spring", "Summer & Co");
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        view.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("label").GetString()).Should().Equal("Spring");
    }
}
