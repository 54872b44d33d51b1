using System.Net;
using System.Net.Http.Json;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Events;

public sealed class EventEndpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-events-").FullName;

    private static readonly object Spring = new
    {
        title = "Spring Flash Mentoring",
        startsAt = "2026-12-01T09:00:00-05:00",
        rounds = 6,
        roundMinutes = 15,
        transitionMinutes = 2,
        seatsPerTable = 4,
        format = "open",
    };

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task CreatingAnEventReturnsASecretHostLinkAndAShortJoinCode()
    {
        using var app = new TestApp();

        var response = await app.CreateClient().PostAsJsonAsync("/api/events", Spring);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<CreatedEvent>())!;
        response.Headers.Location!.ToString().Should().Be($"/api/events/{created.Id}");
        created.HostKey.Length.Should().BeGreaterThanOrEqualTo(43, "256 random bits in base64url");
        created.HostLink.Should().Be($"/host/{created.Id}#key={created.HostKey}", "the key rides in the fragment, which browsers never send");
        created.JoinCode.Should().MatchRegex("^[A-HJKMNP-Z2-9]{6}$");
    }

    [Fact]
    public async Task TheHostViewNeedsTheHostKeyAndAnUnknownEventIsNotFound()
    {
        using var app = new TestApp();
        var client = app.CreateClient();
        var created = (await (await client.PostAsJsonAsync("/api/events", Spring)).Content.ReadFromJsonAsync<CreatedEvent>())!;

        var withoutKey = await client.GetAsync($"/api/events/{created.Id}/host");
        var wrongKey = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/events/{created.Id}/host") { Headers = { { HostRoutes.HostKeyHeader, created.HostKey[..^1] + "x" } } });
        var rightKey = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/events/{created.Id}/host") { Headers = { { HostRoutes.HostKeyHeader, created.HostKey } } });
        var unknown = await client.GetAsync($"/api/events/{Guid.NewGuid()}");

        withoutKey.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await withoutKey.Content.ReadAsStringAsync()).Should().Contain("host link");
        wrongKey.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        rightKey.StatusCode.Should().Be(HttpStatusCode.OK);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnEventSurvivesARestartOnTheSameStore()
    {
        CreatedEvent created;
        using (var before = new TestApp { DataFolder = folder })
        {
            created = (await (await before.CreateClient().PostAsJsonAsync("/api/events", Spring)).Content.ReadFromJsonAsync<CreatedEvent>())!;
        }

        using var after = new TestApp { DataFolder = folder };
        var view = await after.CreateClient().GetFromJsonAsync<EventView>($"/api/events/{created.Id}");

        File.Exists(Path.Combine(folder, "flashmentoring.db")).Should().Be(!TestPostgres.Selected, "on SQLite the event is in the folder's file, on PostgreSQL in the database");
        view!.Title.Should().Be("Spring Flash Mentoring");
        view.StartsAt.Should().Be(DateTimeOffset.Parse("2026-12-01T09:00:00-05:00", System.Globalization.CultureInfo.InvariantCulture));
        view.StartsAt.Offset.Should().Be(TimeSpan.FromHours(-5), "the kit and e-mails print the start in the host's local time");
        view.JoinCode.Should().Be(created.JoinCode);
    }

    [Fact]
    public async Task MissingOrOutOfRangeSettingsComeBackFieldByField()
    {
        using var app = new TestApp();

        var response = await app.CreateClient().PostAsJsonAsync("/api/events", new { title = " ", rounds = 0, roundMinutes = 500, format = "speed" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var errors = problem.GetProperty("errors");
        errors.GetProperty("title")[0].GetString().Should().Contain("title");
        errors.GetProperty("startsAt")[0].GetString().Should().Contain("start time");
        errors.GetProperty("rounds")[0].GetString().Should().Contain("between 1 and 40");
        errors.GetProperty("roundMinutes")[0].GetString().Should().Contain("between 1 and 120");
        errors.GetProperty("format")[0].GetString().Should().Contain("peer-to-peer");
    }

    [Fact]
    public async Task AFormatSentAsNullIsTheOpenFormat()
    {
        using var app = new TestApp();
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", format = (string?)null });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<CreatedEvent>())!;
        (await client.GetFromJsonAsync<EventView>($"/api/events/{created.Id}"))!.Format.Should().Be("open", "a null format means the default, as an absent one does");
    }

    [Theory]
    [InlineData("9999-12-31T09:00:00-05:00")]
    [InlineData("0001-01-01T09:00:00Z")]
    [InlineData("1999-12-31T09:00:00Z")]
    [InlineData("2101-01-01T09:00:00Z")]
    public async Task AStartDateOutsideTheYears2000To2100IsRefusedWithTheRangeInTheMessage(string startsAt)
    {
        using var app = new TestApp();

        var response = await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var errors = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors");
        errors.GetProperty("startsAt")[0].GetString().Should().Contain("2000").And.Contain("2100");
    }

    [Theory]
    [InlineData("2000-01-01T09:00:00Z")]
    [InlineData("2100-12-31T21:00:00-05:00")]
    public async Task AStartDateInTheFirstOrLastYearAllowedIsAcceptedAndItsKitPrints(string startsAt)
    {
        // Created a month before the day (an event may be created at most a year ahead).
        using var app = new TestApp { Time = new FakeTimeProvider(DateTimeOffset.Parse(startsAt, System.Globalization.CultureInfo.InvariantCulture).AddDays(-30)) };

        var response = await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt, rounds = 40, roundMinutes = 120, transitionMinutes = 30 });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent("role,name\nmentor,Mona\nmentee,Ann\n", System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var guide = await host.GetAsync($"/api/events/{created.Id}/kit/guide.pdf");

        guide.StatusCode.Should().Be(HttpStatusCode.OK, "the run of show's clock times stay within the calendar");
    }

    [Fact]
    public async Task AnEventMoreThanAYearAheadIsRefusedSoADraftCannotHoldItsPlaceForDecades()
    {
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        using var app = new TestApp { Time = new FakeTimeProvider(now) };

        var far = await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = now.AddDays(EventLimits.MaxDaysAhead + 1) });
        var near = await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = now.AddDays(EventLimits.MaxDaysAhead - 1) });

        far.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await far.Content.ReadAsStringAsync()).Should().Contain($"at most {EventLimits.MaxDaysAhead} days ahead");
        near.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
