using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Online;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using static FlashMentoring.Web.Tests.Online.RoomsEventForTests;

namespace FlashMentoring.Web.Tests.Online;

public class PromptsTests
{
    [Fact]
    public async Task TheHostsPromptsReachTheBoardRoundByRoundAndThePhonesAreToldToReadThem()
    {
        var time = new FakeTimeProvider(Nine);
        using var app = new TestApp { Time = time };
        var (created, host) = await CreateAsync(app, rounds: 3, format: "peer-to-peer");
        await using var phone = await app.ConnectLiveAsync();
        var plans = phone.Pushes<int>(nameof(ILiveClient.PlanChanged));
        await phone.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);

        var saved = await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { "What brought you to public service?", "" } });
        await plans.NextAsync();
        var waiting = await Board(app, created.Id);
        await host.PostAsync($"/api/events/{created.Id}/clock/start", null);
        var first = await Board(app, created.Id);
        time.Advance(TimeSpan.FromMinutes(15));
        var moving = await Board(app, created.Id);
        time.Advance(TimeSpan.FromMinutes(2));
        var second = await Board(app, created.Id);
        time.Advance(TimeSpan.FromMinutes(17));
        var third = await Board(app, created.Id);

        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        waiting.Should().BeNull("before the start the board shows when it starts");
        first.Should().Be("What brought you to public service?");
        moving.Should().BeNull("round 2 was given none, and the board shows it while people move to it");
        second.Should().BeNull();
        third.Should().Be(RoundPrompts.Defaults(MentoringFormat.PeerToPeer)[2], "a round the host left alone keeps the format's own");
    }

    [Fact]
    public async Task TheOnlineViewListsEachRoundsPromptAndTheDefaultsToPickFrom()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app, rounds: 3, format: "senior-to-junior");
        var defaults = RoundPrompts.Defaults(MentoringFormat.SeniorToJunior);

        var view = await (await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { defaults[0], "", "Own words" } }))
            .Content.ReadFromJsonAsync<OnlineView>();
        var picked = await (await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { "Own words", defaults[1], defaults[2] } }))
            .Content.ReadFromJsonAsync<OnlineView>();

        view!.Prompts.Should().Equal(
            new RoundPromptView(1, defaults[0], true, "prompts.seniorToJunior.1"), new RoundPromptView(2, null, false), new RoundPromptView(3, "Own words", false));
        picked!.Prompts.Select(p => p.IsDefault).Should().Equal(false, true, true);
        view.Defaults.Keys.Should().BeEquivalentTo("open", "senior-to-junior", "peer-to-peer", "reverse");
        view.Defaults["senior-to-junior"].Should().Equal(defaults);
    }

    [Theory]
    [InlineData("peer", "peer-to-peer")]
    [InlineData("PeerToPeer", "peer-to-peer")]
    [InlineData("seniortojunior", "senior-to-junior")]
    [InlineData("reverse", "reverse")]
    public async Task TheOnlineViewNamesTheFormatAsItsDefaultsDoHoweverTheHostTypedIt(string typed, string format)
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app, rounds: 3, format: typed);

        var view = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/online");

        view.GetProperty("format").GetString().Should().Be(format, "the host's page offers this format's own prompts");
        view.GetProperty("defaults").TryGetProperty(format, out _).Should().BeTrue();
    }

    [Fact]
    public async Task APromptTooLongOrOneRoundTooManyIsRefusedSayingWhichRound()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app, rounds: 2);

        var tooLong = await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { "Fine", new string('a', RoundPrompts.MaxLength + 1) } });
        var tooMany = await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { "a", "b", "c" } });
        var view = await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online");

        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("prompts[1]")[0].GetString()
            .Should().Contain("Round 2").And.Contain($"{RoundPrompts.MaxLength}");
        tooMany.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooMany.Content.ReadAsStringAsync()).Should().Contain("2 rounds");
        view!.Prompts.Should().OnlyContain(p => p.IsDefault, "nothing was saved");
    }

    private static async Task<string?> Board(TestApp app, Guid id)
    {
        var board = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/events/{id}/board");
        return board.GetProperty("prompt").GetString();
    }
}
