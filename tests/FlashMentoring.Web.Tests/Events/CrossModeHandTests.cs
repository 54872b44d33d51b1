using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Tests.Online;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Events;

/// <summary>In a hybrid event a change by hand never seats an online mentee at a table in the room, or the other way round.</summary>
public sealed class CrossModeHandTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private static async Task<(Guid Id, HttpClient Host)> Hybrid(TestApp app)
    {
        var (created, host) = await AttendsKit.CreateAsync(app, EventRecord.Hybrid, rounds: 2, seatsPerTable: 3);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(AttendsKit.Hybrid(2, 4, 2, 4), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created.Id, host);
    }

    private static async Task<int> TableOf(HttpClient host, Guid id, string mentor) =>
        (await host.GetFromJsonAsync<AdjustView>($"/api/events/{id}/adjust"))!.Mentors.Single(m => m.Name == mentor).Table!.Value;

    /// <summary>Each mentee's table per round, as the host's grid shows it.</summary>
    private static async Task<string> Seats(HttpClient host, Guid id) =>
        (await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/plan")).GetProperty("rounds").GetRawText();

    private static async Task<string?> SeatedAt(HttpClient host, Guid id, int round, int table) =>
        (await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/plan")).GetProperty("rounds")[round - 1].GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("table").GetInt32() == table).GetProperty("mentees")[0].GetProperty("name").GetString();

    [Fact]
    public async Task AnOnlineMenteeMovedToATableInTheRoomIsRefusedAndThePlanStaysAsItWas()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Hybrid(app);
        var roomTable = await TableOf(host, id, "Room Mentor 1");
        var before = await Seats(host, id);
        var roomMentee = await SeatedAt(host, id, 1, roomTable);
        var roomMenteeKey = (await AttendsKit.PersonAsync(app, id, roomMentee!)).Key;

        var moved = await host.PostAsJsonAsync($"/api/events/{id}/moves", new { mentee = "online.mentee1@agency.gov", round = 1, table = roomTable });
        var swapped = await host.PostAsJsonAsync($"/api/events/{id}/moves", new { mentee = "online.mentee1@agency.gov", round = 1, table = roomTable, swapWith = roomMenteeKey });

        foreach (var answer in new[] { moved, swapped })
        {
            answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should()
                .Be($"Online Mentee 1 takes part online and Table {roomTable} (Room Mentor 1) is in the room, so they cannot meet. Choose one of the online tables.");
        }

        (await Seats(host, id)).Should().Be(before, "a refused move changes nothing");
        AttendsKit.CrossModeSeats(await AttendsKit.PlanAsync(app, id)).Should().BeEmpty();
    }

    [Fact]
    public async Task PinningAnOnlineMenteeToAMentorInTheRoomSaysWhyItCannotBeMet()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Hybrid(app);
        var before = await Seats(host, id);

        var answer = await host.PostAsJsonAsync($"/api/events/{id}/constraints", new { kind = "pin", mentee = "online.mentee1@agency.gov", mentor = "room.mentor1@agency.gov" });

        answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var detail = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        detail.Should().Be("Online Mentee 1 takes part online and Room Mentor 1 in the room, so they cannot meet. If they should, change how one of them takes part first (the host's edit of the person, or the check-in desk).");
        (await Seats(host, id)).Should().Be(before, "a refused pin changes nothing");
    }
}
