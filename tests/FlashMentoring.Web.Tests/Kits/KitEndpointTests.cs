using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Kits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FlashMentoring.Web.Tests.Kits;

public class KitEndpointTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine("samples", "roster-100x25.csv"));

    private static bool IsPdf(byte[] bytes) => bytes.Length > 4 && Encoding.ASCII.GetString(bytes, 0, 4) == "%PDF";

    [Fact]
    public async Task TheEventKitIsForTheHostOnlyAndPrintsTheEventsPlan()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00" }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        var early = await host.GetAsync($"/api/events/{created.Id}/kit.pdf");
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Sample, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        var stranger = await app.CreateClient().GetAsync($"/api/events/{created.Id}/kit.pdf");
        var kit = await host.GetAsync($"/api/events/{created.Id}/kit.pdf?paper=a4");
        var signs = await host.GetAsync($"/api/events/{created.Id}/kit/signs.pdf");
        var wrong = await host.GetAsync($"/api/events/{created.Id}/kit/posters.pdf");

        early.StatusCode.Should().Be(HttpStatusCode.Conflict, "there is no plan to print before the roster");
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden, "itineraries carry everyone's personal link");
        kit.StatusCode.Should().Be(HttpStatusCode.OK);
        kit.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        IsPdf(await kit.Content.ReadAsByteArrayAsync()).Should().BeTrue();
        signs.Content.Headers.ContentDisposition!.FileName.Should().Be("signs.pdf");
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("posters").And.Contain("itineraries");
    }

    [Fact]
    public async Task ABlankKitNeedsNoAccountAndSaysWhichSettingIsWrong()
    {
        using var app = new TestApp();
        var client = app.CreateClient();

        var kit = await client.GetAsync("/api/kits/blank.pdf?tables=10&rounds=4&seatsPerTable=3&paper=letter&start=13:30");
        var bad = await client.GetAsync("/api/kits/blank.pdf?tables=0&paper=legal&start=25:00");

        kit.StatusCode.Should().Be(HttpStatusCode.OK);
        IsPdf(await kit.Content.ReadAsByteArrayAsync()).Should().BeTrue();
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("tables")[0].GetString().Should().Contain("1 to 100");
        errors.GetProperty("paper")[0].GetString().Should().Contain("letter or a4");
        errors.GetProperty("start")[0].GetString().Should().Contain("09:00");
    }

    [Fact]
    public async Task ABlankKitDatedOutsideTheYears2000To2100IsRefusedWithTheRange()
    {
        using var app = new TestApp();

        var late = await app.CreateClient().GetAsync("/api/kits/blank.pdf?tables=2&rounds=40&roundMinutes=120&date=9999-12-31&start=23:00");

        late.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("date")[0].GetString().Should().Contain("2000").And.Contain("2100");
    }

    [Fact]
    public async Task ARosterAloneMakesAKitWithTheSameRulesAsAPlan()
    {
        using var app = new TestApp();
        var client = app.CreateClient();

        var kit = await client.PostAsync("/api/kits?rounds=6&seatsPerTable=4&paper=letter&start=09:00&roundMinutes=15", new StringContent(Sample, Encoding.UTF8, "text/csv"));
        var json = await client.PostAsync("/api/kits", new StringContent("{}", Encoding.UTF8, "application/json"));
        var nobody = await client.PostAsync("/api/kits", new StringContent("role,name\nmentor,Mona\n", Encoding.UTF8, "text/csv"));

        kit.StatusCode.Should().Be(HttpStatusCode.OK);
        IsPdf(await kit.Content.ReadAsByteArrayAsync()).Should().BeTrue();
        json.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        nobody.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task AKitJobReportsItsPagesAndHandsOverThePdfWhenDone()
    {
        using var app = new TestApp();
        var client = app.CreateClient();

        var started = await client.PostAsync("/api/kits/blank/jobs?tables=25&rounds=6", null);
        var job = (await started.Content.ReadFromJsonAsync<KitJobView>())!;
        await app.Services.GetRequiredService<KitJobs>().Find(job.Id)!.Completion;
        var done = (await client.GetFromJsonAsync<KitJobView>($"/api/kits/jobs/{job.Id}"))!;
        var pdf = await client.GetAsync(done.Download);

        started.StatusCode.Should().Be(HttpStatusCode.Accepted);
        job.EstimatedPages.Should().BeGreaterThan(50);
        done.State.Should().Be("done");
        done.Pages.Should().BeGreaterThan(50);
        IsPdf(await pdf.Content.ReadAsByteArrayAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task AKitThatCutsANameLogsWhereItWasCutButNeverWhoseNameOrEmail()
    {
        using var app = new TestApp { TestServices = services => services.AddFakeLogging() };
        var longName = "Maximiliana" + new string('q', 150) + " Lee";
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        var roster = $"role,name,email\nmentor,Mona,mona@hhs.gov\nmentee,{longName},maxi@va.gov\nmentee,Ben,ben@va.gov\n";
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        // The console's Print the kit: a job, whose layout report goes to the log.
        var job = (await (await host.PostAsync($"/api/events/{created.Id}/kit-jobs?parts=badges,itineraries", null)).Content.ReadFromJsonAsync<KitJobView>())!;
        await app.Services.GetRequiredService<KitJobs>().FindForEvent(created.Id, job.Id)!.Completion;
        var done = (await host.GetFromJsonAsync<KitJobView>(job.Status))!;
        var logged = app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();

        done.State.Should().Be("done");
        logged.Should().Contain(r => r.Level == LogLevel.Warning && r.Message.Contains("badge", StringComparison.Ordinal), "the operator learns which page to check");
        logged.Where(r => r.Message.Contains("Maximiliana", StringComparison.Ordinal) || r.Message.Contains("maxi@va.gov", StringComparison.Ordinal) || r.Message.Contains("qqqq", StringComparison.Ordinal))
            .Select(r => r.Message).Should().BeEmpty("logs are kept and shipped; a person's name or e-mail stays in the event");
    }

    [Fact]
    public async Task AKitWithoutAnEventIsSizedToARealRoomAndSaysHowToGetMore()
    {
        using var app = new TestApp();
        var client = app.CreateClient();

        // The request of the adversarial test, which ran 3.5 minutes: 200 tables of 20 for 40 rounds.
        var huge = await client.GetAsync("/api/kits/blank.pdf?tables=200&rounds=40&seatsPerTable=20");
        var crowded = await client.GetAsync("/api/kits/blank.pdf?tables=100&rounds=6&seatsPerTable=10");

        huge.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("tables")[0].GetString().Should().Contain("1 to 100");
        errors.GetProperty("rounds")[0].GetString().Should().Contain("1 to 12").And.Contain("Create an event");
        errors.GetProperty("seatsPerTable")[0].GetString().Should().Contain("1 to 10");
        crowded.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await crowded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("tables")[0].GetString().Should()
            .Contain("at most 1,000 people").And.Contain("make 1,100").And.Contain("create an event");
    }

    [Fact]
    public async Task AnEventsKitJobIsTheHostsAloneAndGoesWithTheEvent()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00" }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        var stranger = app.CreateClient();
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Sample, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        var started = await host.PostAsync($"/api/events/{created.Id}/kit-jobs?parts=itineraries", null);
        var job = (await started.Content.ReadFromJsonAsync<KitJobView>())!;
        await app.Services.GetRequiredService<KitJobs>().FindForEvent(created.Id, job.Id)!.Completion;
        var done = (await host.GetFromJsonAsync<KitJobView>(job.Status))!;
        var strangerStatus = await stranger.GetAsync(done.Status);
        var strangerPdf = await stranger.GetAsync(done.Download);
        var publicStatus = await stranger.GetAsync($"/api/kits/jobs/{job.Id}");
        var publicPdf = await stranger.GetAsync($"/api/kits/jobs/{job.Id}/kit.pdf");
        var hostPdf = await host.GetAsync(done.Download);
        (await host.DeleteAsync($"/api/events/{created.Id}")).EnsureSuccessStatusCode();
        var afterDelete = await host.GetAsync(done.Download);

        done.State.Should().Be("done");
        strangerStatus.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the itineraries print everyone's personal link");
        strangerPdf.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        publicStatus.StatusCode.Should().Be(HttpStatusCode.NotFound, "the routes for kits without an event do not know it");
        publicPdf.StatusCode.Should().Be(HttpStatusCode.NotFound);
        hostPdf.StatusCode.Should().Be(HttpStatusCode.OK);
        IsPdf(await hostPdf.Content.ReadAsByteArrayAsync()).Should().BeTrue();
        afterDelete.StatusCode.Should().Be(HttpStatusCode.NotFound, "the kit went with the event's personal data");
        app.Services.GetRequiredService<KitJobs>().FindForEvent(created.Id, job.Id).Should().BeNull();
    }

    [Fact]
    public async Task DeletingAnEventStopsItsKitHalfMade()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00" }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var heavy = app.Services.GetRequiredService<HeavyWork>();
        var jobs = app.Services.GetRequiredService<KitJobs>();
        var printing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A kit that would go on printing pages until it is stopped.
        var job = jobs.Start("kit.pdf", 100, created.Id, (await heavy.EnterAsync("Event kit job", forEvent: true, CancellationToken.None))!, (_, page, stop) =>
        {
            page(1);
            printing.TrySetResult();
            stop.WaitHandle.WaitOne();
            stop.ThrowIfCancellationRequested();
            throw new InvalidOperationException("The kit was not stopped.");
        });
        await printing.Task.WaitAsync(TimeSpan.FromMinutes(1));
        (await app.HostClient(created.HostKey).DeleteAsync($"/api/events/{created.Id}")).EnsureSuccessStatusCode();
        await job.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        job.Result.Should().BeNull();
        job.Error.Should().Contain("stopped");
        heavy.Abandoned.Should().Be(1);
        heavy.Running.Should().Be(0, "its slot is free for the next kit");
        jobs.FindForEvent(created.Id, job.Id).Should().BeNull();
    }
}
