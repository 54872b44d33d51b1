using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Kits.Tests;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Kits;
using FlashMentoring.Web.Roster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Kits;

/// <summary>Reprinting just what changed, and a kit from a roster that names the lines it left out.</summary>
public class KitReprintTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine("samples", "roster-100x25.csv"));

    [Fact]
    public async Task AReprintHoldsOnlyTheNamedPeoplesItinerariesAndTablesSignsDatedByTheChange()
    {
        // 10:42 in the room: the event's offset is the host's.
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 2, 15, 42, 0, TimeSpan.Zero));
        using var app = new TestApp { Time = time };
        var (created, host) = await EventWithSampleAsync(app, new DateTimeOffset(2027, 3, 2, 13, 0, 0, TimeSpan.FromHours(-5)));
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        var mentees = people.Where(p => p.Role == "mentee").Take(2).ToList();

        var pdf = await KitAsync(app, host, created.Id, $"paper=letter&parts=itineraries,signs&people={mentees[0].Id},{mentees[1].Id}&tables=3,7");
        var cover = Poppler.Page(pdf.Bytes, 1);

        pdf.FileName.Should().Be("reprint-1042.pdf");
        Poppler.Info(pdf.Bytes).Should().MatchRegex(@"Pages:\s+4\n", "a cover, two table signs, one sheet with two itineraries");
        cover.Should().Contain("Reprint after a change").And.Contain("10:42 AM").And.Contain(mentees[0].Name).And.Contain(mentees[1].Name).And.Contain("Tables 3, 7");
        Poppler.Page(pdf.Bytes, 2).Should().MatchRegex("(?m)^3$");
        Poppler.Page(pdf.Bytes, 3).Should().MatchRegex("(?m)^7$");
        var sheet = Poppler.Page(pdf.Bytes, 4);
        sheet.Should().Contain(mentees[0].Name).And.Contain(mentees[1].Name).And.Contain("Updated 10:42 AM");
        people.Where(p => p.Role == "mentee").Skip(2).Should().OnlyContain(p => !Poppler.Text(pdf.Bytes, false).Contains(p.Name + "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReprintOfNumbersTheEventDoesNotHaveIsRefusedNamingThem()
    {
        using var app = new TestApp();
        var (created, host) = await EventWithSampleAsync(app);
        var someone = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))![0];
        var other = await EventWithSampleAsync(app);
        var stranger = (await other.Host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{other.Created.Id}/people"))![0];

        var unknown = await host.PostAsync($"/api/events/{created.Id}/kit-jobs?people={someone.Id},{stranger.Id},999999&tables=3,0,26", null);
        var words = await host.PostAsync($"/api/events/{created.Id}/kit-jobs?people=Ann", null);
        var nothing = await host.PostAsync($"/api/events/{created.Id}/kit-jobs?people=&tables=", null);
        var tooMany = await host.PostAsync($"/api/events/{created.Id}/kit-jobs?tables={string.Join(',', Enumerable.Range(1, 26))}", null);

        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("people")[0].GetString().Should().Contain($"{stranger.Id}, 999999", "another event's people are not this one's").And.NotContain(someone.Id + ",").And.Contain("Reload the check-in list");
        errors.GetProperty("tables")[0].GetString().Should().Contain("tables 1 to 25").And.Contain("no table 0, 26");
        (await words.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("people")[0].GetString().Should().Contain("'Ann' is not one");
        (await nothing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("people")[0].GetString().Should().Contain("Nothing to reprint");
        (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("tables")[0].GetString().Should().Contain("26 numbers").And.Contain("only 25");
        app.Services.GetRequiredService<KitJobs>().FindForEvent(created.Id, Guid.Empty).Should().BeNull();
    }

    [Fact]
    public async Task AKitJobFromARosterNamesTheLinesItLeftOutOnScreenAndOnItsFirstPage()
    {
        using var app = new TestApp();
        var client = app.CreateClient();
        var roster = Sample.TrimEnd() + "\nmentee,,nobody@va.gov,VA,,,,,,,\nmentee,Ben Ray,not-an-email,VA,,,,,,,\n";

        var started = await client.PostAsync("/api/kits/jobs?parts=signs", new StringContent(roster, Encoding.UTF8, "text/csv"));
        var job = (await started.Content.ReadFromJsonAsync<KitJobView>())!;
        await app.Services.GetRequiredService<KitJobs>().Find(job.Id)!.Completion;
        var done = (await client.GetFromJsonAsync<KitJobView>(job.Status))!;
        var pdf = await client.GetByteArrayAsync(done.Download);

        job.Rejected.Select(r => r.Line).Should().Equal(127, 128);
        job.Rejected[0].Reason.Should().Contain("name is blank");
        done.Rejected.Should().HaveCount(2, "the page can name them whenever it asks");
        done.Pages.Should().Be(26, "the lines left out come first, then the 25 signs");
        Poppler.Page(pdf, 1).Should().Contain("2 roster lines left out").And.Contain("Line 127").And.Contain("Line 128");
    }

    private static async Task<(CreatedEvent Created, HttpClient Host)> EventWithSampleAsync(TestApp app, DateTimeOffset? startsAt = null)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = startsAt ?? DateTimeOffset.UtcNow.AddDays(7) }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Sample, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created, host);
    }

    private static async Task<(byte[] Bytes, string FileName)> KitAsync(TestApp app, HttpClient host, Guid id, string query)
    {
        var started = await host.PostAsync($"/api/events/{id}/kit-jobs?{query}", null);
        started.StatusCode.Should().Be(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var job = (await started.Content.ReadFromJsonAsync<KitJobView>())!;
        await app.Services.GetRequiredService<KitJobs>().FindForEvent(id, job.Id)!.Completion;
        var done = (await host.GetFromJsonAsync<KitJobView>(job.Status))!;
        return (await host.GetByteArrayAsync(done.Download), done.Download!.Split('/')[^1]);
    }
}
