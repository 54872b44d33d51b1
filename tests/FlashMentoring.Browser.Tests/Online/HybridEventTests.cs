using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Online;

/// <summary>
/// A hybrid event: two tables in the room, two online. An online mentee follows her video rooms on a laptop and a phone
/// as the host moves the rounds on; someone in the room sees the phone as before.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class HybridEventTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Pattern = "https://meet.agency.gov/{event}-table-{table}";

    private const string Roster = "role,name,attends\n" +
        "mentor,Mona Lisa,online\nmentor,Omar Khayyam,online\nmentor,Pia Sun,in person\nmentor,Raj Patel,in person\n" +
        "mentee,Ann Lee,online\nmentee,Ben Okafor,online\nmentee,Cy Young,online\nmentee,Dee Park,online\nmentee,Eve Stone,in person\n" +
        "mentee,Fay Wong,in person\nmentee,Gus Berg,in person\nmentee,Hal Ruiz,in person\nmentee,Ida Moss,in person\nmentee,Jo Kent,online\n";

    [Fact]
    public async Task AnOnlineMenteeFollowsHerRoomsOnALaptopAndAPhoneAndSomeoneInTheRoomSeesNone()
    {
        using var host = browser.Http();
        var (id, people) = await HybridAsync(host);
        var online = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/online");
        var inRoom = online.GetProperty("tables").EnumerateArray().Where(t => !t.GetProperty("online").GetBoolean()).Select(t => t.GetProperty("table").GetInt32()).ToList();
        inRoom.Should().HaveCount(2, "Pia and Raj host in the room");
        var (ann, rows) = await MenteeInRoomsAsync(people);
        var eve = people.EnumerateArray().First(p => p.GetProperty("name").GetString() == "Eve Stone");

        await using var laptopContext = await browser.NewScreenAsync(1366, 768);
        await using var phoneContext = await browser.NewPhoneAsync();
        await using var eveContext = await browser.NewPhoneAsync();
        var laptop = await laptopContext.NewPageAsync();
        var phone = await phoneContext.NewPageAsync();
        var evePhone = await eveContext.NewPageAsync();
        var errors = new List<string>();
        foreach (var page in new[] { laptop, phone, evePhone })
        {
            page.PageError += (_, error) => errors.Add(error);
        }

        await laptop.GotoAsync(Link(ann));
        await phone.GotoAsync(Link(ann));
        await evePhone.GotoAsync(Link(eve));
        await ExpectRoomAsync([laptop, phone], rows[0]);

        await ClockAsync(host, id, "start");
        for (var round = 1; round <= 2; round++)
        {
            var row = rows[round - 1];
            foreach (var page in new[] { laptop, phone })
            {
                await Expect(page.Locator("#phase")).ToHaveTextAsync($"Round {round} of 2");
                await Expect(page.Locator("#countdown")).ToContainTextAsync(" left");
            }

            await ExpectRoomAsync([laptop, phone], row);
            await Expect(evePhone.Locator("#go-to")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^You are at Table [{string.Concat(inRoom)}]$"));
            await Expect(evePhone.Locator("#room")).ToBeHiddenAsync();
            await Expect(evePhone.GetByRole(AriaRole.Link, new() { Name = "room" })).ToHaveCountAsync(0);

            if (round == 1)
            {
                await Expect(laptop.Locator("#prompt")).ToHaveTextAsync(row.GetProperty("prompt").GetString()!);
                await NextRoomAheadAsync(laptop, rows[1]);
                await laptop.GetByRole(AriaRole.Button, new() { Name = "I'm in the room" }).ClickAsync();
                await Expect(laptop.Locator("#in-room-status")).ToHaveTextAsync("Thanks, the host sees you're here.");
                await Expect(laptop.GetByRole(AriaRole.Button, new() { Name = "I'm in the room" })).ToBeHiddenAsync();
                await ShootAsync(laptop, "online-laptop-round.png");
                await ShootAsync(phone, "online-phone-round.png");
                await NoSeriousAccessibilityProblemsAsync(laptop, "online laptop view");
                await NoSeriousAccessibilityProblemsAsync(phone, "online phone view");
                await ShootAsync(evePhone, "hybrid-in-person-phone-round.png");
            }

            if (round == 2)
            {
                // Her table's room breaks mid-round; the host replaces it and her button changes without a reload.
                var table = row.GetProperty("table").GetInt32();
                var replaced = await host.PutAsJsonAsync($"/api/events/{id}/rooms/{table}", new { link = "https://meet.agency.gov/spare-room-7q4k" });
                replaced.EnsureSuccessStatusCode();
                foreach (var page in new[] { laptop, phone })
                {
                    await Expect(page.Locator("#room-link")).ToHaveAttributeAsync("href", "https://meet.agency.gov/spare-room-7q4k");
                    await Expect(page.Locator("#room-notice")).ToHaveTextAsync("The room link changed. Use the button above.");
                }

                await ShootAsync(phone, "online-phone-room-changed.png");
            }

            if (round == 2)
            {
                break;
            }

            // Next round: the change of tables says where to go, with that room's button.
            await ClockAsync(host, id, "skip", new { expectedRound = round });
            var next = rows[round];
            foreach (var page in new[] { laptop, phone })
            {
                await Expect(page.Locator("#room-warning")).ToHaveTextAsync($"Move to Table {next.GetProperty("table").GetInt32()}'s room now");
                await Expect(page.Locator("#room-link")).ToHaveAttributeAsync("href", next.GetProperty("room").GetString()!);
            }

            await ShootAsync(laptop, "online-laptop-change-of-tables.png");
            await ShootAsync(phone, "online-phone-change-of-tables.png");
            await ClockAsync(host, id, "skip", new { expectedRound = round });
        }

        errors.Should().BeEmpty("no script failed on any page");
    }

    [Fact]
    public async Task TheOneMinuteWarningAppearsAMinuteBeforeTheRoundEnds()
    {
        using var host = browser.Http();
        var (id, people) = await HybridAsync(host);
        var (ann, rows) = await MenteeInRoomsAsync(people);
        await ClockAsync(host, id, "start");
        var endsAt = (await Phone(ann).GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("clock").GetProperty("endsAtMs").GetInt64();

        await using var context = await browser.NewScreenAsync(1366, 768);
        var page = await context.NewPageAsync();
        var synced = ClockSynced(page);
        // The page's clock starts at the real time, so the phone's estimate of the server's clock is right; then the
        // page alone jumps to a minute before the round's end.
        await page.Clock.InstallAsync(new() { TimeDate = DateTime.UtcNow });
        await page.GotoAsync(Link(ann));
        await ExpectRoomAsync([page], rows[0]);
        await synced.WaitAsync(TimeSpan.FromSeconds(15));
        await page.Clock.SetSystemTimeAsync(DateTimeOffset.FromUnixTimeMilliseconds(endsAt - 61_000).UtcDateTime);
        await page.Clock.PauseAtAsync(DateTimeOffset.FromUnixTimeMilliseconds(endsAt - 60_500).UtcDateTime);

        await page.Clock.RunForAsync(200);
        await Expect(page.Locator("#countdown")).ToHaveTextAsync("1:01 left");
        await Expect(page.Locator("#room-warning")).ToBeHiddenAsync();
        await page.Clock.RunForAsync(1_000);
        var next = rows[1].GetProperty("table").GetInt32();
        await Expect(page.Locator("#countdown")).ToHaveTextAsync("1:00 left");
        await Expect(page.Locator("#room-warning")).ToHaveTextAsync($"1 minute left. Next: Table {next}'s room");
        await Expect(page.Locator("#room-warning")).ToHaveAttributeAsync("aria-live", "polite");
        await page.Clock.ResumeAsync();
        await Expect(page.Locator("#connection")).ToBeHiddenAsync(); // The jump in time alone looked like silence from the server.
        await ShootAsync(page, "online-laptop-one-minute.png");
    }

    private async Task<(string Id, JsonElement People)> HybridAsync(HttpClient host)
    {
        var created = await (await host.PostAsJsonAsync("/api/events", new { title = "Hybrid Flash Mentoring", startsAt = DateTimeOffset.UtcNow, rounds = 2, seatsPerTable = 3, roundMinutes = 10, transitionMinutes = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        host.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        (await host.PutAsJsonAsync($"/api/events/{id}/mode", new { mode = "hybrid" })).EnsureSuccessStatusCode();
        (await host.PutAsJsonAsync($"/api/events/{id}/rooms/pattern", new { pattern = Pattern })).EnsureSuccessStatusCode();
        using var csv = new StringContent(Roster, Encoding.UTF8, "text/csv");
        (await host.PutAsync($"/api/events/{id}/roster", csv)).EnsureSuccessStatusCode();
        return (id, await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people"));
    }

    // An online mentee and her rows as the server gives them: a room in each round (two rounds, two online mentors).
    private async Task<(JsonElement Mentee, List<JsonElement> Rows)> MenteeInRoomsAsync(JsonElement people)
    {
        foreach (var person in people.EnumerateArray().Where(p => p.GetProperty("role").GetString() == "mentee"))
        {
            var view = await Phone(person).GetFromJsonAsync<JsonElement>("/api/me");
            var rows = view.GetProperty("rounds").EnumerateArray().ToList();
            if (view.GetProperty("attends").GetString() == "online" && rows.All(r => r.GetProperty("room").ValueKind == JsonValueKind.String))
            {
                rows.Select(r => r.GetProperty("room").GetString()).Should().OnlyContain(l => l!.StartsWith("https://meet.agency.gov/hybrid-flash-mentoring-", StringComparison.Ordinal));
                return (person, rows);
            }
        }

        throw new InvalidOperationException("No online mentee has a video room in every round: the plan breaks the online rule.");
    }

    private static string Link(JsonElement person) => person.GetProperty("link").GetString()!;

    private HttpClient Phone(JsonElement person)
    {
        var phone = browser.Http();
        phone.DefaultRequestHeaders.Add("X-Person-Token", Link(person)["/me#t=".Length..]);
        return phone;
    }

    private static async Task ClockAsync(HttpClient host, string id, string command, object? body = null) =>
        (await host.PostAsJsonAsync($"/api/events/{id}/clock/{command}", body ?? new { })).EnsureSuccessStatusCode();

    // The big button names the table and opens the room in a new tab, never in the page.
    private static async Task ExpectRoomAsync(IEnumerable<IPage> pages, JsonElement row)
    {
        foreach (var page in pages)
        {
            var button = page.GetByRole(AriaRole.Link, new() { Name = $"Join Table {row.GetProperty("table").GetInt32()}'s room" });
            await Expect(button).ToBeVisibleAsync();
            await Expect(button).ToHaveAttributeAsync("href", row.GetProperty("room").GetString()!);
            await Expect(button).ToHaveAttributeAsync("target", "_blank");
            await Expect(button).ToHaveAttributeAsync("rel", "noopener noreferrer");
            await Expect(page.Locator("iframe")).ToHaveCountAsync(0);
        }
    }

    private static async Task NextRoomAheadAsync(IPage page, JsonElement next) =>
        await Expect(page.Locator("#next")).ToContainTextAsync($"Table {next.GetProperty("table").GetInt32()}'s room at ");

    // Completes once the page has timed its five pings to the server (live.js), so its estimate of the server's clock is made.
    private static Task ClockSynced(IPage page)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pings = new HashSet<string>();
        var answered = 0;
        page.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, frame) =>
            {
                foreach (var message in Messages(frame.Text))
                {
                    if (message.TryGetProperty("target", out var target) && target.GetString() == "Ping")
                    {
                        lock (pings)
                        {
                            pings.Add(message.GetProperty("invocationId").GetString()!);
                        }
                    }
                }
            };
            socket.FrameReceived += (_, frame) =>
            {
                foreach (var message in Messages(frame.Text))
                {
                    bool ours;
                    lock (pings)
                    {
                        ours = message.TryGetProperty("invocationId", out var invocation) && pings.Contains(invocation.GetString()!);
                    }

                    if (ours && Interlocked.Increment(ref answered) == 5)
                    {
                        done.TrySetResult();
                    }
                }
            };
        };
        return done.Task;
    }

    // SignalR's JSON protocol: records ended by 0x1E.
    private static IEnumerable<JsonElement> Messages(string? text) =>
        (text ?? "").Split('\u001e', StringSplitOptions.RemoveEmptyEntries).Select(record =>
        {
            try
            {
                return JsonDocument.Parse(record).RootElement;
            }
            catch (JsonException)
            {
                return default;
            }
        }).Where(m => m.ValueKind == JsonValueKind.Object);

    private static Task ShootAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Screenshots, name), FullPage = true });

    private async Task NoSeriousAccessibilityProblemsAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        foreach (var v in results.Violations)
        {
            output.WriteLine($"axe on the {what}: {v.Impact} {v.Id}: {v.Help} ({string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))})");
        }

        results.Violations.Where(v => v.Impact is "serious" or "critical").Should().BeEmpty($"the {what} must be usable with a screen reader and readable (axe-core)");
    }
}
