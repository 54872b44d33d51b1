using System.Net.Http.Json;
using FlashMentoring.Web.Events;

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
        await using var board = await HubClient.ConnectAsync(app, "/hubs/live");
        await board.InvokeAsync("Join", created.Id);

        (await app.HostClient(created.HostKey).DeleteAsync($"/api/events/{created.Id}")).EnsureSuccessStatusCode();

        await board.NextAsync("EventDeleted");
        await using var later = await HubClient.ConnectAsync(app, "/hubs/live");
        var join = () => later.InvokeAsync("Join", created.Id);
        await join.Should().ThrowAsync<InvalidOperationException>().WithMessage("*No such event: it may have been deleted by its host*");
    }
}
