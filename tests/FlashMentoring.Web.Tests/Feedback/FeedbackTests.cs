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

    // The event, run to its end: ratings, the survey and keep-in-touch choices are for rounds that are over.
    private static async Task<Setup> Event(bool finished = true, string roster = Roster, string? dataFolder = null, int rounds = 2)
    {
        var app = new TestApp { DataFolder = dataFolder };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", rounds, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        if (finished)
        {
            foreach (var command in new[] { "start", "end" })
            {
                (await host.PostAsync($"/api/events/{created.Id}/clock/{command}", null)).EnsureSuccessStatusCode();
            }
        }

        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        var phones = new Dictionary<string, HttpClient>();
        foreach (var p in people)
        {
            // Each phone opens its link as a browser does: the page first, which gives it its device cookie.
            var phone = app.CreateClient();
            (await phone.GetAsync("/me")).EnsureSuccessStatusCode();
            phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, p.Link!["/me#t=".Length..]);
            phones[p.Name] = phone;
        }

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

    [Fact]
    public async Task ARoundIsRatedOnlyOnceItIsOverAndOnlyByThoseWhoSatInIt()
    {
        // Two mentors, three mentees, one seat a table: one mentee rests each round.
        var s = await Event(finished: false, roster: Roster + "mentee,Cy Young,cy@gsa.gov,GSA\n");
        using var app = s.App;
        var restsInRound1 = new List<string>();
        foreach (var (name, phone) in s.Phones)
        {
            var me = (await phone.GetFromJsonAsync<PersonalView>("/api/me"))!;
            if (me.Role == "mentee" && me.Rounds[0].Table is null)
            {
                restsInRound1.Add(name);
            }
        }

        var ann = s.Phones.First(p => p.Key != "Mona Lisa" && p.Key != "Omar Khayyam" && !restsInRound1.Contains(p.Key)).Value;
        var rested = s.Phones[restsInRound1.Single()];
        async Task<HttpStatusCode> Rate(HttpClient phone, int round) =>
            (await phone.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round, rating = 5 })).StatusCode;

        var beforeStart = await Rate(ann, 1);
        (await s.Host.PostAsync($"/api/events/{s.Event.Id}/clock/start", null)).EnsureSuccessStatusCode();
        var during = await Rate(ann, 1);
        var survey = await ann.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 0, survey = new { match = 5 } });
        (await s.Host.PostAsJsonAsync($"/api/events/{s.Event.Id}/clock/skip", new { expectedRound = 1, skipChange = true })).EnsureSuccessStatusCode();
        var after = await Rate(ann, 1);
        var restedRates = await rested.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 1 });
        var roundTwoNow = await Rate(ann, 2);

        beforeStart.Should().Be(HttpStatusCode.Conflict);
        during.Should().Be(HttpStatusCode.Conflict, "round 1 is still on");
        survey.StatusCode.Should().Be(HttpStatusCode.Conflict, "the survey is for the end of the event");
        after.Should().Be(HttpStatusCode.OK);
        restedRates.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await restedRates.Content.ReadAsStringAsync()).Should().Contain("not at a table in round 1");
        roundTwoNow.Should().Be(HttpStatusCode.Conflict);
        (await s.Host.GetFromJsonAsync<EventReport>($"/api/events/{s.Event.Id}/report"))!.Ratings.Should().Be(1);
    }

    [Fact]
    public async Task ANoteIsSignedOnlyFromTheDeviceThatFirstOpenedTheLink()
    {
        var s = await Event();
        using var app = s.App;
        var annsToken = s.Phones["Ann Lee"].DefaultRequestHeaders.GetValues(PersonalLinks.TokenHeader).Single();
        (await s.Phones["Ann Lee"].GetAsync("/api/me")).EnsureSuccessStatusCode(); // Her phone opens her link first.
        var other = s.App.CreateClient();
        other.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, annsToken);
        (await other.GetAsync("/me")).Dispose(); // Another browser, with a device cookie of its own.

        var forged = await other.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 1, note = "Awful, Ann Lee", signNote = true });
        var unsigned = await other.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 2, rating = 3, note = "Fine" });
        var own = await s.Phones["Ann Lee"].PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 5, note = "Thanks", signNote = true });
        var report = (await s.Host.GetFromJsonAsync<EventReport>($"/api/events/{s.Event.Id}/report"))!;

        forged.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await forged.Content.ReadAsStringAsync()).Should().Contain("Send it unsigned");
        unsigned.StatusCode.Should().Be(HttpStatusCode.OK);
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        report.Notes.Should().ContainSingle(n => n.Author == "Ann Lee").Which.Text.Should().Be("Thanks");
        report.Notes.Should().NotContain(n => n.Text.Contains("Awful", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeepInTouchChoicesOpenOnlyWhenTheEventHasEnded()
    {
        var s = await Event(finished: false);
        using var app = s.App;

        var early = await s.Phones["Ann Lee"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Mona Lisa"] } });

        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).Should().Contain("when the event ends");
    }

    [Fact]
    public async Task TwoChoiceSavesRacingNeverStoreMoreThanTheCap()
    {
        var folder = Directory.CreateTempSubdirectory("fm-choices-").FullName;
        try
        {
            // Four mentors met in four rounds: a mentee may keep three.
            var roster = "role,name,email,agency\nmentor,M1,m1@x.gov,A\nmentor,M2,m2@x.gov,A\nmentor,M3,m3@x.gov,A\nmentor,M4,m4@x.gov,A\n" +
                         "mentee,Ann Lee,ann@va.gov,VA\nmentee,B,b@va.gov,VA\nmentee,C,c@va.gov,VA\nmentee,D,d@va.gov,VA\n";
            var s = await Event(roster: roster, dataFolder: folder, rounds: 4);
            using var app = s.App;
            var ann = s.Phones["Ann Lee"];
            var stored = new List<int>();
            for (var trial = 0; trial < 6; trial++)
            {
                var picks = new[] { new[] { "M1", "M2", "M3" }, new[] { "M4", "M3", "M2" } };
                var saves = await Task.WhenAll(picks.Select(p => ann.PutAsJsonAsync("/api/me/choices", new { chosen = p.Select(n => s.Ids[n]).ToArray() })));
                saves.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
                stored.Add((await ann.GetFromJsonAsync<MyFeedback>("/api/me/feedback"))!.Met.Count(m => m.Rank is not null));
            }

            stored.Should().OnlyContain(n => n == 3, "one save wins whole; the cap is three");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task ALinkOpenedOnAnotherDeviceCanNeitherChooseNorSeeContactDetails()
    {
        var s = await Event();
        using var app = s.App;
        (await s.Phones["Ann Lee"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Mona Lisa"] } })).EnsureSuccessStatusCode();
        (await s.Phones["Mona Lisa"].PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Ann Lee"] } })).EnsureSuccessStatusCode();
        var other = s.App.CreateClient();
        (await other.GetAsync("/me")).Dispose(); // Someone else's browser with Ann's link.
        other.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, s.Phones["Ann Lee"].DefaultRequestHeaders.GetValues(PersonalLinks.TokenHeader).Single());

        var choose = await other.PutAsJsonAsync("/api/me/choices", new { chosen = new[] { s.Ids["Omar Khayyam"] } });
        var seen = (await other.GetFromJsonAsync<MyFeedback>("/api/me/feedback"))!;
        var own = (await s.Phones["Ann Lee"].GetFromJsonAsync<MyFeedback>("/api/me/feedback"))!;

        choose.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await choose.Content.ReadAsStringAsync()).Should().Contain("own phone");
        seen.Matches.Should().ContainSingle().Which.Email.Should().BeNull("an e-mail address shows only on the phone that joined");
        own.Matches.Should().ContainSingle().Which.Email.Should().Be("mona@hhs.gov");
    }
}
