using System.Net.Http.Json;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace FlashMentoring.Web.Tests.Live;

/// <summary>A deleted event tells every open screen, and a screen opened later learns it is gone at once.</summary>
public class EventDeletedPushTests
{
    [Fact]
    public async Task EveryScreenOfTheEventHearsItWasDeletedOnceItIsGone()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Gone", startsAt = "2026-12-01T09:00:00-05:00" }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        await using var board = await app.ConnectLiveAsync();
        var deleted = board.Pushes(nameof(ILiveClient.EventDeleted));
        await board.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);

        (await app.HostClient(created.HostKey).DeleteAsync($"/api/events/{created.Id}")).EnsureSuccessStatusCode();

        await deleted.NextAsync();
        await using var later = await app.ConnectLiveAsync();
        var join = () => later.InvokeAsync<ClockView>(nameof(LiveHub.Join), created.Id);
        await join.Should().ThrowAsync<HubException>().WithMessage("*No such event: it may have been deleted by its host*");
    }
}
