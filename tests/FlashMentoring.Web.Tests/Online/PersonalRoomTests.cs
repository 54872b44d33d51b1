using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Online;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.SignalR.Client;

namespace FlashMentoring.Web.Tests.Online;

/// <summary>A hybrid event as the phone tests need it: who is online, their phones, who sits with whom.</summary>
internal static class OnlinePhones
{
    // Mona and Omar host online tables; Pia and Raj host in the room; four mentees each way.
    public static readonly string[] Online = ["Mona", "Omar", "Ann", "Ben", "Cy", "Dee"];

    public const string Pattern = "https://meet.agency.gov/{event}-table-{table}";

    /// <summary>Made, planned, hybrid with <see cref="Online"/> online, rooms from <see cref="Pattern"/>.</summary>
    public static async Task<(Guid Id, string HostKey, HttpClient Host, List<HostPersonView> People)> HybridAsync(TestApp app, int rounds = 2)
    {
        var (created, host) = await RoomsEventForTests.CreateAsync(app, rounds: rounds);
        await RoomsEventForTests.AttendOnlineAsync(app, created.Id, Online);
        await RoomsEventForTests.SetModeAsync(host, created.Id, "hybrid");
        (await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern = Pattern })).EnsureSuccessStatusCode();
        return (created.Id, created.HostKey, host, await RoomsEventForTests.PeopleAsync(host, created.Id));
    }

    public static HttpClient Phone(TestApp app, HostPersonView person)
    {
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add("X-Person-Token", RoomsEventForTests.Token(person));
        return phone;
    }

    /// <summary>An online mentee and the mentor whose video room they are in, in this round, as the mentee's phone says.</summary>
    public static async Task<(HostPersonView Mentee, HostPersonView Mentor)> InARoomAsync(TestApp app, List<HostPersonView> people, int round)
    {
        foreach (var mentee in people.Where(p => p.Role == "mentee" && Online.Contains(p.Name)))
        {
            var row = (await Phone(app, mentee).GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("rounds")[round - 1];
            if (row.GetProperty("mentor").GetString() is { } mentor && Online.Contains(mentor))
            {
                return (mentee, people.Single(p => p.Name == mentor));
            }
        }

        throw new InvalidOperationException($"No online mentee sits at an online table in round {round}: the plan breaks the online rule.");
    }
}

/// <summary>Each person's phone in a hybrid event: the video room of every round for those online, none for those in the room, a prompt a round for all.</summary>
public class PersonalRoomTests
{
    private static readonly string[] Online = OnlinePhones.Online;

    private static async Task<(Guid Id, HttpClient Host, OnlineView Rooms, List<HostPersonView> People)> HybridAsync(TestApp app)
    {
        var (id, _, host, people) = await OnlinePhones.HybridAsync(app, rounds: 3);
        return (id, host, (await host.GetFromJsonAsync<OnlineView>($"/api/events/{id}/online"))!, people);
    }

    private static HttpClient Phone(TestApp app, HostPersonView person) => OnlinePhones.Phone(app, person);

    [Fact]
    public async Task EachOnlinePersonSeesTheRoomOfTheirTableInEveryRoundAndThoseInTheRoomSeeNone()
    {
        using var app = new TestApp();
        var (_, _, rooms, people) = await HybridAsync(app);
        var linkOf = rooms.Tables.ToDictionary(t => t.Table, t => t.Link);
        rooms.Tables.Where(t => t.Online).Select(t => t.Mentor).Should().BeEquivalentTo(["Mona", "Omar"]);
        var seatedOnline = 0;

        foreach (var person in people)
        {
            var view = await Phone(app, person).GetFromJsonAsync<JsonElement>("/api/me");
            var rows = view.GetProperty("rounds").EnumerateArray().ToList();
            var online = Online.Contains(person.Name);
            view.GetProperty("mode").GetString().Should().Be("hybrid");
            view.GetProperty("attends").GetString().Should().Be(online ? "online" : "in-person", person.Name);
            rows.Should().HaveCount(3);
            foreach (var row in rows)
            {
                var room = row.GetProperty("room");
                if (!online || row.GetProperty("table").ValueKind == JsonValueKind.Null)
                {
                    room.ValueKind.Should().Be(JsonValueKind.Null, $"{person.Name} in round {row.GetProperty("round")} has no video room");
                    continue;
                }

                var table = row.GetProperty("table").GetInt32();
                linkOf[table].Should().NotBeNull($"online {person.Name} meets at table {table} in round {row.GetProperty("round")}, which must be online");
                room.GetString().Should().Be(linkOf[table], $"{person.Name} meets at table {table} in round {row.GetProperty("round")}")
                    .And.StartWith("https://meet.agency.gov/autumn-flash-mentoring-").And.EndWith($"-table-{table}");
                seatedOnline++;
            }
        }

        // Three rounds and two online mentors: each online mentee meets both once and rests once, never at a table in the room.
        seatedOnline.Should().Be(2 * 3 + 4 * 2, "both online mentors host all three rounds, and each online mentee meets both of them in their rooms");
    }

    [Fact]
    public async Task EveryRowOfEveryPhoneCarriesItsRoundsPrompt()
    {
        using var app = new TestApp();
        var (id, host, _, people) = await HybridAsync(app);
        (await host.PutAsJsonAsync($"/api/events/{id}/prompts", new { prompts = new[] { "What brought you to public service?", "" } })).EnsureSuccessStatusCode();
        var prompts = (await host.GetFromJsonAsync<OnlineView>($"/api/events/{id}/online"))!.Prompts;
        prompts[2].Text.Should().NotBeNullOrEmpty("round 3 takes the format's default");

        foreach (var person in people)
        {
            var rows = (await Phone(app, person).GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("rounds").EnumerateArray().ToList();
            rows.Select(r => r.GetProperty("prompt").GetString()).Should().Equal(["What brought you to public service?", null, prompts[2].Text], person.Name);
        }
    }

    [Fact]
    public async Task TheItinerariesPushedAfterAReplanCarryRoomsAndPrompts()
    {
        using var app = new TestApp();
        var (id, host, rooms, people) = await HybridAsync(app);
        var (ann, mentor) = await OnlinePhones.InARoomAsync(app, people, 1);
        var table = rooms.Tables.Single(t => t.Mentor == mentor.Name);
        await using var phone = await app.ConnectLiveAsync();
        var pushes = phone.Pushes<List<ItineraryRow>>(nameof(ILiveClient.Itinerary));
        await phone.InvokeAsync<PersonalView>(nameof(LiveHub.JoinPerson), RoomsEventForTests.Token(mentor));

        // She cannot come: her round-1 mentor's table changes, and his phone is told.
        (await host.PostAsJsonAsync($"/api/events/{id}/people/{ann.Id}/status", new { status = "absent" })).EnsureSuccessStatusCode();
        var rows = await pushes.NextAsync();

        rows.Should().HaveCount(3);
        rows[0].With.Should().NotContain(ann.Name);
        rows.Should().OnlyContain(r => r.Room == table.Link, "a mentor's room is the same all event");
        rows.Should().OnlyContain(r => !string.IsNullOrEmpty(r.Prompt));
        rows.Where(r => r.With.Count > 0).Should().OnlyContain(r => r.WithIds != null && r.WithIds.Count == r.With.Count, "his phone can report a mentee missing");
    }
}
