using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Data;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Mail;

public class InvitationTests
{
    [Fact]
    public async Task InvitationsReachEveryPlannedPersonWithAnEmailEachWithTheirOwnLinkItineraryAndCalendarFile()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var e = await MailedEvent.PlanAsync(app);

        var answer = await e.InviteAsync();
        var received = await relay.WaitForAsync(MailedEvent.Emails.Count);
        var tokens = await e.TokensAsync();
        var status = await e.MailStatusAsync();

        answer.GetProperty("queued").GetInt32().Should().Be(6);
        answer.GetProperty("skipped").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()}: {s.GetProperty("reason").GetString()}")
            .Should().Equal(["Nia Nomail: no e-mail"], "the one person without an address is named, so the host can hand her the link");
        received.SelectMany(m => m.Recipients).Should().BeEquivalentTo(MailedEvent.Emails.Keys, "one message each, to everyone planned with an e-mail and nobody else");
        foreach (var message in received)
        {
            var to = message.Recipients.Single();
            var name = MailedEvent.Emails[to];
            message.Message.From.ToString().Should().Be("\"Flash mentoring\" <mentoring@agency.gov>");
            message.Message.Subject.Should().Contain("Spring Flash Mentoring").And.Contain("December 1, 2026");
            message.Text.Should().StartWith($"Hello {name},").And.Contain("9:00 AM").And.Contain("Round 3").And.Contain(e.JoinCode);
            // Their own link, absolute, which opens their own phone view.
            var link = System.Text.RegularExpressions.Regex.Match(message.Text, @"https?://\S+/me#t=(\S+)");
            link.Success.Should().BeTrue(message.Text);
            link.Groups[1].Value.Should().Be(tokens[name], $"{name}'s message carries {name}'s link");
            var phone = await e.PhoneAsync(link.Groups[1].Value);
            phone.GetProperty("name").GetString().Should().Be(name);
            var first = phone.GetProperty("rounds").EnumerateArray().First(r => r.GetProperty("table").ValueKind == JsonValueKind.Number);
            message.Text.Should().Contain(phone.GetProperty("role").GetString() == "mentor" ? $"You host Table {first.GetProperty("table")}" : $"Your first table: Table {first.GetProperty("table")} with {first.GetProperty("mentor").GetString()}");

            message.Calendar!.FileName.Should().Be("flash-mentoring.ics");
            message.Calendar.ContentType.Parameters["method"].Should().Be("PUBLISH");
            var calendar = Calendar.Load(message.CalendarText()!)!;
            calendar.Method.Should().Be("PUBLISH");
            calendar.Events.Should().HaveCount(4, "the whole event and each of its three rounds");
            calendar.Events.Should().OnlyContain(v => v.Description == null || v.Description.Contains(tokens[name]));
        }

        status.GetProperty("enabled").GetBoolean().Should().BeTrue();
        status.GetProperty("sent").GetInt32().Should().Be(6);
        status.GetProperty("queued").GetInt32().Should().Be(0);
        status.GetProperty("invited").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task PythonsStandardParserReadsTheInvitationAndItsCalendarPart()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var e = await MailedEvent.PlanAsync(app);
        await e.InviteAsync();
        var message = (await relay.WaitForAsync(MailedEvent.Emails.Count)).First(m => m.Recipients.Contains("ann@va.gov"));

        var parsed = await SmtpSink.PythonParse(message, """
            import email, email.policy, sys
            m = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
            print("to=" + str(m["To"]))
            print("body=" + m.get_body(preferencelist=("plain",)).get_content().splitlines()[0])
            for part in m.iter_attachments():
                print("part=%s;%s;%s" % (part.get_content_type(), part.get_filename(), part.get_param("method")))
                text = part.get_content()
                print("vevents=%d" % text.count("BEGIN:VEVENT"))
                print("start=" + [l for l in text.splitlines() if l.startswith("DTSTART")][0])
            """);

        parsed.Should().Contain("to=Ann Lee <ann@va.gov>")
            .And.Contain("body=Hello Ann Lee,")
            .And.Contain("part=text/calendar;flash-mentoring.ics;PUBLISH")
            .And.Contain("vevents=4")
            .And.Contain("start=DTSTART:20261201T140000Z", "without a time zone set, the calendar's times are UTC");
    }

    [Fact]
    public async Task ARecipientTheRelayRefusesShowsOnTheHostConsoleWithTheRelaysReasonAndTheOthersStillGo()
    {
        await using var relay = await SmtpSink.StartAsync(refuse: "bounce");
        using var app = new TestApp { Settings = relay.MailSettings() };
        var e = await MailedEvent.PlanAsync(app, MailedEvent.Roster.Replace("dee@gsa.gov", "bounce@gsa.gov", StringComparison.Ordinal));

        await e.InviteAsync();
        var received = await relay.WaitForAsync(5);
        var status = await Eventually(e.MailStatusAsync, s => s.GetProperty("failed").GetInt32() == 1);

        received.SelectMany(m => m.Recipients).Should().NotContain("bounce@gsa.gov").And.HaveCount(5);
        status.GetProperty("sent").GetInt32().Should().Be(5);
        var failure = status.GetProperty("failures").EnumerateArray().Single();
        failure.GetProperty("to").GetString().Should().Be("bounce@gsa.gov");
        failure.GetProperty("name").GetString().Should().Be("Dee Walker");
        failure.GetProperty("kind").GetString().Should().Be("invitation");
        failure.GetProperty("error").GetString().Should().Contain("550").And.Contain("No mailbox by that name", "the host reads the relay's own reason");
        failure.GetProperty("nextAttemptAt").ValueKind.Should().Be(JsonValueKind.Null, "a 550 is final: it is not retried");
    }

    [Fact]
    public async Task WithoutMailSettingsTheConsoleSaysWhichSettingsToSetAndNothingIsQueued()
    {
        using var app = new TestApp();
        var e = await MailedEvent.PlanAsync(app);

        var status = await e.MailStatusAsync();
        var invite = await e.Host.PostAsync($"/api/events/{e.Id}/invitations", null);
        var problem = await invite.Content.ReadFromJsonAsync<JsonElement>();
        await using var scope = app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<AppDb>().Mail.CountAsync();

        status.GetProperty("enabled").GetBoolean().Should().BeFalse();
        status.GetProperty("reason").GetString().Should().Contain("Mail:Host").And.Contain("Mail:From");
        invite.StatusCode.Should().Be(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should().Contain("Mail:Host");
        queued.Should().Be(0);
        (await e.MailStatusAsync()).GetProperty("invited").ValueKind.Should().Be(JsonValueKind.Null, "nothing was sent, so the plan is not published");
    }

    /// <summary>Asks again until <paramref name="done"/> holds (the sender records a refusal after the relay said it).</summary>
    internal static async Task<JsonElement> Eventually(Func<Task<JsonElement>> ask, Func<JsonElement, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var now = await ask();
            if (done(now) || clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                return now;
            }

            await Task.Delay(50);
        }
    }
}
