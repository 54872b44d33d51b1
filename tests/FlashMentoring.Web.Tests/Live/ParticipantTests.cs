using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Live;

public class ParticipantTests
{
    private const string Roster = "role,name,email,agency\nmentor,Mona Lisa,mona@hhs.gov,HHS/NIH\nmentor,Omar Khayyam,omar@opm.gov,OPM\n" +
                                  "mentee,Ann Lee,ann@va.gov,VA\nmentee,Ben Okafor,ben@va.gov,VA\nmentee,Cy Young,cy@gsa.gov,GSA\nmentee,Dee Nguyễn,dee@gsa.gov,GSA\n";

    private static async Task<(CreatedEvent Event, HttpClient Host)> EventWithRoster(TestApp app, int rounds = 2, string roster = Roster)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", rounds, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created, host);
    }

    [Fact]
    public async Task APhonePicksItsNameByCodeAndItsPersonalLinkShowsItsOwnTablesAsPlanned()
    {
        using var app = new TestApp();
        var (created, host) = await EventWithRoster(app);
        var phone = app.CreateClient();

        var names = await phone.GetFromJsonAsync<JoinEventView>($"/api/join/{created.JoinCode.ToLowerInvariant()}");
        var dee = names!.People.Single(p => p.Name == "Dee Nguyễn");
        var link = await (await phone.PostAsync($"/api/join/{created.JoinCode}/people/{dee.Pick}", null)).Content.ReadFromJsonAsync<PersonalLink>();
        phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, link!.Token);
        var me = await phone.GetFromJsonAsync<PersonalView>("/api/me");
        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");

        names.People.Should().HaveCount(6);
        link.Link.Should().Be($"/me#t={link.Token}", "the token rides in the fragment, never in a Referer");
        link.Token.Length.Should().BeGreaterThanOrEqualTo(22, "128 random bits");
        me!.Name.Should().Be("Dee Nguyễn");
        me.Clock!.Phase.Should().Be("waiting");
        me.Rounds.Select(r => r.Label).Should().Equal("Round 1", "Round 2");
        foreach (var row in me.Rounds)
        {
            var table = plan.GetProperty("rounds")[row.Round - 1].GetProperty("tables").EnumerateArray()
                .Single(t => t.GetProperty("mentees").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "Dee Nguyễn"));
            row.Table.Should().Be(table.GetProperty("table").GetInt32());
            row.Mentor.Should().Be(table.GetProperty("mentor").GetProperty("name").GetString());
            row.With.Should().NotContain("Dee Nguyễn");
        }
    }

    [Fact]
    public async Task AWrongCodeOrTokenIsANotFoundThatSaysWhatToDo()
    {
        using var app = new TestApp();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, "not-a-token");

        var code = await client.GetAsync("/api/join/ZZZZZZ");
        var me = await client.GetAsync("/api/me");

        code.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await code.Content.ReadAsStringAsync()).Should().Contain("Check the code");
        me.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await me.Content.ReadAsStringAsync()).Should().Contain("join again");
    }

    [Fact]
    public async Task CheckInAndThePeopleListNeedTheHostLink()
    {
        using var app = new TestApp();
        var (created, _) = await EventWithRoster(app);
        var stranger = app.CreateClient();

        var list = await stranger.GetAsync($"/api/events/{created.Id}/people");
        var mark = await stranger.PostAsJsonAsync($"/api/events/{created.Id}/people/1/status", new { status = "absent" });

        list.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        mark.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AMenteeMarkedAbsentIsTakenOutAndOnlyThePhonesWhoseTableChangedAreTold()
    {
        using var app = new TestApp();
        // One round, three tables of up to two for four mentees: one table has two, so taking one of them out
        // leaves every table within one of the others and nobody else has to move.
        var (created, host) = await EventWithRoster(app, rounds: 1, roster: "role,name\nmentor,Mona\nmentor,Omar\nmentor,Pia\nmentee,Ann\nmentee,Ben\nmentee,Cy\nmentee,Dee\n");
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");
        var pair = plan.GetProperty("rounds")[0].GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("mentees").GetArrayLength() == 2);
        var leaving = pair.GetProperty("mentees")[0].GetProperty("name").GetString()!;
        var tablemate = pair.GetProperty("mentees")[1].GetProperty("name").GetString()!;
        var mentor = pair.GetProperty("mentor").GetProperty("name").GetString()!;
        var phones = new Dictionary<string, (HubConnection Hub, ChannelReader<IReadOnlyList<ItineraryRow>> Itineraries, ChannelReader<int> Plans)>();
        foreach (var person in people)
        {
            var hub = await app.ConnectLiveAsync();
            phones[person.Name] = (hub, hub.Pushes<IReadOnlyList<ItineraryRow>>(nameof(ILiveClient.Itinerary)), hub.Pushes<int>(nameof(ILiveClient.PlanChanged)));
            await hub.InvokeAsync<PersonalView>(nameof(LiveHub.JoinPerson), person.Link!["/me#t=".Length..]);
        }

        var answer = await host.PostAsJsonAsync($"/api/events/{created.Id}/people/{people.Single(p => p.Name == leaving).Id}/status", new { status = "absent" });
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var result = (await answer.Content.ReadFromJsonAsync<StatusResult>())!;
        var theirs = await phones[leaving].Itineraries.NextAsync();
        var mentors = await phones[mentor].Itineraries.NextAsync();
        var mate = await phones[tablemate].Itineraries.NextAsync();

        result.Person.Status.Should().Be("absent");
        result.Message.Should().Be($"{leaving} is out from round 1. Nobody else changes table; 2 other people told who now sits with them.", "their mentor's table and their tablemate's company changed");
        theirs[0].Table.Should().BeNull("they are no longer seated");
        mentors[0].With.Should().ContainSingle().And.NotContain(leaving);
        mate[0].With.Should().BeEmpty("the tablemate now sits alone with the mentor");
        foreach (var (name, phone) in phones.Where(p => p.Key != leaving && p.Key != mentor && p.Key != tablemate))
        {
            // PlanChanged goes out after every changed phone's itinerary, and one connection hears in order: once a phone
            // has it, an itinerary meant for it would be here already.
            (await phone.Plans.NextAsync()).Should().Be(2, "the board and host console refresh to the plan after the roster's (version 1)");
            phone.Itineraries.TryRead(out _).Should().BeFalse($"{name}'s table did not change");
        }

        foreach (var phone in phones.Values)
        {
            await phone.Hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task AWalkInDuringRoundOneJoinsFromRoundTwoWithAPersonalLinkAndRestartsFindThemAgain()
    {
        var folder = Directory.CreateTempSubdirectory("fm-walkin-").FullName;
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));
            CreatedEvent created;
            using (var app = new TestApp { DataFolder = folder, Time = time })
            {
                HttpClient host;
                (created, host) = await EventWithRoster(app, rounds: 3);
                (await host.PostAsync($"/api/events/{created.Id}/clock/start", null)).EnsureSuccessStatusCode();

                var answer = await host.PostAsJsonAsync($"/api/events/{created.Id}/walk-ins", new { name = "Rosa Parks", role = "mentee", email = "rosa@opm.gov", agency = "OPM" });
                var again = await host.PostAsJsonAsync($"/api/events/{created.Id}/walk-ins", new { name = "Rosa Parks", role = "mentee", email = "rosa@opm.gov" });
                var nameless = await host.PostAsJsonAsync($"/api/events/{created.Id}/walk-ins", new { role = "guest" });

                answer.StatusCode.Should().Be(HttpStatusCode.OK);
                (await answer.Content.ReadFromJsonAsync<StatusResult>())!.Message.Should().MatchRegex(@"^Rosa Parks joins at Table \d+ in round 2\. ");
                again.StatusCode.Should().Be(HttpStatusCode.Conflict);
                nameless.StatusCode.Should().Be(HttpStatusCode.BadRequest);
                (await nameless.Content.ReadAsStringAsync()).Should().Contain("name").And.Contain("mentor or mentee");
            }

            // After a restart on the same file, the walk-in is still in the plan with the same seats.
            using var restarted = new TestApp { DataFolder = folder, Time = time };
            var people = (await restarted.HostClient(created.HostKey).GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
            var rosa = people.Single(p => p.Name == "Rosa Parks");
            var phone = restarted.CreateClient();
            phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, rosa.Link!["/me#t=".Length..]);
            var me = (await phone.GetFromJsonAsync<PersonalView>("/api/me"))!;

            rosa.Status.Should().Be("arrived");
            me.Rounds[0].Table.Should().BeNull("round 1 was under way when she came");
            me.Rounds[1].Table.Should().NotBeNull();
            me.Rounds[2].Table.Should().NotBeNull();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task MarkingTheOnlyMentorAbsentLeavesEveryoneRestingInsteadOfFailing()
    {
        using var app = new TestApp();
        var (created, host) = await EventWithRoster(app, rounds: 2, roster: "role,name\nmentor,Mona\nmentee,Ann\nmentee,Ben\n");
        var mona = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!.Single(p => p.Name == "Mona");

        var answer = await host.PostAsJsonAsync($"/api/events/{created.Id}/people/{mona.Id}/status", new { status = "absent" });

        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");

        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        (await answer.Content.ReadFromJsonAsync<StatusResult>())!.Message.Should().StartWith("Mona is out from round 1");
        plan.GetProperty("rounds").EnumerateArray().Should().OnlyContain(r => r.GetProperty("tables").GetArrayLength() == 0 && r.GetProperty("resting").GetArrayLength() == 2,
            "with no table left, everyone rests rather than the app failing");
    }
}
