using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlashMentoring.Browser.Tests.Live;

/// <summary>An event made through the host's API, with its roster and plan: what the phone and board tests start from.</summary>
public sealed class SmallEvent : IDisposable
{
    private JsonElement people;

    private SmallEvent(string id, HttpClient host)
    {
        Id = id;
        Host = host;
    }

    public string Id { get; }

    /// <summary>The host's API, with the host key.</summary>
    public HttpClient Host { get; }

    public JsonElement Plan { get; private set; }

    public static async Task<SmallEvent> CreateAsync(BrowserFixture browser, string roster, int rounds = 3, int seatsPerTable = 2, int roundMinutes = 10)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var http = browser.Http();
        var created = await (await http.PostAsJsonAsync("/api/events", new { title = "Event day", startsAt = DateTimeOffset.UtcNow, rounds, seatsPerTable, roundMinutes }))
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Add("X-Host-Key", created.GetProperty("hostKey").GetString());
        var e = new SmallEvent(created.GetProperty("id").GetString()!, http);
        using var csv = new StringContent(roster, Encoding.UTF8, "text/csv");
        (await http.PutAsync($"/api/events/{e.Id}/roster", csv)).EnsureSuccessStatusCode();
        await e.ReadAsync();
        return e;
    }

    /// <summary>Reads the people and the plan again (after a check-in re-planned it).</summary>
    public async Task ReadAsync()
    {
        people = await Host.GetFromJsonAsync<JsonElement>($"/api/events/{Id}/people");
        Plan = await Host.GetFromJsonAsync<JsonElement>($"/api/events/{Id}/plan");
    }

    /// <summary>The person's link, a path: /me#t=...</summary>
    public string Link(string name) => Person(name).GetProperty("link").GetString()!;

    /// <summary>The mentee's table in a round, from the host's plan.</summary>
    public int TableOf(string mentee, int round) =>
        Plan.GetProperty("rounds")[round - 1].GetProperty("tables").EnumerateArray()
            .First(t => t.GetProperty("mentees").EnumerateArray().Any(m => m.GetProperty("name").GetString() == mentee)).GetProperty("table").GetInt32();

    /// <summary>A host's check-in: arrived or absent.</summary>
    public async Task MarkAsync(string name, string status) =>
        (await Host.PostAsJsonAsync($"/api/events/{Id}/people/{Person(name).GetProperty("id").GetInt64()}/status", new { status })).EnsureSuccessStatusCode();

    public async Task ClockAsync(string command, object? body = null) =>
        (await Host.PostAsJsonAsync($"/api/events/{Id}/clock/{command}", body ?? new { })).EnsureSuccessStatusCode();

    /// <summary>Starts the event and ends it: the phones show what comes after the last round.</summary>
    public async Task FinishAsync()
    {
        await ClockAsync("start");
        await ClockAsync("end");
    }

    public void Dispose() => Host.Dispose();

    private JsonElement Person(string name) => people.EnumerateArray().First(p => p.GetProperty("name").GetString() == name);
}
