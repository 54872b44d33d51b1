using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.History;

/// <summary>Only meetings that took place become history: the rounds an event's clock reached, or all of a paper event's.</summary>
public class HeldRoundsTests
{
    // Two mentors and five mentees in three rounds, tables of two: four seats a round. The events start on 1 December.
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentor,Omar,omar@opm.gov\n" +
                                  "mentee,Ann,ann@va.gov\nmentee,Ben,ben@va.gov\nmentee,Cy,cy@gsa.gov\nmentee,Dee,dee@gsa.gov\nmentee,Eve,eve@gsa.gov\n";

    private static readonly DateTimeOffset TheDayAfter = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static async Task<string[]> Export(HttpClient host, Guid id) =>
        (await host.GetStringAsync($"/api/events/{id}/meetings.csv")).TrimStart('\uFEFF').TrimEnd().Split("\r\n").Skip(1).ToArray();

    private static int SeatsUpTo(JsonElement plan, int rounds) =>
        plan.GetProperty("rounds").EnumerateArray().Take(rounds).SelectMany(r => r.GetProperty("tables").EnumerateArray()).Sum(t => t.GetProperty("mentees").GetArrayLength());

    [Fact]
    public async Task AnEventEndedDuringRoundTwoGivesRoundsOneAndTwoOnlyToItsExportAndToTheNextEvent()
    {
        using var app = new TestApp { Time = new FakeTimeProvider(TheDayAfter) };
        var (spring, springHost) = await HistoryTests.Planned(app, "Spring", Roster, rounds: 3, seatsPerTable: 2);
        var (autumn, autumnHost) = await HistoryTests.Planned(app, "Autumn", Roster, rounds: 3, seatsPerTable: 2);
        var held = SeatsUpTo(await springHost.GetFromJsonAsync<JsonElement>($"/api/events/{spring.Id}/plan"), 2);
        (await springHost.PostAsync($"/api/events/{spring.Id}/clock/start", null)).EnsureSuccessStatusCode();
        (await springHost.PostAsJsonAsync($"/api/events/{spring.Id}/clock/skip", new { expectedRound = 1, skipChange = true })).EnsureSuccessStatusCode();
        (await springHost.PostAsync($"/api/events/{spring.Id}/clock/end", null)).EnsureSuccessStatusCode();

        var lines = await Export(springHost, spring.Id);
        var added = await (await autumnHost.PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = spring.HostLink })).Content.ReadFromJsonAsync<JsonElement>();

        lines.Select(l => l.Split(',')[1]).Distinct().Should().BeEquivalentTo(["1", "2"], "round 3 never took place");
        lines.Should().HaveCount(held).And.HaveCount(8);
        added.GetProperty("meetings").GetInt32().Should().Be(held, "the next event learns only the meetings that happened");
    }

    [Fact]
    public async Task AnEventThatHasNotTakenPlaceYetCannotBeAddedAsAnEarlierOne()
    {
        using var app = new TestApp { Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero)) };
        var (spring, _) = await HistoryTests.Planned(app, "Spring", Roster, rounds: 3, seatsPerTable: 2);
        var (autumn, autumnHost) = await HistoryTests.Planned(app, "Autumn", Roster, rounds: 3, seatsPerTable: 2);

        var answer = await autumnHost.PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = spring.HostLink });
        var history = await autumnHost.GetFromJsonAsync<JsonElement>($"/api/events/{autumn.Id}/history");

        answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .Should().Be("\"Spring\" has not taken place yet (it starts on December 1, 2026). Add it after it has run.");
        history.GetProperty("meetings").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task APaperEventInThePastRunWithoutTheClockGivesEveryPlannedRound()
    {
        using var app = new TestApp { Time = new FakeTimeProvider(TheDayAfter) };
        var (spring, springHost) = await HistoryTests.Planned(app, "Spring", Roster, rounds: 3, seatsPerTable: 2);
        var (autumn, autumnHost) = await HistoryTests.Planned(app, "Autumn", Roster, rounds: 3, seatsPerTable: 2);
        var all = SeatsUpTo(await springHost.GetFromJsonAsync<JsonElement>($"/api/events/{spring.Id}/plan"), 3);

        var lines = await Export(springHost, spring.Id);
        var added = await autumnHost.PostAsJsonAsync($"/api/events/{autumn.Id}/history/events", new { link = spring.HostLink });

        lines.Select(l => l.Split(',')[1]).Distinct().Should().BeEquivalentTo(["1", "2", "3"]);
        lines.Should().HaveCount(all);
        added.StatusCode.Should().Be(HttpStatusCode.OK);
        (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetings").GetInt32().Should().Be(all);
    }
}
