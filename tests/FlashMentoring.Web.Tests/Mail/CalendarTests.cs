using System.Net;
using System.Text.Json;
using FlashMentoring.Web.Data;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Mail;

public class CalendarTests
{
    [Fact]
    public async Task ThePhoneDownloadsTheItineraryAsACalendarFileInTheEventsTimeZoneWithOneEventPerRoundWhenAsked()
    {
        using var app = new TestApp();
        var e = await MailedEvent.PlanAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            (await db.Events.SingleAsync(x => x.Id == e.Id)).TimeZone = "America/New_York";
            await db.SaveChangesAsync();
        }

        var tokens = await e.TokensAsync();
        var ann = await e.PhoneAsync(tokens["Ann Lee"]);
        var (whole, file) = await Download(app, tokens["Ann Lee"], rounds: false);
        var (rounds, _) = await Download(app, tokens["Ann Lee"], rounds: true);
        var (again, _) = await Download(app, tokens["Ann Lee"], rounds: true);
        var (mona, _) = await Download(app, tokens["Mona Lisa"], rounds: true);
        using var stranger = new HttpRequestMessage(HttpMethod.Get, "/api/me/calendar.ics");
        stranger.Headers.Add("X-Person-Token", "not-a-token");

        file.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        file.Content.Headers.ContentDisposition!.FileName.Should().Contain("flash-mentoring.ics");
        whole.Events.Should().ContainSingle("without rounds, one event for the whole morning");
        var day = whole.Events.Single();
        day.Summary.Should().Be("Spring Flash Mentoring");
        day.DtStart!.TzId.Should().Be("America/New_York");
        day.DtStart.Value.Should().Be(new DateTime(2026, 12, 1, 9, 0, 0), "9:00 on the event's clock");
        day.DtEnd!.Value.Should().Be(new DateTime(2026, 12, 1, 9, 51, 0), "three rounds of 15 minutes, 2 to change tables after each");
        day.Description.Should().Contain("/me#t=" + tokens["Ann Lee"]);
        whole.TimeZones.Select(z => z.TzId).Should().Equal(["America/New_York"]);
        whole.Method.Should().Be("PUBLISH");

        rounds.Events.Should().HaveCount(4);
        rounds.Events.Select(v => v.Uid).Should().Equal(again.Events.Select(v => v.Uid), "the same UIDs each time, so a calendar replaces rather than doubles");
        rounds.Events.Select(v => v.Uid).Should().OnlyHaveUniqueItems().And.Contain(u => u!.EndsWith("-round-2@flashmentoring", StringComparison.Ordinal));
        var row = ann.GetProperty("rounds")[1];
        rounds.Events.Single(v => v.Uid!.EndsWith("-round-2@flashmentoring", StringComparison.Ordinal)).Summary.Should().Be(
            row.GetProperty("table").ValueKind == JsonValueKind.Number ? $"Round 2: Table {row.GetProperty("table")} with {row.GetProperty("mentor").GetString()}" : "Round 2: a break");
        rounds.Events.Single(v => v.Uid!.EndsWith("-round-2@flashmentoring", StringComparison.Ordinal)).DtStart!.Value.Should().Be(new DateTime(2026, 12, 1, 9, 17, 0));
        var monaTable = (await e.PhoneAsync(tokens["Mona Lisa"])).GetProperty("rounds")[0].GetProperty("table").GetInt32();
        mona.Events.Where(v => v.Summary!.StartsWith("Round", StringComparison.Ordinal)).Select(v => v.Summary)
            .Should().AllSatisfy(s => s.Should().MatchRegex($@"^Round \d: Table {monaTable}, \d mentees?$"), "a mentor's rounds say how many come to their table");
        (await app.CreateClient().SendAsync(stranger)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // On the file a host runs (its writes queue in the app; the download saves the new sequence).
    public async Task ACalendarDownloadedAfterARePlanHasAHigherSequenceWithoutEmail(bool onDisk)
    {
        var folder = onDisk ? Directory.CreateTempSubdirectory("calendar-sequence-").FullName : null;
        try
        {
            await DownloadsFollowTheItinerary(folder);
        }
        finally
        {
            if (folder is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task DownloadsFollowTheItinerary(string? folder)
    {
        using var app = new TestApp { DataFolder = folder }; // No relay: e-mail is off, the phone's download is the only calendar file.
        var e = await MailedEvent.PlanAsync(app, MailedEvent.MovableRoster, rounds: 2);
        var tokens = await e.TokensAsync();
        var before = await e.DaysAsync();
        var first = await SequencesAsync(e, tokens);

        await e.MoveSomeoneAsync();
        var after = await e.DaysAsync();
        var second = await SequencesAsync(e, tokens);
        var third = await SequencesAsync(e, tokens);
        var changed = after.Where(d => before[d.Key] != d.Value).Select(d => d.Key).ToList();

        changed.Should().HaveCount(3, "the mentee who moved and the mentors of the table they left and joined");
        first.Values.Should().OnlyContain(s => s == 0);
        second.Should().Equal(first.ToDictionary(p => p.Key, p => changed.Contains(p.Key) ? p.Value + 1 : p.Value),
            "a calendar app takes the new tables only from a higher SEQUENCE; the others' files stay as they were");
        third.Should().Equal(second, "downloading again changes nothing: the sequence rises once per change");
    }

    [Fact]
    public async Task ARePlanBeforeTheInvitationsRaisesTheSequenceTheInvitationCarriesOnlyForThoseWhoseDayChanged()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var e = await MailedEvent.PlanAsync(app, MailedEvent.MovableRoster, rounds: 2);
        var tokens = await e.TokensAsync();
        var before = await e.DaysAsync();
        var first = await SequencesAsync(e, tokens); // Downloaded from the phone before anything was mailed.

        await e.MoveSomeoneAsync();
        var after = await e.DaysAsync();
        await e.InviteAsync();
        var invitations = await relay.WaitForAsync(8);
        var downloaded = await SequencesAsync(e, tokens);
        var changed = after.Where(d => before[d.Key] != d.Value).Select(d => d.Key).ToList();
        var names = MailedEvent.MovableRoster.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToDictionary(l => l[2], l => l[1]);
        var mailed = invitations.ToDictionary(m => names[m.Recipients.Single()], m => Calendar.Load(m.CalendarText()!)!.Events.Select(v => v.Sequence).Distinct().Single());

        changed.Should().HaveCount(3);
        first.Values.Should().OnlyContain(s => s == 0);
        mailed.Should().Equal(first.ToDictionary(p => p.Key, p => changed.Contains(p.Key) ? 1 : 0),
            "the invitation's file replaces the one downloaded before the re-plan for those whose day changed, and only for them");
        downloaded.Should().Equal(mailed, "the phone's file after the invitation is the mailed one: one rise per change");
    }

    private static async Task<(Calendar Calendar, HttpResponseMessage Answer)> Download(TestApp app, string token, bool rounds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/me/calendar.ics?rounds={(rounds ? "true" : "false")}");
        request.Headers.Add("X-Person-Token", token);
        var answer = await app.CreateClient().SendAsync(request);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return (Calendar.Load(await answer.Content.ReadAsStringAsync())!, answer);
    }

    private static async Task<Dictionary<string, int>> SequencesAsync(MailedEvent e, Dictionary<string, string> tokens)
    {
        var sequences = new Dictionary<string, int>();
        foreach (var (name, token) in tokens)
        {
            sequences[name] = await e.CalendarSequenceAsync(token);
        }

        return sequences;
    }
}
