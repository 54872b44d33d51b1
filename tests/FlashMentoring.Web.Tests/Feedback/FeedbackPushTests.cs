using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace FlashMentoring.Web.Tests.Feedback;

public class FeedbackPushTests
{
    [Fact]
    public async Task TheHostConsoleHearsOfAnswersAtOnceAndOfABurstOnceMoreAfterTwoSeconds()
    {
        var time = new TimerWatchingFakeTimeProvider(DateTimeOffset.Parse("2026-12-01T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var app = new TestApp { Time = time };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Push", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        using var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent("role,name\nmentor,Mona\nmentor,Omar\nmentee,Ann\nmentee,Ben\n", Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        foreach (var command in new[] { "start", "end" })
        {
            (await host.PostAsync($"/api/events/{created.Id}/clock/{command}", null)).EnsureSuccessStatusCode();
        }

        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        async Task<HttpClient> Phone(string name)
        {
            var phone = app.CreateClient();
            (await phone.GetAsync("/me")).EnsureSuccessStatusCode(); // The device cookie, as a browser gets it.
            phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, people.First(p => p.Name == name).Link!["/me#t=".Length..]);
            return phone;
        }

        await using var console = await app.ConnectLiveAsync();
        var consoleHears = console.Pushes(nameof(ILiveClient.FeedbackChanged));
        await console.InvokeAsync<ClockView>(nameof(LiveHub.JoinHost), created.Id, created.HostKey);
        await using var board = await app.ConnectLiveAsync();
        var boardHears = board.Pushes(nameof(ILiveClient.FeedbackChanged));
        await board.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
        var stranger = () => console.InvokeAsync<ClockView>(nameof(LiveHub.JoinHost), created.Id, "not-the-key");

        using var ann = await Phone("Ann");
        using var ben = await Phone("Ben");
        (await ann.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 5 })).EnsureSuccessStatusCode();
        await consoleHears.NextAsync();
        (await ben.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 4 })).EnsureSuccessStatusCode();
        (await ben.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 2, rating = 3 })).EnsureSuccessStatusCode();
        var burst = consoleHears.NextAsync(TimeSpan.FromSeconds(5));
        await time.TimerSetFor(time.GetUtcNow() + TimeSpan.FromSeconds(2));
        burst.IsCompleted.Should().BeFalse("a burst within two seconds of the last message waits for them to pass");
        time.Advance(TimeSpan.FromSeconds(2));
        await burst;

        // A call's answer reaches a connection after whatever was sent to it before: once both have answered, a second
        // message of the burst, or one sent to the board, would be here already (no wait on the wall clock).
        await console.InvokeAsync<ClockView>(nameof(LiveHub.JoinHost), created.Id, created.HostKey);
        await board.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
        consoleHears.TryRead(out _).Should().BeFalse("the two answers of the burst are told in one message");
        boardHears.TryRead(out _).Should().BeFalse("only the host hears that answers came in");
        await stranger.Should().ThrowAsync<HubException>().WithMessage("*host link*");
    }
}
