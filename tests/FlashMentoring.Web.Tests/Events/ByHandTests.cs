using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Events;

/// <summary>Pins and forbids from the lists, a mentee moved to another table, and undo of the last of these.</summary>
public sealed class ByHandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 6, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Now);
    private readonly string folder = Directory.CreateTempSubdirectory("fm-byhand-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static string Key(string name) => name.ToLowerInvariant() + "@x.gov";

    private static string Roster(string[] mentors, string[] mentees) =>
        "role,name,email\n" + string.Concat(mentors.Select(m => $"mentor,{m},{Key(m)}\n")) + string.Concat(mentees.Select(m => $"mentee,{m},{Key(m)}\n"));

    private static async Task<(Guid Id, HttpClient Host)> Planned(TestApp app, string roster, int rounds, int seats)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "By hand", startsAt = "2030-06-03T14:00:00Z", rounds, seatsPerTable = seats, roundMinutes = 10, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created.Id, host);
    }

    /// <summary>Every mentee's table in every round, by name: what the host's grid and the phones show.</summary>
    private static Dictionary<(string Mentee, int Round), int> Seats(JsonElement plan) =>
        plan.GetProperty("rounds").EnumerateArray()
            .SelectMany(r => r.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("mentees").EnumerateArray()
                .Select(m => (Mentee: m.GetProperty("name").GetString()!, Round: r.GetProperty("number").GetInt32(), Table: t.GetProperty("table").GetInt32()))))
            .ToDictionary(x => (x.Mentee, x.Round), x => x.Table);

    private static Dictionary<int, string> Tables(JsonElement plan) =>
        plan.GetProperty("rounds")[0].GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetInt32(), t => t.GetProperty("mentor").GetProperty("name").GetString()!);

    private static Task<JsonElement> PlanOf(HttpClient host, Guid id) => host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/plan");

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Post(HttpClient host, string path, object? body)
    {
        var answer = await host.PostAsJsonAsync(path, body);
        return (answer.StatusCode, await answer.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task APairThePlanDidNotSeatCanBePinnedFromTheListsAndThenMeets()
    {
        using var app = new TestApp { Time = time };
        string[] mentors = ["Mona", "Omar", "Pia"];
        var (id, host) = await Planned(app, Roster(mentors, ["Ann", "Ben", "Cy"]), rounds: 2, seats: 1);
        var before = Seats(await PlanOf(host, id));
        var tables = Tables(await PlanOf(host, id));
        var unseated = mentors.First(m => !Enumerable.Range(1, 2).Any(r => tables[before[("Ann", r)]] == m));

        var lists = await host.GetFromJsonAsync<AdjustView>($"/api/events/{id}/adjust");
        var (status, plan) = await Post(host, $"/api/events/{id}/constraints", new { kind = "pin", mentee = Key("Ann"), mentor = Key(unseated) });

        lists!.Mentees.Select(p => p.Name).Should().Equal("Ann", "Ben", "Cy");
        lists.Mentors.Select(p => (p.Name, p.Table)).Should().Equal(("Mona", 1), ("Omar", 2), ("Pia", 3));
        status.Should().Be(HttpStatusCode.OK);
        var after = Seats(plan);
        Enumerable.Range(1, 2).Select(r => tables[after[("Ann", r)]]).Should().Contain(unseated, "the host pinned a pair the plan had not seated");
        plan.GetProperty("quality").GetProperty("violations").GetArrayLength().Should().Be(0);
        plan.GetProperty("pins")[0].GetProperty("mentor").GetString().Should().Be(unseated);
    }

    [Fact]
    public async Task APinThatCannotBeMetIsRefusedWithTheReason()
    {
        using var app = new TestApp { Time = time };
        var roster = "role,name,email,avoid\nmentor,Mona,mona@x.gov,\nmentor,Omar,omar@x.gov,\nmentor,Pia,pia@x.gov,\n" +
                     "mentee,Ann,ann@x.gov,\nmentee,Ben,ben@x.gov,pia@x.gov\nmentee,Cy,cy@x.gov,\n";
        var (id, host) = await Planned(app, roster, rounds: 2, seats: 1);

        (await Post(host, $"/api/events/{id}/constraints", new { kind = "pin", mentee = Key("Ann"), mentor = Key("Mona") })).Status.Should().Be(HttpStatusCode.OK);
        (await Post(host, $"/api/events/{id}/constraints", new { kind = "pin", mentee = Key("Ann"), mentor = Key("Omar") })).Status.Should().Be(HttpStatusCode.OK);
        var third = await Post(host, $"/api/events/{id}/constraints", new { kind = "pin", mentee = Key("Ann"), mentor = Key("Pia") });
        var avoided = await Post(host, $"/api/events/{id}/constraints", new { kind = "pin", mentee = Key("Ben"), mentor = Key("Pia") });
        (await Post(host, $"/api/events/{id}/constraints", new { kind = "forbid", mentee = Key("Cy"), mentor = Key("Mona") })).Status.Should().Be(HttpStatusCode.OK);
        var forbidden = await Post(host, $"/api/events/{id}/constraints", new { kind = "pin", mentee = Key("Cy"), mentor = Key("Mona") });

        third.Status.Should().Be(HttpStatusCode.Conflict);
        third.Body.GetProperty("detail").GetString().Should().Contain("Ann would be pinned to 3 mentors but is there for only 2 rounds");
        avoided.Status.Should().Be(HttpStatusCode.Conflict);
        avoided.Body.GetProperty("detail").GetString().Should().Contain("Ben and Pia asked not to be seated together");
        forbidden.Status.Should().Be(HttpStatusCode.Conflict);
        forbidden.Body.GetProperty("detail").GetString().Should().Contain("You forbade Cy with Mona. Clear that first");
        var plan = await PlanOf(host, id);
        plan.GetProperty("pins").GetArrayLength().Should().Be(2, "refused pins change nothing");
    }

    [Fact]
    public async Task AForbiddenPairNeverMeets()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Planned(app, Roster(["Mona", "Omar", "Pia"], ["Ann", "Ben", "Cy"]), rounds: 2, seats: 1);
        var tables = Tables(await PlanOf(host, id));
        var together = tables[Seats(await PlanOf(host, id))[("Ann", 1)]];

        var (status, plan) = await Post(host, $"/api/events/{id}/constraints", new { kind = "forbid", mentee = Key("Ann"), mentor = Key(together) });

        status.Should().Be(HttpStatusCode.OK);
        Enumerable.Range(1, 2).Select(r => tables[Seats(plan)[("Ann", r)]]).Should().NotContain(together, "the host forbade the pair");
    }

    [Fact]
    public async Task AForbidOffersToReprintJustTheItinerariesAndSignsItChanged()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Planned(app, Roster(["Mona", "Omar", "Pia", "Raj"], ["Ann", "Ben", "Cy", "Dee", "Eve", "Fay"]), rounds: 3, seats: 2);
        var before = await PlanOf(host, id);
        var together = Tables(before)[Seats(before)[("Ann", 1)]];

        var (status, after) = await Post(host, $"/api/events/{id}/constraints", new { kind = "forbid", mentee = Key("Ann"), mentor = Key(together) });

        status.Should().Be(HttpStatusCode.OK);
        // Whose printed page reads differently now: at every table of a round whose mentees changed, its mentor and
        // everyone who sat or now sits there (an itinerary names one's tablemates); and those tables' signs.
        var changed = new HashSet<string>();
        var tables = new SortedSet<int>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (was, now) in before.GetProperty("rounds")[round].GetProperty("tables").EnumerateArray().Zip(after.GetProperty("rounds")[round].GetProperty("tables").EnumerateArray()))
            {
                static string[] Names(JsonElement table) => [.. table.GetProperty("mentees").EnumerateArray().Select(m => m.GetProperty("name").GetString()!)];
                if (!Names(was).Order().SequenceEqual(Names(now).Order()))
                {
                    tables.Add(now.GetProperty("table").GetInt32());
                    changed.UnionWith([now.GetProperty("mentor").GetProperty("name").GetString()!, .. Names(was), .. Names(now)]);
                }
            }
        }

        tables.Should().NotBeEmpty("Ann leaves the forbidden mentor's table");
        var idOf = (await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people")).EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("id").GetInt64());
        var reprint = after.GetProperty("reprint");
        reprint.GetProperty("tables").EnumerateArray().Select(t => t.GetInt32()).Should().Equal(tables);
        reprint.GetProperty("people").EnumerateArray().Select(p => p.GetInt64()).Should().BeEquivalentTo(changed.Select(name => idOf[name]));
        (await PlanOf(host, id)).TryGetProperty("reprint", out _).Should().BeFalse("the stored plan has nothing to reprint: only the answer to a change does");
    }

    [Fact]
    public async Task AMenteeMovedToAFreeSeatMovesAloneAndTheOthersKeepTheirSeats()
    {
        using var app = new TestApp { Time = time };
        string[] mentors = ["Mona", "Omar", "Pia"];
        var (id, host) = await Planned(app, Roster(mentors, ["Ann", "Ben", "Cy", "Dee"]), rounds: 2, seats: 3);
        var before = Seats(await PlanOf(host, id));
        var free = Enumerable.Range(1, 3).First(t => t != before[("Ann", 1)] && t != before[("Ann", 2)]);

        var (status, moved) = await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 1, table = free });
        var after = Seats(await PlanOf(host, id));

        status.Should().Be(HttpStatusCode.OK);
        moved.GetProperty("message").GetString().Should().StartWith($"Ann moves to Table {free} ({mentors[free - 1]}) in round 1. Told of the change: Ann, ")
            .And.Contain(mentors[free - 1], "the mentor of the table she joins hears of it");
        after[("Ann", 1)].Should().Be(free);
        after.Where(s => s.Key != ("Ann", 1)).Should().BeEquivalentTo(before.Where(s => s.Key != ("Ann", 1)), "nobody else moves");
        var lists = await host.GetFromJsonAsync<AdjustView>($"/api/events/{id}/adjust");
        lists!.Undo!.Label.Should().StartWith("Ann moves to Table");
        lists.Undo.Refused.Should().BeNull();
    }

    [Fact]
    public async Task AMoveThatWouldMakeAPairMeetTwiceOrTouchARoundBegunIsRefused()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Planned(app, Roster(["Mona", "Omar", "Pia"], ["Ann", "Ben", "Cy", "Dee"]), rounds: 2, seats: 3);
        var before = Seats(await PlanOf(host, id));
        var mentor = Tables(await PlanOf(host, id))[before[("Ann", 2)]];

        var twice = await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 1, table = before[("Ann", 2)] });
        (await host.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        var begun = await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 1, table = (before[("Ann", 1)] % 3) + 1 });

        twice.Status.Should().Be(HttpStatusCode.Conflict);
        twice.Body.GetProperty("detail").GetString().Should().Be($"Ann already meets {mentor} in round 2; this would make them meet twice. Choose another table, or change round 2 instead.");
        begun.Status.Should().Be(HttpStatusCode.Conflict);
        begun.Body.GetProperty("detail").GetString().Should().Contain("Round 1 has begun").And.Contain("from round 2 on");
        Seats(await PlanOf(host, id)).Should().BeEquivalentTo(before, "a refused move changes nothing");
    }

    [Fact]
    public async Task AFullTableNamesWhoSitsThereAndASwapTradesTheTwoSeats()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Planned(app, Roster(["Mona", "Omar", "Pia", "Raj"], ["Ann", "Ben", "Cy", "Dee"]), rounds: 2, seats: 1);
        var before = Seats(await PlanOf(host, id));
        var mentees = new[] { "Ann", "Ben", "Cy", "Dee" };
        string At(int round, int table) => mentees.First(m => before[(m, round)] == table);
        // A table Ann never visits, held in round 1 by someone who can take her seat without meeting her mentor twice.
        var table = Enumerable.Range(1, 4).First(t => t != before[("Ann", 1)] && t != before[("Ann", 2)] && before[(At(1, t), 2)] != before[("Ann", 1)]);
        var other = At(1, table);

        var full = await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 1, table });
        var (status, swapped) = await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 1, table, swapWith = Key(other) });
        var after = Seats(await PlanOf(host, id));

        full.Status.Should().Be(HttpStatusCode.Conflict);
        full.Body.GetProperty("detail").GetString().Should().Be($"Table {table} is full in round 1: {other}. Swap Ann with one of them, or choose a table with a free seat.");
        full.Body.GetProperty("tablemates")[0].GetProperty("name").GetString().Should().Be(other);
        status.Should().Be(HttpStatusCode.OK);
        swapped.GetProperty("message").GetString().Should().Contain($"{other} takes their seat at Table {before[("Ann", 1)]}");
        after[("Ann", 1)].Should().Be(table);
        after[(other, 1)].Should().Be(before[("Ann", 1)]);
    }

    [Fact]
    public async Task UndoPutsBackThePlanAndThePinsAndSurvivesARestart()
    {
        var (id, key, original) = await PinnedOnSqlite();

        // The app restarts: undo is still on offer and takes the pin back.
        using var again = new TestApp { Time = time, DataFolder = folder };
        var host = again.HostClient(key);
        var offered = await host.GetFromJsonAsync<AdjustView>($"/api/events/{id}/adjust");
        var (status, undone) = await Post(host, $"/api/events/{id}/undo", null);
        var plan = await PlanOf(host, id);
        var twice = await Post(host, $"/api/events/{id}/undo", null);

        offered!.Undo!.Label.Should().Be("Pin: Ann must meet Pia");
        status.Should().Be(HttpStatusCode.OK);
        undone.GetProperty("message").GetString().Should().StartWith("Undone: Pin: Ann must meet Pia.");
        Seats(plan).Should().BeEquivalentTo(original, "undo restores every seat");
        plan.GetProperty("pins").GetArrayLength().Should().Be(0);
        twice.Status.Should().Be(HttpStatusCode.Conflict, "one level of undo");
    }

    private async Task<(Guid Id, string Key, Dictionary<(string, int), int> Original)> PinnedOnSqlite()
    {
        using var app = new TestApp { Time = time, DataFolder = folder };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Undo", startsAt = "2030-06-03T14:00:00Z", rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster(["Mona", "Omar", "Pia"], ["Ann", "Ben", "Cy"]), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var original = Seats(await PlanOf(host, created.Id));
        var tables = Tables(await PlanOf(host, created.Id));
        var pia = tables.Single(t => t.Value == "Pia").Key;
        if (original[("Ann", 1)] == pia || original[("Ann", 2)] == pia)
        {
            // Ann already meets Pia: forbid it, so the pin below changes the plan.
            (await host.PostAsJsonAsync($"/api/events/{created.Id}/constraints", new { kind = "forbid", mentee = Key("Ann"), mentor = Key("Pia") })).EnsureSuccessStatusCode();
            (await host.PostAsJsonAsync($"/api/events/{created.Id}/constraints", new { kind = "clear", mentee = Key("Ann"), mentor = Key("Pia") })).EnsureSuccessStatusCode();
            original = Seats(await PlanOf(host, created.Id));
        }

        (await host.PostAsJsonAsync($"/api/events/{created.Id}/constraints", new { kind = "pin", mentee = Key("Ann"), mentor = Key("Pia") })).EnsureSuccessStatusCode();
        Seats(await PlanOf(host, created.Id)).Should().NotBeEquivalentTo(original, "the pin changed the plan");
        return (created.Id, created.HostKey, original);
    }

    [Fact]
    public async Task DuringTheChangeOfTablesTheNextRoundIsNoLongerMovedOrUndoneBecausePhonesAlreadyShowIt()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Planned(app, Roster(["Mona", "Omar", "Pia", "Raj"], ["Ann", "Ben", "Cy", "Dee"]), rounds: 3, seats: 2);
        (await host.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        var before = Seats(await PlanOf(host, id));
        var free = Enumerable.Range(1, 4).First(t => !Enumerable.Range(1, 3).Any(r => before[("Ann", r)] == t));
        (await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 2, table = free })).Status.Should().Be(HttpStatusCode.OK);

        time.Advance(TimeSpan.FromMinutes(11)); // Round 1 is over; people walk to their round-2 tables.
        var undo = await Post(host, $"/api/events/{id}/undo", null);
        var move = await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ben"), round = 2, table = before[("Ben", 3)] });
        var offered = await host.GetFromJsonAsync<AdjustView>($"/api/events/{id}/adjust");

        undo.Status.Should().Be(HttpStatusCode.Conflict, "Ann's phone already sent her to Table " + free);
        move.Status.Should().Be(HttpStatusCode.Conflict);
        move.Body.GetProperty("detail").GetString().Should().Contain("already changing tables for it");
        offered!.RoundsBegun.Should().Be(2, "the console offers moves from round 3 on");
        Seats(await PlanOf(host, id))[("Ann", 2)].Should().Be(free);
    }

    [Fact]
    public async Task UndoWorksWhileLiveUntilTheRoundItChangedBeginsAndIsRefusedAfter()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Planned(app, Roster(["Mona", "Omar", "Pia", "Raj"], ["Ann", "Ben", "Cy", "Dee"]), rounds: 3, seats: 2);
        (await host.PostAsync($"/api/events/{id}/clock/start", null)).EnsureSuccessStatusCode();
        var before = Seats(await PlanOf(host, id));
        var free = Enumerable.Range(1, 4).First(t => !Enumerable.Range(1, 3).Any(r => before[("Ann", r)] == t));

        (await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 2, table = free })).Status.Should().Be(HttpStatusCode.OK);
        var (undoneStatus, _) = await Post(host, $"/api/events/{id}/undo", null);
        var restored = Seats(await PlanOf(host, id));
        (await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 2, table = free })).Status.Should().Be(HttpStatusCode.OK);
        time.Advance(TimeSpan.FromMinutes(12.5)); // Round 1 and the change of tables are over: round 2 has begun.
        var late = await Post(host, $"/api/events/{id}/undo", null);
        var offered = await host.GetFromJsonAsync<AdjustView>($"/api/events/{id}/adjust");

        undoneStatus.Should().Be(HttpStatusCode.OK);
        restored.Should().BeEquivalentTo(before);
        late.Status.Should().Be(HttpStatusCode.Conflict);
        late.Body.GetProperty("detail").GetString().Should().StartWith("Round 2 has begun with this change's seats: phones were already sent by it, so it cannot be undone.");
        offered!.Undo!.Refused.Should().StartWith("Round 2 has begun");
        Seats(await PlanOf(host, id))[("Ann", 2)].Should().Be(free, "the refused undo changes nothing");
    }

    [Fact]
    public async Task UndoIsRefusedOnceACheckInChangedThePlanSince()
    {
        using var app = new TestApp { Time = time };
        var (id, host) = await Planned(app, Roster(["Mona", "Omar", "Pia"], ["Ann", "Ben", "Cy", "Dee"]), rounds: 2, seats: 3);
        var before = Seats(await PlanOf(host, id));
        var free = Enumerable.Range(1, 3).First(t => t != before[("Ann", 1)] && t != before[("Ann", 2)]);
        (await Post(host, $"/api/events/{id}/moves", new { mentee = Key("Ann"), round = 1, table = free })).Status.Should().Be(HttpStatusCode.OK);
        var people = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        var dee = people.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Dee").GetProperty("id").GetInt64();
        (await host.PostAsJsonAsync($"/api/events/{id}/people/{dee}/status", new { status = "absent" })).EnsureSuccessStatusCode();

        var undo = await Post(host, $"/api/events/{id}/undo", null);

        undo.Status.Should().Be(HttpStatusCode.Conflict);
        undo.Body.GetProperty("detail").GetString().Should().StartWith("The plan changed since (a check-in, a walk-in or a new roster)");
    }
}
