using System.Net;
using System.Net.Http.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Tests.Registration;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Mail;

public class ReplanUpdateTests
{
    private const string Roster = MailedEvent.MovableRoster;

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

        await e.MoveSomeoneAsync();
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
        foreach (var (name, token) in await e.TokensAsync())
        {
            (await e.CalendarSequenceAsync(token)).Should().Be(changed.Contains(Addresses[name]) ? 1 : 0,
                "the phone's file for {0} is the one the mail carried: the change raised the sequence once, not once per way out", name);
        }
    }

    [Fact]
    public async Task TheHostCorrectingAMentorsEmailSendsNoUpdateToHerMentees()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var e = await MailedEvent.PlanAsync(app, Roster, rounds: 2);
        await e.InviteAsync();
        await relay.WaitForAsync(8);
        var monaId = await ReadAsync(app, db => db.People.Where(p => p.EventId == e.Id && p.Name == "Mona Lisa").Select(p => p.Id).SingleAsync());

        // A new e-mail is a new identity key for Mona, and the plan is read again: nobody's tables or company changed.
        var edited = await e.Host.PutAsJsonAsync($"/api/events/{e.Id}/people/{monaId}", new { name = "Mona Lisa", email = "mona.lisa@hhs.gov", role = "mentor" });
        edited.StatusCode.Should().Be(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        await MailedAsync(app, e.Id);
        var kinds = await ReadAsync(app, db => db.Mail.Where(m => m.EventId == e.Id).Select(m => m.Kind).ToListAsync());

        kinds.Should().NotContain("update", "a corrected address changes nobody's day");
        kinds.Should().HaveCount(8, "the invitations, and nothing since");
    }

    [Fact]
    public async Task ARegisteredPersonTakenOffThePlanByARosterUploadIsToldTheirLinkStillWorks()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Time = new FakeTimeProvider(RegistrationDriver.Now), Settings = relay.MailSettings() };
        var driver = await RegistrationDriver.OpenAsync(app, rounds: 2);
        foreach (var (name, email, role) in new[] { ("Mona Lisa", "mona@hhs.gov", "mentor"), ("Omar Khayyam", "omar@opm.gov", "mentor"), ("Ann Lee", "ann@va.gov", "mentee"), ("Ben Okafor", "ben@va.gov", "mentee") })
        {
            var registered = await driver.RegisterAsync(new { name, email, role, agency = "HHS", consent = true });
            registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        }

        const string Both = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\n";
        (await driver.Host.PutAsync($"/api/events/{driver.Id}/roster", new StringContent(Both, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await driver.Host.PostAsync($"/api/events/{driver.Id}/invitations", null)).EnsureSuccessStatusCode();

        // Ben is left off the next roster: registered, he keeps his row and link, unseated.
        (await driver.Host.PutAsync($"/api/events/{driver.Id}/roster", new StringContent(Both.Replace("mentee,Ben Okafor,ben@va.gov\n", "", StringComparison.Ordinal), System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        await MailedAsync(app, driver.Id);
        var removed = await ReadAsync(app, db => db.Mail.Where(m => m.EventId == driver.Id && m.Kind == "removed").ToListAsync());

        removed.Should().ContainSingle().Which.To.Should().Be("ben@va.gov");
        removed[0].Text.Should().Contain("not in the current plan").And.Contain("your personal link still works").And.NotContain("no longer works");
        removed[0].Calendar.Should().BeNull();
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

    private static async Task<T> ReadAsync<T>(TestApp app, Func<AppDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    /// <summary>Waits until the sender has looked at the event's current plan (its updates, if any, are queued by then).</summary>
    private static async Task MailedAsync(TestApp app, Guid id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await ReadAsync(app, db => db.Events.AnyAsync(x => x.Id == id && x.MailedPlanVersion == x.PlanVersion)))
        {
            // The sender works on its own thread, woken by the save: this waits for it, not for a clock.
            await Task.Delay(50, deadline.Token);
        }
    }
}
