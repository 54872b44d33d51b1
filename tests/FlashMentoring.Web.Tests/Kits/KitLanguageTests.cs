using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Kits.Tests;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Kits;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Kits;

/// <summary>Which language a kit prints in: the event's, the one asked for, the reader's; and each person's own.</summary>
public class KitLanguageTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine("samples", "roster-100x25.csv"));

    private static async Task<(CreatedEvent Event, HttpClient Host)> EventWith(TestApp app, string roster, string? language = null)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-10T09:00:00-05:00", language }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created, host);
    }

    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    [Fact]
    public async Task AnEventsKitIsInTheEventsLanguageUnlessTheRequestAsksForAnother()
    {
        using var app = new TestApp();
        var (spanish, host) = await EventWith(app, Sample, "es");

        var guide = await host.GetByteArrayAsync($"/api/events/{spanish.Id}/kit/guide.pdf");
        var english = await host.GetByteArrayAsync($"/api/events/{spanish.Id}/kit/guide.pdf?lang=en");

        Flat(Poppler.Page(guide, 1)).Should().Contain("Guía del organizador: Spring").And.Contain("jueves, 10 de diciembre de 2026").And.NotContain("Host guide");
        Regex.Match(Poppler.Info(guide), @"(?m)^Title:\s*(.*)$").Groups[1].Value.Trim().Should().Be("Guía del organizador - Spring");
        Encoding.Latin1.GetString(guide).Should().MatchRegex(@"/Lang\s*\(es\)");
        Flat(Poppler.Page(english, 1)).Should().Contain("Host guide: Spring").And.Contain("Thursday, December 10, 2026");
        Encoding.Latin1.GetString(english).Should().MatchRegex(@"/Lang\s*\(en\)");
    }

    [Fact]
    public async Task APersonMarkedSpanishOnTheRosterGetsASpanishItineraryInAnEnglishKit()
    {
        using var app = new TestApp();
        var roster = "role,name,email,agency,expertise,needs,language\n" +
                     "mentor,Ann Lee,ann@va.gov,VA,Budget,,\nmentor,Bo Chen,bo@hhs.gov,HHS,Budget,,\n" +
                     "mentee,Carla Ávila,carla@va.gov,VA,,Budget,es\nmentee,Dan Evans,dan@hhs.gov,HHS,,Budget,\n";
        var (created, host) = await EventWith(app, roster, "en");

        var fromEvent = await host.GetByteArrayAsync($"/api/events/{created.Id}/kit/itineraries.pdf");
        var fromRoster = await (await app.CreateClient().PostAsync("/api/kits?rounds=2&seatsPerTable=2&parts=itineraries", new StringContent(roster, Encoding.UTF8, "text/csv")))
            .Content.ReadAsByteArrayAsync();

        foreach (var pdf in new[] { fromEvent, fromRoster })
        {
            var sheet = Poppler.Page(pdf, 1);
            var carla = sheet[sheet.IndexOf("Carla Ávila", StringComparison.Ordinal)..sheet.IndexOf("Dan Evans", StringComparison.Ordinal)];
            var dan = sheet[sheet.IndexOf("Dan Evans", StringComparison.Ordinal)..];
            carla.Should().Contain("Ronda 1").And.Contain("Vaya a").And.Contain("quiere aprender sobre Budget").And.NotContain("Round 1");
            dan.Should().Contain("Round 1").And.Contain("Go to").And.Contain("wants to grow in Budget").And.NotContain("Ronda");
        }
    }

    [Fact]
    public async Task ACorrectedRosterThatLeavesTheLanguageBlankKeepsThePersonsSpanishItinerary()
    {
        using var app = new TestApp();
        const string Head = "role,name,email,agency,expertise,needs,language\n";
        const string Mentors = "mentor,Ann Lee,ann@va.gov,VA,Budget,,\nmentor,Bo Chen,bo@hhs.gov,HHS,Budget,,\n";
        var (created, host) = await EventWith(app, Head + Mentors + "mentee,Carla Ávila,carla@va.gov,VA,,Budget,Spanish\nmentee,Dan Evans,dan@hhs.gov,HHS,,Budget,\n", "en");

        // The host fixes Dan's need in a file whose language column is blank: Carla keeps hers.
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(
            Head + Mentors + "mentee,Carla Ávila,carla@va.gov,VA,,Budget,\nmentee,Dan Evans,dan@hhs.gov,HHS,,Writing,\n", Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var sheet = Poppler.Page(await host.GetByteArrayAsync($"/api/events/{created.Id}/kit/itineraries.pdf"), 1);
        var exported = await host.GetStringAsync($"/api/events/{created.Id}/roster.csv");

        sheet[..sheet.IndexOf("Dan Evans", StringComparison.Ordinal)].Should().Contain("Ronda 1");
        exported.Should().Contain(",language").And.MatchRegex(@"Carla Ávila,carla@va\.gov,.*,es\r?\n", "the next event's roster keeps her language");
    }

    [Fact]
    public async Task AKitWithoutAnEventFollowsTheReadersLanguageUnlessOneIsAskedFor()
    {
        using var app = new TestApp();
        var reader = app.CreateClient();
        reader.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9,en;q=0.8");

        var blank = await reader.GetByteArrayAsync("/api/kits/blank.pdf?tables=2&rounds=2&seatsPerTable=2&parts=guide");
        var asked = await reader.GetByteArrayAsync("/api/kits/blank.pdf?tables=2&rounds=2&seatsPerTable=2&parts=guide&lang=en");
        var job = (await (await reader.PostAsync("/api/kits/blank/jobs?tables=2&rounds=2&seatsPerTable=2&parts=signs", null)).Content.ReadFromJsonAsync<KitJobView>())!;
        await app.Services.GetRequiredService<KitJobs>().Find(job.Id)!.Completion;
        var signs = await reader.GetByteArrayAsync((await reader.GetFromJsonAsync<KitJobView>(job.Status))!.Download);

        Flat(Poppler.Page(blank, 1)).Should().Contain("Guía del organizador: Mentoría relámpago").And.Contain("lugar para 4 aprendices");
        Flat(Poppler.Page(asked, 1)).Should().Contain("Host guide: Flash mentoring").And.Contain("room for 4 mentees");
        Flat(Poppler.Page(signs, 1)).Should().Contain("Mesa").And.Contain("Mentor: ____");
    }

    [Fact]
    public async Task AKitInALanguageTheAppDoesNotSpeakIsRefusedWithTheOnesItDoes()
    {
        using var app = new TestApp();
        var (created, host) = await EventWith(app, Sample);
        var client = app.CreateClient();

        var answers = new[]
        {
            await client.GetAsync("/api/kits/blank.pdf?lang=fr"),
            await client.PostAsync("/api/kits/blank/jobs?lang=fr", null),
            await client.PostAsync("/api/kits?lang=fr", new StringContent(Sample, Encoding.UTF8, "text/csv")),
            await client.PostAsync("/api/kits/jobs?lang=fr", new StringContent(Sample, Encoding.UTF8, "text/csv")),
            await host.GetAsync($"/api/events/{created.Id}/kit.pdf?lang=fr"),
            await host.GetAsync($"/api/events/{created.Id}/kit/signs.pdf?lang=fr"),
            await host.PostAsync($"/api/events/{created.Id}/kit-jobs?lang=fr", null),
        };

        foreach (var answer in answers)
        {
            answer.StatusCode.Should().Be(HttpStatusCode.BadRequest, answer.RequestMessage!.RequestUri!.ToString());
            var message = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("lang")[0].GetString();
            message.Should().Contain("'fr'").And.Contain("en, es");
        }
    }
}
