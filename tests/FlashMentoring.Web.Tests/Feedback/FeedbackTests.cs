using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Feedback;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Feedback;

public class FeedbackTests
{
    // Two rounds of one-on-one: each mentee meets both mentors.
    private const string Roster = "role,name,email,agency\nmentor,Mona Lisa,mona@hhs.gov,HHS/NIH\nmentor,Omar Khayyam,omar@opm.gov,OPM\n" +
                                  "mentee,Ann Lee,ann@va.gov,VA\nmentee,\"=HYPERLINK(\"\"http://evil\"\")\",ben@va.gov,VA\n";

    private sealed record Setup(TestApp App, CreatedEvent Event, HttpClient Host, Dictionary<string, HttpClient> Phones, Dictionary<string, long> Ids);

    private static async Task<Setup> Event()
    {
        var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        var phones = people.ToDictionary(p => p.Name, p =>
        {
            var phone = app.CreateClient();
            phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, p.Link["/me#t=".Length..]);
            return phone;
        });
        return new Setup(app, created, host, phones, people.ToDictionary(p => p.Name, p => p.Id));
    }

    [Fact]
    public async Task TheSameAnswerSentTwiceCountsOnceAndAChangedAnswerReplacesIt()
    {
        var s = await Event();
        using var app = s.App;
        var ann = s.Phones["Ann Lee"];
        var first = new { clientId = Guid.NewGuid(), round = 1, rating = 2 };

        (await ann.PostAsJsonAsync("/api/me/answers", first)).EnsureSuccessStatusCode();
        (await ann.PostAsJsonAsync("/api/me/answers", first)).EnsureSuccessStatusCode(); // The phone never saw the reply.
        var once = (await s.Host.GetFromJsonAsync<EventReport>($"/api/events/{s.Event.Id}/report"))!;
        (await ann.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 5, note = "Great advice" })).EnsureSuccessStatusCode();
        var changed = (await s.Host.GetFromJsonAsync<EventReport>($"/api/events/{s.Event.Id}/report"))!;
        var bad = await ann.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 9, rating = 7 });

        once.Ratings.Should().Be(1);
        once.MeanRating.Should().Be(2);
        changed.Ratings.Should().Be(1, "a changed answer replaces the first");
        changed.MeanRating.Should().Be(5);
        changed.Respondents.Should().Be(1);
        changed.ResponseRate.Should().Be(0.25);
        changed.Notes.Should().ContainSingle(n => n.Text == "Great advice" && n.Author == null, "notes are anonymous unless signed");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("round must be 1 to 2").And.Contain("1 (poor) to 5");
    }

    [Fact]
    public async Task ContactDetailsAreShownOnlyWhereBothChoseEachOther()
    {
        var s = await Event();
        using var app = s.App;
        var ben = "=HYPERLINK(\"http://evil\")";

        (await s.Phones["Ann Lee"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Omar Khayyam"], s.Ids["Mona Lisa"] } })).EnsureSuccessStatusCode();
        (await s.Phones["Mona Lisa"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Ann Lee"] } })).EnsureSuccessStatusCode();
        (await s.Phones["Omar Khayyam"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids[ben] } })).EnsureSuccessStatusCode();
        var ann = (await s.Phones["Ann Lee"].GetFromJsonAsync<MyFeedback>("/api/me/feedback"))!;
        var omar = (await s.Phones["Omar Khayyam"].GetFromJsonAsync<MyFeedback>("/api/me/feedback"))!;
        var benSees = (await s.Phones[ben].GetFromJsonAsync<MyFeedback>("/api/me/feedback"))!;
        var stranger = await s.Phones["Ann Lee"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { 999_999L } });

        ann.Matches.Should().ContainSingle().Which.Should().Be(new Match("Mona Lisa", "mona@hhs.gov", "HHS/NIH", false));
        ann.Met.Select(m => m.Name).Should().BeEquivalentTo("Mona Lisa", "Omar Khayyam");
        omar.Matches.Should().BeEmpty("Omar chose Ben, who did not choose him");
        benSees.Matches.Should().BeEmpty();
        stranger.StatusCode.Should().Be(HttpStatusCode.BadRequest, "only people you met can be chosen");
    }

    [Fact]
    public async Task TheHostConfirmsTheSuggestedPairsAndBothSidesSeeTheMatchConfirmed()
    {
        var s = await Event();
        using var app = s.App;
        (await s.Phones["Ann Lee"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Mona Lisa"] } })).EnsureSuccessStatusCode();
        (await s.Phones["Mona Lisa"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Ann Lee"] } })).EnsureSuccessStatusCode();

        var stranger = await s.App.CreateClient().GetAsync($"/api/events/{s.Event.Id}/report");
        var before = (await s.Host.GetFromJsonAsync<EventReport>($"/api/events/{s.Event.Id}/report"))!;
        var after = (await (await s.Host.PostAsync($"/api/events/{s.Event.Id}/pairs/confirm", null)).Content.ReadFromJsonAsync<EventReport>())!;
        var mona = (await s.Phones["Mona Lisa"].GetFromJsonAsync<MyFeedback>("/api/me/feedback"))!;
        var pdf = await s.Host.GetAsync($"/api/events/{s.Event.Id}/report.pdf");
        var pdfStranger = await s.App.CreateClient().GetAsync($"/api/events/{s.Event.Id}/report.pdf");

        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden, "ratings of mentors are for the host only");
        before.Suggested.Should().ContainSingle(p => p.Mentee == "Ann Lee" && p.Mentor == "Mona Lisa" && !p.Confirmed);
        after.Mutual.Should().ContainSingle(p => p.Confirmed);
        mona.Matches.Should().ContainSingle().Which.Should().Be(new Match("Ann Lee", "ann@va.gov", "VA", true));
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        pdfStranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ExportsNeutraliseSpreadsheetFormulas()
    {
        var s = await Event();
        using var app = s.App;
        var ben = s.Phones["=HYPERLINK(\"http://evil\")"];
        (await ben.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 4, note = "+SUM(A1:A9)", signNote = true })).EnsureSuccessStatusCode();

        var csv = await s.Host.GetStringAsync($"/api/events/{s.Event.Id}/exports/ratings.csv");

        csv.Should().Contain("\"'=HYPERLINK(\"\"http://evil\"\")\"", "a name that is a formula is written as text").And.Contain("'+SUM(A1:A9)");
        csv.Split('\n').Should().NotContain(line => line.Split(',').Any(cell => cell.TrimStart('"').StartsWith('=') || cell.TrimStart('"').StartsWith('+')));
    }

    [Fact]
    public async Task DeletingTheEventRemovesEveryPersonalField()
    {
        var s = await Event();
        using var app = s.App;
        (await s.Phones["Ann Lee"].PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 4, note = "Thanks Mona", signNote = true })).EnsureSuccessStatusCode();
        (await s.Phones["Ann Lee"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Mona Lisa"] } })).EnsureSuccessStatusCode();
        (await s.Phones["Mona Lisa"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Ann Lee"] } })).EnsureSuccessStatusCode();
        (await s.Host.PostAsync($"/api/events/{s.Event.Id}/pairs/confirm", null)).EnsureSuccessStatusCode();

        var stranger = await s.App.CreateClient().DeleteAsync($"/api/events/{s.Event.Id}");
        var deleted = await s.Host.DeleteAsync($"/api/events/{s.Event.Id}");
        var phone = await s.Phones["Ann Lee"].GetAsync("/api/me");

        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        phone.StatusCode.Should().Be(HttpStatusCode.NotFound, "the personal link is gone too");
        using var scope = s.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        (await db.Events.CountAsync()).Should().Be(0);
        (await db.People.CountAsync()).Should().Be(0);
        (await db.Answers.CountAsync()).Should().Be(0);
        (await db.Choices.CountAsync()).Should().Be(0);
        (await db.Pairs.CountAsync()).Should().Be(0);
    }
}
