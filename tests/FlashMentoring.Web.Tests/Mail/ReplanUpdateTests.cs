using System.Net;
using System.Net.Http.Json;
using FlashMentoring.Web.Data;
using Ical.Net;

namespace FlashMentoring.Web.Tests.Mail;

public class ReplanUpdateTests
{
    // Three mentors, five mentees, two rounds: each mentee meets two of the three mentors, so a table they never meet
    // has a seat for a move by hand.
    private const string Roster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentor,Pia Sun,pia@gsa.gov\n" +
                                  "mentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\nmentee,Cy Diaz,cy@gsa.gov\nmentee,Dee Walker,dee@gsa.gov\nmentee,Eve Ng,eve@gsa.gov\n";

    private static readonly Dictionary<string, string> Addresses = Roster.Split('\n').Skip(1).Where(l => l.Length > 0)
        .Select(l => l.Split(',')).ToDictionary(l => l[1], l => l[2]);

    [Fact]
    public async Task AMoveByHandBeforeTheStartSendsOneUpdateToExactlyThePeopleWhoseItineraryChanged()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var e = await MailedEvent.PlanAsync(app, Roster, rounds: 2);
        await e.InviteAsync();
        await relay.WaitForAsync(8);
        var before = await e.DaysAsync();

        await MoveSomeoneAsync(e);
        var after = await e.DaysAsync();
        var changed = after.Where(d => before[d.Key] != d.Value).Select(d => Addresses[d.Key]).ToList();
        var updates = (await relay.WaitForAsync(8 + changed.Count)).Skip(8).ToList();
        var status = await e.MailStatusAsync();

        changed.Should().HaveCount(3, "the mentee who moved and the mentors of the table they left and joined");
        updates.SelectMany(m => m.Recipients).Should().BeEquivalentTo(changed, "one update each to exactly those whose day changed, nobody else");
        foreach (var update in updates)
        {
            update.Message.Subject.Should().StartWith("Change to your itinerary: Spring Flash Mentoring");
            update.Text.Should().Contain("changed, and so did your itinerary").And.Contain("now Table").And.Contain("/me#t=");
            Calendar.Load(update.CalendarText()!)!.Events.Should().OnlyContain(v => v.Sequence == 1, "the calendar takes the new times over the invitation's");
        }

        status.GetProperty("sent").GetInt32().Should().Be(8 + changed.Count);
        status.GetProperty("queued").GetInt32().Should().Be(0, "nothing more waits to go");
    }

    [Fact]
    public async Task StoppingTheRelayMidQueueAndStartingItAgainAfterARestartDeliversEverythingOnce()
    {
        var folder = Directory.CreateTempSubdirectory("mail-restart-").FullName;
        var time = new TimerWatchingFakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        await using var relay = await SmtpSink.StartAsync();
        Dictionary<string, string> before, after;
        using (var app = new TestApp { DataFolder = folder, Time = time, Settings = relay.MailSettings(retrySeconds: 2) })
        {
            var e = await MailedEvent.PlanAsync(app, Roster);
            await e.InviteAsync();
            await relay.WaitForAsync(8);
            before = await e.DaysAsync();

            // The relay goes away; Eve is taken off the roster, which re-plans: her note and the updates cannot go.
            await relay.StopAsync();
            var retry = time.TimerSetFor(time.GetUtcNow() + TimeSpan.FromSeconds(2));
            await e.PutRosterAsync(Roster.Replace("mentee,Eve Ng,eve@gsa.gov\n", "", StringComparison.Ordinal));
            after = await e.DaysAsync();
            await retry; // The sender tried, failed, and sleeps until the first retry.
            var waiting = await e.MailStatusAsync();
            waiting.GetProperty("queued").GetInt32().Should().BeGreaterThan(0);
            waiting.GetProperty("failures").EnumerateArray().Should().OnlyContain(f => f.GetProperty("error").GetString()!.StartsWith("Could not reach the relay", StringComparison.Ordinal));
        }

        // The app restarts (the queue is its table), the relay is back, and the retry falls due.
        await relay.StartAsync();
        time.Advance(TimeSpan.FromSeconds(2));
        using var restarted = new TestApp { DataFolder = folder, Time = time, Settings = relay.MailSettings(retrySeconds: 2) };
        restarted.Services.GetType(); // Starts the app, and with it the sender.
        var changed = after.Where(d => before[d.Key] != d.Value).Select(d => Addresses[d.Key]).ToList();
        var received = await relay.WaitForAsync(8 + changed.Count + 1);
        var later = received.Skip(8).ToList();

        changed.Should().NotBeEmpty();
        received.Select(m => m.Message.MessageId).Should().OnlyHaveUniqueItems("no message went twice");
        later.Where(m => m.Message.Subject!.StartsWith("Change to your itinerary", StringComparison.Ordinal)).SelectMany(m => m.Recipients)
            .Should().BeEquivalentTo(changed, "each changed person gets their update once");
        later.Where(m => m.Message.Subject!.StartsWith("No longer on the plan", StringComparison.Ordinal)).SelectMany(m => m.Recipients)
            .Should().Equal(["eve@gsa.gov"], "Eve, taken off the plan, is told once");
        later.Should().HaveCount(changed.Count + 1);
    }

    /// <summary>Moves one mentee by hand in one round to a table with a free seat whose mentor they do not meet.</summary>
    private static async Task MoveSomeoneAsync(MailedEvent e)
    {
        foreach (var mentee in new[] { "ann@va.gov", "ben@va.gov", "cy@gsa.gov", "dee@gsa.gov", "eve@gsa.gov" })
        {
            for (var table = 1; table <= 3; table++)
            {
                var moved = await e.Host.PostAsJsonAsync($"/api/events/{e.Id}/moves", new { mentee, round = 2, table });
                if (moved.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
        }

        throw new InvalidOperationException("No mentee could be moved by hand.");
    }
}
