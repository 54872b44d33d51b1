using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Online;
using Microsoft.AspNetCore.SignalR.Client;
using static FlashMentoring.Web.Tests.Online.RoomsEventForTests;

namespace FlashMentoring.Web.Tests.Online;

public class RoomsTests
{
    private const string Pattern = "https://meet.agency.gov/{event}-table-{table}";

    [Fact]
    public async Task APatternGivesEachOnlineTableItsOwnUnguessableRoomAndTablesInTheRoomNone()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);
        var (other, otherHost) = await CreateAsync(app);
        await AttendOnlineAsync(app, created.Id, "Omar", "Raj");
        await SetModeAsync(host, created.Id, "hybrid");
        await SetModeAsync(otherHost, other.Id, "online");

        var set = await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern = Pattern });
        var view = (await set.Content.ReadFromJsonAsync<OnlineView>())!;
        var again = await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online");
        await otherHost.PutAsJsonAsync($"/api/events/{other.Id}/rooms/pattern", new { pattern = Pattern });
        var otherView = await otherHost.GetFromJsonAsync<OnlineView>($"/api/events/{other.Id}/online");

        set.StatusCode.Should().Be(HttpStatusCode.OK);
        view.Pattern.Should().Be(Pattern);
        var online = view.Tables.Where(t => t.Online).ToList();
        online.Select(t => t.Table).Should().Equal(2, 4);
        online.Select(t => t.Link).Should().OnlyHaveUniqueItems().And.OnlyContain(l => l!.StartsWith("https://meet.agency.gov/autumn-flash-mentoring-", StringComparison.Ordinal));
        online.Should().OnlyContain(t => t.Link!.EndsWith($"-table-{t.Table}", StringComparison.Ordinal) && t.Source == "pattern");
        view.Tables.Where(t => !t.Online).Should().OnlyContain(t => t.Link == null && t.Source == null, "tables in the room have no video room");
        again!.Tables.Select(t => t.Link).Should().Equal(view.Tables.Select(t => t.Link), "the rooms stay the same all event");
        var secret = online[0].Link!["https://meet.agency.gov/autumn-flash-mentoring-".Length..^"-table-2".Length];
        secret.Should().MatchRegex("^[a-z0-9]{12}$", "the random part makes the room name unguessable");
        otherView!.Tables[1].Link.Should().NotBe(online[0].Link, "another event of the same name gets rooms of its own");
    }

    [Theory]
    [InlineData("https://meet.agency.gov/{event}", "{table}")]
    [InlineData("https://meet.agency.gov/table-{table}", "{event}")]
    [InlineData("http://meet.agency.gov/{event}-{table}", "https")]
    [InlineData("javascript:alert(1)//{event}{table}", "https")]
    public async Task APatternThatCannotMakeSafeUnguessableRoomsIsRefused(string pattern, string said)
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);

        var answer = await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern });
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var view = await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("pattern")[0].GetString().Should().Contain(said);
        view!.Pattern.Should().BeNull();
    }

    [Fact]
    public async Task ACsvKeepsTheGoodLinesAndReportsEachBadOneByItsLineNumber()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);
        await SetModeAsync(host, created.Id, "online");
        var csv = "table,link\n" +
                  "1,https://teams.microsoft.com/l/meetup-join/abc\n" +
                  "2,javascript:alert(document.cookie)\n" +
                  "\n" +
                  "3,http://zoom.us/j/123\n" +
                  "9,https://zoom.us/j/999\n" +
                  "1,https://zoom.us/j/111\n" +
                  "four,https://zoom.us/j/444\n" +
                  "4,data:text/html;base64,PHNjcmlwdD4=\n" +
                  "\"3\",\"https://zoom.us/j/333?pwd=a,b\"\n";

        var answer = await host.PutAsync($"/api/events/{created.Id}/rooms", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var view = (await answer.Content.ReadFromJsonAsync<OnlineView>())!;

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        view.Problems!.Select(p => p.Line).Should().Equal(3, 5, 6, 7, 8, 9);
        view.Problems!.Single(p => p.Line == 3).Text.Should().Contain("not an https:// link");
        view.Problems!.Single(p => p.Line == 5).Text.Should().Contain("not an https:// link");
        view.Problems!.Single(p => p.Line == 6).Text.Should().Contain("no table 9");
        view.Problems!.Single(p => p.Line == 7).Text.Should().Contain("line 2");
        view.Problems!.Single(p => p.Line == 8).Text.Should().Contain("\"four\" is not a table number");
        view.Tables.Select(t => t.Link).Should().Equal("https://teams.microsoft.com/l/meetup-join/abc", null, "https://zoom.us/j/333?pwd=a,b", null);
        view.Tables.Where(t => t.Link != null).Should().OnlyContain(t => t.Source == "csv");
    }

    [Fact]
    public async Task ACsvWithAByteOrderMarkAndNoHeaderIsRead()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);
        await SetModeAsync(host, created.Id, "online");
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("2,https://zoom.us/j/222\r\n4,https://zoom.us/j/444\r\n")).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("text/csv");

        var view = await (await host.PutAsync($"/api/events/{created.Id}/rooms", content)).Content.ReadFromJsonAsync<OnlineView>();

        view!.Problems.Should().BeEmpty();
        view.Tables.Select(t => t.Link).Should().Equal(null, "https://zoom.us/j/222", null, "https://zoom.us/j/444");
    }

    [Fact]
    public async Task ACsvWithNoUsableLineChangesNothing()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);
        await SetModeAsync(host, created.Id, "online");
        await host.PutAsync($"/api/events/{created.Id}/rooms", new StringContent("1,https://zoom.us/j/111\n", Encoding.UTF8, "text/csv"));

        var answer = await host.PutAsync($"/api/events/{created.Id}/rooms", new StringContent("table,link\n1,javascript:alert(1)\n", Encoding.UTF8, "text/csv"));
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var view = await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online");

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("problems")[0].GetProperty("line").GetInt32().Should().Be(2);
        view!.Tables[0].Link.Should().Be("https://zoom.us/j/111", "the rooms of before stay");
    }

    [Fact]
    public async Task ARoomReplacedDuringTheChangeOfTablesReachesItsMentorAndTheMenteesComingToItNotThoseLeaving()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Nine);
        using var app = new TestApp { Time = time };
        var (created, host) = await CreateAsync(app, rounds: 3);
        await SetModeAsync(host, created.Id, "online");
        await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern = Pattern });
        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");
        HashSet<string> AtTable3(int round) => plan.GetProperty("rounds")[round - 1].GetProperty("tables").EnumerateArray()
            .Where(t => t.GetProperty("table").GetInt32() == 3)
            .SelectMany(t => t.GetProperty("mentees").EnumerateArray().Select(m => m.GetProperty("name").GetString()!))
            .ToHashSet();
        var told = AtTable3(2).Union(AtTable3(3)).Append("Pia").ToHashSet();
        var leaving = AtTable3(1).Except(told).ToList();
        leaving.Should().NotBeEmpty("someone leaves table 3 after round 1 and never comes back");
        var phones = new Dictionary<string, (HubConnection Hub, System.Threading.Channels.ChannelReader<(int, string)> Rooms, System.Threading.Channels.ChannelReader<int> Plans)>();
        foreach (var person in await PeopleAsync(host, created.Id))
        {
            var hub = await app.ConnectLiveAsync();
            var rooms = System.Threading.Channels.Channel.CreateUnbounded<(int, string)>();
            hub.On<int, string>(nameof(ILiveClient.RoomChanged), (table, link) => { rooms.Writer.TryWrite((table, link)); });
            phones[person.Name] = (hub, rooms.Reader, hub.Pushes<int>(nameof(ILiveClient.PlanChanged)));
            await hub.InvokeAsync<PersonalView>(nameof(LiveHub.JoinPerson), Token(person));
        }

        await using var console = await app.ConnectLiveAsync();
        var presence = console.Pushes<int>(nameof(ILiveClient.PresenceChanged));
        await console.InvokeAsync<ClockView>(nameof(LiveHub.JoinHost), created.Id, created.HostKey);
        (await host.PostAsync($"/api/events/{created.Id}/clock/start", null)).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/events/{created.Id}/clock/skip", new { expectedRound = 1 })).EnsureSuccessStatusCode();

        var answer = await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/3", new { link = "https://zoom.us/j/987654" });
        var replaced = (await answer.Content.ReadFromJsonAsync<RoomReplaced>())!;
        // Then something everyone hears: pushes keep their order, so whoever heard of the room heard it before this.
        await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { "Hello" } });
        foreach (var phone in phones.Values)
        {
            await phone.Plans.NextAsync();
        }

        var view = await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        replaced.Told.Should().Be(told.Count);
        foreach (var (name, phone) in phones)
        {
            if (told.Contains(name))
            {
                (await phone.Rooms.NextAsync()).Should().Be((3, "https://zoom.us/j/987654"), $"{name} hosts or comes to table 3 from round 2 on");
            }
            else
            {
                phone.Rooms.TryRead(out _).Should().BeFalse($"{name} is not at table 3 from round 2 on");
            }
        }

        (await presence.NextAsync()).Should().Be(2, "the host console's video rooms panel reads the new link for the round people are moving to");
        view!.Tables[2].Should().Be(new OnlineTable(3, "Pia", true, "https://zoom.us/j/987654", "replaced"));
        view.Tables[1].Source.Should().Be("pattern", "the other tables keep their rooms");
        foreach (var phone in phones.Values)
        {
            await phone.Hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task ATableInTheRoomHasNoVideoRoomToReplace()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);
        await AttendOnlineAsync(app, created.Id, "Omar", "Raj");
        await SetModeAsync(host, created.Id, "hybrid");
        await using var phone = await app.ConnectLiveAsync();
        var plans = phone.Pushes<int>(nameof(ILiveClient.PlanChanged));
        var mona = (await PeopleAsync(host, created.Id)).Single(p => p.Name == "Mona");
        var changed = System.Threading.Channels.Channel.CreateUnbounded<int>();
        phone.On<int, string>(nameof(ILiveClient.RoomChanged), (table, _) => { changed.Writer.TryWrite(table); });
        await phone.InvokeAsync<PersonalView>(nameof(LiveHub.JoinPerson), Token(mona));

        var answer = await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/1", new { link = "https://zoom.us/j/1" });
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        await host.PutAsJsonAsync($"/api/events/{created.Id}/prompts", new { prompts = new[] { "Hello" } });
        await plans.NextAsync();
        var view = await host.GetFromJsonAsync<OnlineView>($"/api/events/{created.Id}/online");

        answer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("Table 1 meets in the room");
        changed.Reader.TryRead(out _).Should().BeFalse("Mona hosts table 1 in the room and has no video room to open");
        view!.Tables[0].Should().Be(new OnlineTable(1, "Mona", false, null, null));
    }

    [Fact]
    public async Task AReplacementMustBeASafeLinkToATableOfThePlan()
    {
        using var app = new TestApp();
        var (created, host) = await CreateAsync(app);
        await SetModeAsync(host, created.Id, "online");

        var unsafeLink = await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/1", new { link = "javascript:alert(1)" });
        var noTable = await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/9", new { link = "https://zoom.us/j/1" });

        unsafeLink.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unsafeLink.Content.ReadAsStringAsync()).Should().Contain("https");
        noTable.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await noTable.Content.ReadAsStringAsync()).Should().Contain("tables 1 to 4");
    }
}
