using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Online;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using static FlashMentoring.Web.Tests.Online.RoomsEventForTests;

namespace FlashMentoring.Web.Tests.Online;

public class ModeTests
{
    [Fact]
    public async Task TheHostSwitchesToHybridAndTheTablesOfOnlineMentorsMeetOnline()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);
        await AttendOnlineAsync(app, created.Id, "Omar", "Raj", "Cy", "Dee", "Gus", "Hal");

        var before = await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online");
        var hybrid = await SetModeAsync(host, created.Id, "hybrid");
        var online = await SetModeAsync(host, created.Id, "online");

        before!.Mode.Should().Be("in-person");
        before.Tables.Should().OnlyContain(t => !t.Online, "an in-person event has no video rooms");
        hybrid.Mode.Should().Be("hybrid");
        hybrid.Tables.Select(t => (t.Mentor, t.Online)).Should().Equal(("Mona", false), ("Omar", true), ("Pia", false), ("Raj", true));
        online.Tables.Should().HaveCount(4).And.OnlyContain(t => t.Online, "in an online event every table is a video room");
    }

    [Fact]
    public async Task AModeChangeThatMovesPeopleOnlineRePlansSoOnlineMenteesSitAtOnlineTables()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);
        await AttendOnlineAsync(app, created.Id, "Omar", "Raj", "Cy", "Dee", "Gus", "Hal");
        await using var board = await app.ConnectLiveAsync();
        var plans = board.Pushes<int>(nameof(ILiveClient.PlanChanged));
        await board.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);

        await SetModeAsync(host, created.Id, "hybrid");
        var pushed = await plans.NextAsync();
        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");

        pushed.Should().BeGreaterThan(1, "the plan was made again");
        var onlineMentors = new[] { "Omar", "Raj" };
        var onlineMentees = new[] { "Cy", "Dee", "Gus", "Hal" };
        foreach (var round in plan.GetProperty("rounds").EnumerateArray())
        {
            foreach (var table in round.GetProperty("tables").EnumerateArray())
            {
                var mentorOnline = onlineMentors.Contains(table.GetProperty("mentor").GetProperty("name").GetString());
                foreach (var mentee in table.GetProperty("mentees").EnumerateArray())
                {
                    onlineMentees.Contains(mentee.GetProperty("name").GetString()).Should().Be(mentorOnline, "an online mentee meets online mentors only, and one in the room mentors in the room");
                }
            }
        }
    }

    [Fact]
    public async Task TheModeCannotChangeOnceTheClockHasStarted()
    {
        using var app = new TestApp { Time = new FakeTimeProvider(Nine) };
        var (created, host) = await CreateAsync(app);
        (await host.PostAsync($"/api/events/{created.Id}/clock/start", null)).EnsureSuccessStatusCode();

        var answer = await host.PutAsJsonAsync($"/api/events/{created.Id}/mode", new { mode = "online" });
        var view = await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online");

        answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await answer.Content.ReadAsStringAsync()).Should().Contain("The event has started");
        view!.Mode.Should().Be(EventRecord.InPerson);
    }

    [Fact]
    public async Task AnUnknownModeIsRefusedNamingTheChoices()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);

        var answer = await host.PutAsJsonAsync($"/api/events/{created.Id}/mode", new { mode = "zoom" });
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("mode")[0].GetString().Should().Contain("in-person, online, hybrid").And.Contain("zoom");
    }

    [Fact]
    public async Task OnlyTheHostLinkChangesTheMode()
    {
        using var app = new TestApp();
        var (created, _) = await CreateAsync(app);

        var answer = await app.CreateClient().PutAsJsonAsync($"/api/events/{created.Id}/mode", new { mode = "online" });

        answer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
