using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Data;

/// <summary>A data file made by the release that stored rosters as CSV text opens after the upgrade with everything in place.</summary>
public sealed class LegacyUpgradeTests : IDisposable
{
    private const string OldFile = "An old release's SQLite file, upgraded in place at start; PostgreSQL databases began with this schema.";
    private static readonly string Legacy = Path.Combine(AppContext.BaseDirectory, "Data", "Legacy");
    private static readonly string[] HostReads = ["/", "/host", "/plan", "/people", "/board", "/clock", "/report", "/exports/ratings.csv", "/exports/pairs.csv"];

    // Fields added to an answer since that release (any array index written [*]): the upgraded file must give them, the old answer could not.
    // Wording changed on purpose since that release: how each old text reads now.
    private static readonly Dictionary<string, Func<string, string>> RewordedSince = new()
    {
        // The itinerary's "1st round" read "1. 1st round" on the phone (issue 13).
        ["$.rounds[*].label"] = old => System.Text.RegularExpressions.Regex.Replace(old, @"^(\d+)(st|nd|rd|th) round$", "Round $1"),
        // Counts in words, not "need(s)" (issue 14).
        // ... and the format by its name, not "SeniorToJunior" (issue 18).
        ["$.rounds[*].tables[*].mentees[*].why[*]"] = old => System.Text.RegularExpressions.Regex.Replace(old, @"^1 need\(s\)", "1 need").Replace("need(s)", "needs", StringComparison.Ordinal)
            .Replace("SeniorToJunior format", "senior-to-junior format", StringComparison.Ordinal).Replace("PeerToPeer format", "peer-to-peer format", StringComparison.Ordinal)
            .Replace("Reverse format", "reverse format", StringComparison.Ordinal).Replace("Open format", "open format", StringComparison.Ordinal),
    };

    private static readonly HashSet<string> AddedSince =
    [
        "$.personalDataKeptUntil", "$[*].newLinkPending", "$.summary", "$.hereAsked", "$.extraSeatWhenShort", "$.rounds[*].asked",
        // Online and hybrid events (issue 16).
        "$.mode", "$.attends", "$.inRoomRound", "$.roundMinutes", "$.transitionMinutes", "$.rounds[*].room", "$.rounds[*].prompt", "$.rounds[*].withIds",
        "$.prompt", // The board's, from online-host.
        // Repeats' lower bound and earlier events (issue 17).
        "$.quality.repeatsLowerBound", "$.quality.repeatsWithPastTableMates", "$.quality.pastPairsAvoided", "$.quality.pastPairsAskedAgain",
        // Languages (issue 18).
        "$.language", "$.rounds[*].promptKey",
        "$.rounds[*].tables[*].mentees[*].reasons", "$.rounds[*][*].mentees", "$.promptKey", // Reasons and counts for a page to word (issue 18).
    ];
    private readonly string folder = Directory.CreateTempSubdirectory("fm-legacy-").FullName;
    private readonly JsonObject expected;
    private readonly TestApp app;

    public LegacyUpgradeTests()
    {
        File.Copy(Path.Combine(Legacy, "release-01406a2.db"), Path.Combine(folder, "flashmentoring.db"));
        using (var gz = new GZipStream(File.OpenRead(Path.Combine(Legacy, "release-01406a2.expected.json.gz")), CompressionMode.Decompress))
        {
            expected = JsonNode.Parse(gz)!.AsObject();
        }

        var now = DateTimeOffset.Parse(expected["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        app = new TestApp { DataFolder = folder, Time = new FakeTimeProvider(now) };
    }

    public void Dispose()
    {
        app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [SqliteTheory(OldFile)]
    [InlineData("spring")]
    [InlineData("small")]
    public async Task EveryHostReadAndEveryPhoneAnswersAsTheOldReleaseDid(string name)
    {
        var e = expected[name]!;
        var host = Host(e);
        foreach (var path in HostReads)
        {
            var answer = await host.GetAsync($"/api/events/{e["id"]}{(path == "/" ? "" : path)}");
            await ShouldMatch(answer, e[path]!, $"{name} {path}", path == "/people" ? InDeskOrder : null);
        }

        var phones = e["phones"]!.AsObject();
        phones.Count.Should().BeGreaterThan(0);
        foreach (var (token, views) in phones)
        {
            var phone = Phone(token);
            await ShouldMatch(await phone.GetAsync("/api/me"), views!["me"]!, $"{name} phone {token} /api/me");
            await ShouldMatch(await phone.GetAsync("/api/me/feedback"), views!["feedback"]!, $"{name} phone {token} /api/me/feedback", MetInOrder);
        }
    }

    [SqliteFact(OldFile)]
    public async Task AnEventTheOldReleaseCouldNotLoadAfterAWalkInOpensWithTheWalkInSeated()
    {
        var e = expected["broken"]!;
        e["/plan"]!["status"]!.GetValue<int>().Should().Be(500, "the old release could not load this event");
        var host = Host(e);

        var plan = await host.GetAsync($"/api/events/{e["id"]}/plan");
        var board = await app.CreateClient().GetAsync($"/api/events/{e["id"]}/board");
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e["id"]}/people"))!;
        var dee = await Phone(people.Single(p => p.Name == "Dee Walker").Link!["/me#t=".Length..]).GetFromJsonAsync<JsonElement>("/api/me");
        var more = await host.PostAsJsonAsync($"/api/events/{e["id"]}/walk-ins", new { name = "Eve Later", role = "mentee" });

        plan.StatusCode.Should().Be(HttpStatusCode.OK);
        board.StatusCode.Should().Be(HttpStatusCode.OK);
        (await plan.Content.ReadAsStringAsync()).Should().Contain("Dee Walker");
        dee.GetProperty("rounds").EnumerateArray().Should().Contain(r => r.GetProperty("table").ValueKind == JsonValueKind.Number, "her seats were in the stored plan all along");
        foreach (var person in people)
        {
            (await Phone(person.Link!["/me#t=".Length..]).GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK, $"{person.Name}'s phone opens");
        }

        more.StatusCode.Should().Be(HttpStatusCode.OK, "the event takes walk-ins again: " + await more.Content.ReadAsStringAsync());
    }

    [SqliteFact(OldFile)]
    public async Task TheWalkInWithTwoSpacesSeesTheTablesThePlanGaveHerUnderHerCleanedName()
    {
        var e = expected["spaces"]!;
        var phones = e["phones"]!.AsObject();
        var plan = await Host(e).GetFromJsonAsync<JsonElement>($"/api/events/{e["id"]}/plan");

        foreach (var (token, views) in phones)
        {
            var before = JsonNode.Parse(views!["me"]!["body"]!.GetValue<string>())!;
            var now = await Phone(token).GetAsync("/api/me");
            if (before["name"]!.GetValue<string>() != "Ann  Lee")
            {
                // Everyone else's itinerary reads as the old release showed it (which named her "Ann Lee" already).
                await ShouldMatch(now, views["me"]!, $"spaces phone of {before["name"]}");
                continue;
            }

            before["rounds"]!.AsArray().Should().OnlyContain(r => r!["table"] == null, "the old release showed her a break in every round");
            var rows = (await now.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rounds").EnumerateArray().ToList();
            var seated = plan.GetProperty("rounds").EnumerateArray()
                .Select(r => r.GetProperty("tables").EnumerateArray().FirstOrDefault(t => t.GetProperty("mentees").EnumerateArray().Any(m => m.GetProperty("name").GetString() == "Ann Lee")))
                .Select(t => t.ValueKind == JsonValueKind.Object ? t.GetProperty("table").GetInt32() : (int?)null).ToList();
            seated.Should().Contain(t => t != null, "the stored plan seats her");
            rows.Select(r => r.GetProperty("table").ValueKind == JsonValueKind.Number ? r.GetProperty("table").GetInt32() : (int?)null).Should().Equal(seated, "her phone shows the tables the plan gives her");
        }
    }

    [SqliteFact(OldFile)]
    public async Task ANameLongerThanTodaysLimitThatTheOldReleaseTookKeepsItsPersonAndThePlan()
    {
        // That release took names up to 1,000 characters; today a roster line may have 200.
        var e = expected["spring"]!;
        var longName = "Ana " + new string('H', 246);
        using (var file = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "flashmentoring.db")};Pooling=False"))
        {
            file.Open();
            using var edit = file.CreateCommand();
            edit.CommandText = "UPDATE Events SET RosterCsv = replace(RosterCsv, 'Ana Hernández', $name); UPDATE People SET Name = $name WHERE Name = 'Ana Hernández'";
            edit.Parameters.AddWithValue("$name", longName);
            edit.ExecuteNonQuery();
        }

        var plan = await Host(e).GetFromJsonAsync<JsonElement>($"/api/events/{e["id"]}/plan");
        var people = (await Host(e).GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e["id"]}/people"))!;
        var ana = await Phone(people.Single(p => p.Name == longName).Link!["/me#t=".Length..]).GetFromJsonAsync<JsonElement>("/api/me");

        plan.GetProperty("rounds")[0].GetProperty("tables")[0].GetProperty("mentor").GetProperty("name").GetString().Should().Be(longName, "she still hosts table 1");
        people.Should().HaveCount(127, "nobody was lost");
        ana.GetProperty("rounds")[0].GetProperty("table").GetInt32().Should().Be(1);
    }

    [SqliteFact(OldFile)]
    public async Task TheUpgradedFileHasNoRosterTextAndOpensAgainUnchanged()
    {
        var e = expected["spring"]!;
        var first = await Host(e).GetStringAsync($"/api/events/{e["id"]}/plan");
        app.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var again = new TestApp { DataFolder = folder, Time = new FakeTimeProvider(DateTimeOffset.Parse(expected["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)) };
        var client = again.CreateClient();
        client.DefaultRequestHeaders.Add(HostRoutes.HostKeyHeader, e["hostKey"]!.GetValue<string>());
        var second = await client.GetStringAsync($"/api/events/{e["id"]}/plan");
        using var scope = again.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var columns = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('Events')").ToListAsync();
        var walkIns = await db.People.Where(p => p.Source == "walk-in").Select(p => p.Name).ToListAsync();

        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, "flashmentoring.db"));
        var wal = Path.Combine(folder, "flashmentoring.db-wal");
        var text = System.Text.Encoding.UTF8.GetString(bytes) + (File.Exists(wal) ? System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(wal)) : "");

        second.Should().Be(first, "a second start changes nothing");
        text.Should().NotContain("blank@va.gov", "a rejected roster line's personal data is not left in the file's free pages")
            .And.NotContain("Copy Cat").And.NotContain("role,name,email,agency,location");
        columns.Should().NotContain(["RosterCsv", "WalkInsCsv", "PlanSeats", "MenteeAttendance", "MentorAttendance"]);
        walkIns.Should().Contain(["Walker Newman", "Mira Walk", "Dee Walker", "Ann Lee"], "the two-space walk-in's name is cleaned as a walk-in's is now");
    }

    private HttpClient Host(JsonNode e)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(HostRoutes.HostKeyHeader, e["hostKey"]!.GetValue<string>());
        return client;
    }

    private HttpClient Phone(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, token);
        return client;
    }

    // Lists of names read alphabetically since issue 19, on every store; that release listed them in SQLite's byte order
    // (capitals first, accents after z): the old answer is put in today's order, then compared item by item.
    private static JsonNode InDeskOrder(JsonNode people) =>
        new JsonArray([.. people.AsArray().OrderBy(p => p!["role"]!.GetValue<string>() == "mentor" ? 0 : 1)
            .ThenBy(p => p!["name"]!.GetValue<string>(), StringComparer.CurrentCultureIgnoreCase).Select(p => p!.DeepClone())]);

    private static JsonNode MetInOrder(JsonNode feedback)
    {
        if (feedback["met"] is not JsonArray met)
        {
            return feedback;
        }

        var reordered = feedback.DeepClone();
        reordered["met"] = new JsonArray([.. met.OrderBy(p => p!["name"]!.GetValue<string>(), StringComparer.CurrentCultureIgnoreCase).Select(p => p!.DeepClone())]);
        return reordered;
    }

    private static async Task ShouldMatch(HttpResponseMessage answer, JsonNode old, string what, Func<JsonNode, JsonNode>? asToday = null)
    {
        var body = await answer.Content.ReadAsStringAsync();
        ((int)answer.StatusCode).Should().Be(old["status"]!.GetValue<int>(), $"{what}: {body}");
        var before = old["body"]!.GetValue<string>();
        if (answer.Content.Headers.ContentType?.MediaType != "application/json")
        {
            body.Should().Be(before, what);
            return;
        }

        var then = JsonNode.Parse(before);
        FirstDifference(asToday is null || then is null ? then : asToday(then), JsonNode.Parse(body), "$").Should().BeNull(what);
    }

    private static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    if (!x.ContainsKey(key) && y[key] is not null && AddedSince.Contains(System.Text.RegularExpressions.Regex.Replace($"{path}.{key}", @"\[\d+\]", "[*]")))
                    {
                        continue;
                    }

                    if (FirstDifference(x[key], y[key], $"{path}.{key}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return $"{path}: {x.Count} items before, {y.Count} now";
                }

                return Enumerable.Range(0, x.Count).Select(i => FirstDifference(x[i], y[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            case (JsonValue x, JsonValue y) when x.GetValueKind() == System.Text.Json.JsonValueKind.String
                && RewordedSince.TryGetValue(System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "[*]"), out var reworded):
                return reworded(x.GetValue<string>()) == y.GetValue<string>() ? null : $"{path}: {x.ToJsonString()} before (reworded: {reworded(x.GetValue<string>())}), {y.ToJsonString()} now";
            default:
                return JsonNode.DeepEquals(a, b) ? null : $"{path}: {a?.ToJsonString()} before, {b?.ToJsonString()} now";
        }
    }
}
