using System.Text.Json;
using FlashMentoring.Web.Mail;

namespace FlashMentoring.Web.Tests.Mail;

public class RelayFailureTests
{
    // Eight mentors and seventeen mentees, all with e-mail: more than one batch.
    private static readonly string TwentyFive = "role,name,email\n" + string.Concat(Enumerable.Range(1, 8).Select(i => $"mentor,Mentor {i},mentor{i}@hhs.gov\n"))
                                                + string.Concat(Enumerable.Range(1, 17).Select(i => $"mentee,Mentee {i},mentee{i}@va.gov\n"));

    [Fact]
    public async Task ARelayThatOffersNoSignInWhenMailUserIsSetShowsOnEveryMessageAndIsRetriedLater()
    {
        // The test relay offers no AUTH: MailKit refuses to sign in with an exception no SMTP answer explains.
        await using var relay = await SmtpSink.StartAsync();
        var settings = relay.MailSettings();
        settings["Mail:User"] = "mentoring";
        settings["Mail:Password"] = "secret";
        using var app = new TestApp { Settings = settings };
        var e = await MailedEvent.PlanAsync(app);

        await e.InviteAsync();
        var status = await FailuresAsync(e, MailedEvent.Emails.Count);

        status.GetProperty("queued").GetInt32().Should().Be(MailedEvent.Emails.Count, "each waits for its retry");
        status.GetProperty("failures").EnumerateArray().Should().OnlyContain(f =>
            f.GetProperty("error").GetString()!.StartsWith("Could not sign in to the relay as Mail:User", StringComparison.Ordinal)
            && f.GetProperty("attempts").GetInt32() == 1, "the host sees why, once per attempt, not a silent loop");
        relay.Messages().Should().BeEmpty();
    }

    [Fact]
    public async Task ARelayThatCannotBeReachedCostsOneBatchAndTheRestOfTheQueueWaitsForItsRetry()
    {
        var roster = TwentyFive;
        var time = new TimerWatchingFakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Time = time, Settings = relay.MailSettings(retrySeconds: 2) };
        var e = await MailedEvent.PlanAsync(app, roster);
        await relay.StopAsync();

        var retry = time.TimerSetFor(time.GetUtcNow() + TimeSpan.FromSeconds(2));
        await e.InviteAsync();
        await retry; // The sender tried, failed, and sleeps until the retry.
        var status = await e.MailStatusAsync();

        status.GetProperty("queued").GetInt32().Should().Be(25);
        status.GetProperty("failures").EnumerateArray().Should().HaveCount(MailSender.BatchSize, "one batch found the relay gone; the others were not tried against it")
            .And.OnlyContain(f => f.GetProperty("error").GetString()!.StartsWith("Could not reach the relay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARelayThatGoesDownMidQueueAndComesBackDeliversEveryMessageExactlyOnce()
    {
        var time = new TimerWatchingFakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        // The relay takes 7 of the 25 invitations, then answers 421 (closing for maintenance) to each further one.
        await using var relay = await SmtpSink.StartAsync(take: 7);
        using var app = new TestApp { Time = time, Settings = relay.MailSettings(retrySeconds: 2) };
        var e = await MailedEvent.PlanAsync(app, TwentyFive);

        var retry = time.TimerSetFor(time.GetUtcNow() + TimeSpan.FromSeconds(2));
        await e.InviteAsync();
        var taken = await relay.WaitForAsync(7);
        await retry; // The sender met the 421s and sleeps until the retry.
        var midQueue = await e.MailStatusAsync();

        // The relay is restarted after its maintenance and takes everything; the retry falls due.
        await relay.StopAsync();
        await relay.StartAsync();
        time.Advance(TimeSpan.FromSeconds(2));
        var received = await relay.WaitForAsync(25);
        // The relay holds the last message a moment before the sender has written down that it went.
        var status = await StatusWhenAsync(e, s => s.GetProperty("queued").GetInt32() == 0);

        taken.Should().HaveCount(7, "the relay went down with 18 invitations still queued");
        midQueue.GetProperty("sent").GetInt32().Should().Be(7);
        midQueue.GetProperty("queued").GetInt32().Should().Be(18, "every message the relay did not take waits for its retry; none is given up");
        midQueue.GetProperty("failures").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(f => f.GetProperty("error").GetString()!.Contains("421", StringComparison.Ordinal),
            "the host console shows the relay's own answer");
        received.Should().HaveCount(25);
        received.Select(m => m.Message.MessageId).Should().OnlyHaveUniqueItems("no message went twice");
        received.SelectMany(m => m.Recipients).Should().BeEquivalentTo(Addresses(TwentyFive), "each person got their invitation, once");
        status.GetProperty("sent").GetInt32().Should().Be(25);
        status.GetProperty("queued").GetInt32().Should().Be(0, "nothing is left to go, so nothing can arrive a second time later");
        status.GetProperty("failed").GetInt32().Should().Be(0);
    }

    [Fact]
    public void AMailFromThatIsNoAddressStopsTheAppAtStartNamingTheSetting()
    {
        using var app = new TestApp { Settings = new() { ["Mail:Host"] = "127.0.0.1", ["Mail:From"] = "not an address" } };

        var start = () => app.CreateClient();

        start.Should().Throw<Exception>().Where(ex => ex.ToString().Contains("Mail:From must be one e-mail address", StringComparison.Ordinal));
    }

    private static List<string> Addresses(string roster) => roster.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[2]).ToList();

    /// <summary>Waits until the host console shows <paramref name="count"/> failures; the mail status then.</summary>
    private static Task<JsonElement> FailuresAsync(MailedEvent e, int count) => StatusWhenAsync(e, s => s.GetProperty("failures").GetArrayLength() >= count);

    /// <summary>Waits until the host console's mail status meets <paramref name="done"/>; that status.</summary>
    private static async Task<JsonElement> StatusWhenAsync(MailedEvent e, Func<JsonElement, bool> done)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var status = await e.MailStatusAsync();
            if (done(status))
            {
                return status;
            }

            // The sender works on its own thread, woken by the invitations: this waits for it, not for a clock.
            await Task.Delay(50, deadline.Token);
        }
    }
}
