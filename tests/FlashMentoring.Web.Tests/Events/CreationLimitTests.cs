using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Events;

namespace FlashMentoring.Web.Tests.Events;

/// <summary>Nobody fills the disk by creating events: a rate and a cap per device, and a wider one per network.</summary>
public sealed class CreationLimitTests
{
    private static readonly object Spring = new { title = "Spring", startsAt = "2027-03-01T09:00:00-05:00" };

    [Fact]
    public async Task ADeviceCreatingEventsInABurstIsRefusedWith429WhileAnotherDeviceStillCreates()
    {
        using var app = new TestApp();
        var script = await Device(app);

        var answers = new List<HttpResponseMessage>();
        for (var k = 0; k < 200; k++)
        {
            answers.Add(await script.PostAsJsonAsync("/api/events", Spring));
        }

        var other = await (await Device(app)).PostAsJsonAsync("/api/events", Spring);

        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        created.Should().BeInRange(1, 10, "a host creates a handful of events, not 200 in a burst");
        answers.Skip(created).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        answers[^1].Headers.RetryAfter.Should().NotBeNull("the answer says when to try again");
        (await answers[^1].Content.ReadAsStringAsync()).Should().Contain("device").And.Contain("an hour");
        other.StatusCode.Should().Be(HttpStatusCode.Created, "another device behind the same address has its own allowance");
    }

    [Fact]
    public async Task FreshDeviceCookiesDoNotLiftTheLimitOfOneNetwork()
    {
        using var app = new TestApp { Settings = { ["Creation:PerNetworkPerHour"] = "5" } };

        var answers = new List<HttpResponseMessage>();
        for (var k = 0; k < 6; k++)
        {
            // A script that takes a new device cookie for every event.
            answers.Add(await (await Device(app)).PostAsJsonAsync("/api/events", Spring));
        }

        answers.Take(5).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Created);
        answers[5].StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await answers[5].Content.ReadAsStringAsync()).Should().Contain("network").And.Contain("Creation:PerNetworkPerHour");
    }

    [Fact]
    public async Task ADeviceAtItsCapIsToldHowManyEventsItKeepsAndToDeleteOne()
    {
        using var app = new TestApp { Settings = { ["Creation:StoredPerDevice"] = "3" } };
        var host = await Device(app);
        var first = (await (await host.PostAsJsonAsync("/api/events", Spring)).Content.ReadFromJsonAsync<CreatedEvent>())!;
        (await host.PostAsJsonAsync("/api/events", Spring)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await host.PostAsJsonAsync("/api/events", Spring)).StatusCode.Should().Be(HttpStatusCode.Created);

        var refused = await host.PostAsJsonAsync("/api/events", Spring);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var deleted = await app.HostClient(first.HostKey).DeleteAsync($"/api/events/{first.Id}");
        var again = await host.PostAsJsonAsync("/api/events", Spring);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var text = problem.GetProperty("title").GetString() + " " + problem.GetProperty("detail").GetString();
        text.Should().Contain("3 events").And.Contain("Delete");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        again.StatusCode.Should().Be(HttpStatusCode.Created, "deleting an old event makes room");
    }

    [Fact]
    public async Task ANetworkAtItsCapOfStoredEventsIsRefusedWhateverItsDevicesWhileAnotherNetworkStillCreates()
    {
        using var app = new TestApp { Settings = { ["Creation:StoredPerNetwork"] = "3" } };
        // Three hosts behind one provider's IPv6 /64, each on its own device, fill the network's share.
        var kept = new List<HttpResponseMessage>();
        foreach (var address in new[] { "2001:db8:1:1::1", "2001:db8:1:1::2", "2001:db8:1:1::3" })
        {
            kept.Add(await From(app, address).PostAsJsonAsync("/api/events", Spring));
        }

        var refused = await From(app, "2001:db8:1:1::99").PostAsJsonAsync("/api/events", Spring);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var elsewhere = await From(app, "2001:db8:1:2::1").PostAsJsonAsync("/api/events", Spring);
        var first = (await kept[0].Content.ReadFromJsonAsync<CreatedEvent>())!;
        (await app.HostClient(first.HostKey).DeleteAsync($"/api/events/{first.Id}")).EnsureSuccessStatusCode();
        var again = await From(app, "2001:db8:1:1::99").PostAsJsonAsync("/api/events", Spring);

        kept.Should().OnlyContain(k => k.StatusCode == HttpStatusCode.Created);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict, "a fourth device on the same network gets no share of its own");
        var text = problem.GetProperty("title").GetString() + " " + problem.GetProperty("detail").GetString();
        text.Should().Contain("network already keeps 3 events").And.Contain("Creation:StoredPerNetwork");
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Created, "another network keeps its own events");
        again.StatusCode.Should().Be(HttpStatusCode.Created, "deleting one of the network's events makes room");
    }

    /// <summary>A browser: a client that keeps the device cookie the app gave it on its first request.</summary>
    private static async Task<HttpClient> Device(TestApp app)
    {
        var client = app.CreateClient();
        (await client.GetAsync("/api/limits")).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A client whose requests come from <paramref name="address"/> (the test server's otherwise carry none).</summary>
    private static HttpClient From(TestApp app, string address) =>
        new(app.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = app.Server.BaseAddress };
}
