using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Events;

/// <summary>The host's choice, made when creating the event or switched on the day, to let a table take one extra mentee.</summary>
public class ExtraSeatTests
{
    // Three tables of two for six mentees: the room is full, so a walk-in finds no free seat.
    private const string Roster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentor,Pia Sun,pia@gsa.gov\n" +
                                  "mentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\nmentee,Cy Young,cy@gsa.gov\nmentee,Eve Stone,eve@va.gov\n" +
                                  "mentee,Fay Wong,fay@opm.gov\nmentee,Gil Moss,gil@hhs.gov\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheHostChoosesTheExtraSeatWhenCreatingTheEventAndSeesItAfterwards(bool extraSeat)
    {
        using var app = new TestApp();

        var (id, host) = await Created(app, extraSeat);

        var view = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/host");
        view.GetProperty("extraSeatWhenShort").GetBoolean().Should().Be(extraSeat);
    }

    [Fact]
    public async Task TheExtraSeatIsOffUnlessTheHostAsks()
    {
        using var app = new TestApp();
        var created = await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Plain", startsAt = "2026-12-01T09:00:00-05:00" }))
            .Content.ReadFromJsonAsync<JsonElement>();

        var view = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/events/{created.GetProperty("id").GetGuid()}");

        view.GetProperty("extraSeatWhenShort").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWalkInIntoAFullRoomSitsEveryRoundOnlyWithTheExtraSeat(bool extraSeat)
    {
        using var app = new TestApp { Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero)) };
        var (id, host) = await Created(app, extraSeat);
        (await host.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        var before = await Seats(host, id);

        var answer = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = "Dee Walker", role = "mentee" });

        answer.EnsureSuccessStatusCode();
        var link = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("link").GetString()!;
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add("X-Person-Token", link["/me#t=".Length..]);
        var tables = (await phone.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("rounds").EnumerateArray()
            .Select(r => r.GetProperty("table").ValueKind == JsonValueKind.Number).Skip(1).ToList();
        var after = await Seats(host, id);
        if (extraSeat)
        {
            tables.Should().OnlyContain(seated => seated, "with the extra seat she joins a table of three in every round after she came");
            after.Where(x => before.ContainsKey(x.Key)).Should().BeEquivalentTo(before, "nobody else moves");
        }
        else
        {
            after.Should().HaveCount(3 * 6, "without it seven mentees share six seats, so someone rests in each later round");
        }
    }

    [Fact]
    public async Task AHostWhoSeesTheRoomRunShortSwitchesTheExtraSeatOnAndTheNextWalkInSitsWithoutMovingAnyone()
    {
        using var app = new TestApp { Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero)) };
        var (id, host) = await Created(app, extraSeat: false);
        (await host.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        var before = await Seats(host, id);

        var switched = await host.PutAsJsonAsync($"/api/events/{id}/extra-seat", new { allowed = true });
        var walkIn = await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = "Dee Walker", role = "mentee" });

        switched.EnsureSuccessStatusCode();
        (await switched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("extraSeatWhenShort").GetBoolean().Should().BeTrue();
        (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/events/{id}")).GetProperty("extraSeatWhenShort").GetBoolean().Should().BeTrue("the event keeps the switch");
        walkIn.EnsureSuccessStatusCode();
        var after = await Seats(host, id);
        after.Where(x => before.ContainsKey(x.Key)).Should().BeEquivalentTo(before, "with the extra seat switched on, nobody already seated moves or rests");
        after.Should().HaveCount(before.Count + 2, "she sits in rounds 2 and 3, at a table of three");
    }

    [Fact]
    public async Task SwitchingTheExtraSeatBeforeAnyRosterLeavesAnEventWithNobodyToSeat()
    {
        using var app = new TestApp();
        var (id, host) = await Created(app, extraSeat: false);

        (await host.PutAsJsonAsync($"/api/events/{id}/extra-seat", new { allowed = true })).EnsureSuccessStatusCode();

        var view = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/host");
        view.GetProperty("extraSeatWhenShort").GetBoolean().Should().BeTrue();
        view.GetProperty("hasPlan").GetBoolean().Should().BeFalse("no roster was uploaded");
        (await host.PostAsync($"/api/events/{id}/clock/start", null)).StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict, "there is still nobody to seat");
    }

    [Fact]
    public async Task TheExtraSeatCannotBeSwitchedOffWhileATableToComeStillHasItsExtraMentee()
    {
        using var app = new TestApp { Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero)) };
        var (id, host) = await Created(app, extraSeat: true);
        (await host.PutAsync($"/api/events/{id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/events/{id}/walk-ins", new { name = "Dee Walker", role = "mentee" })).EnsureSuccessStatusCode();
        var seats = await Seats(host, id);

        var off = await host.PutAsJsonAsync($"/api/events/{id}/extra-seat", new { allowed = false });

        off.StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict);
        (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("Round 2").And.Contain("absent");
        (await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/host")).GetProperty("extraSeatWhenShort").GetBoolean().Should().BeTrue();
        (await Seats(host, id)).Should().BeEquivalentTo(seats, "a refused switch changes nothing");
    }

    private static async Task<(Guid Id, HttpClient Host)> Created(TestApp app, bool extraSeat)
    {
        var created = await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Extra seat", startsAt = "2026-12-01T09:00:00-05:00", rounds = 3, seatsPerTable = 2, extraSeatWhenShort = extraSeat }))
            .Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), app.HostClient(created.GetProperty("hostKey").GetString()!));
    }

    // Each mentee's table in every round, as the host's plan shows it ("2:3" is round 2 at table 3); resting is absent.
    private static async Task<Dictionary<string, string>> Seats(HttpClient host, Guid id)
    {
        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/plan");
        return plan.GetProperty("rounds").EnumerateArray()
            .SelectMany(round => round.GetProperty("tables").EnumerateArray().SelectMany(table => table.GetProperty("mentees").EnumerateArray()
                .Select(seat => (Key: $"{round.GetProperty("number").GetInt32()}|{seat.GetProperty("key").GetString()}", Table: table.GetProperty("table").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .ToDictionary(x => x.Key, x => x.Table);
    }
}
