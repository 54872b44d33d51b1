using System.Net;
using System.Net.Http.Json;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Mail;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Mail;

public class MailLanguageTests
{
    // Words that only an English message has: a Spanish one with any of them left a sentence untranslated.
    private static readonly string[] EnglishWords = ["Hello", "Round", "Table", "Your", "You ", "Tuesday", "December", "Eastern Time", "Video room", "a break"];

    [Fact]
    public async Task APersonWhoReadsSpanishGetsASpanishInvitationAndCalendarWhileTheEnglishPeopleOfTheSameEventGetEnglish()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var e = await MailedEvent.PlanAsync(app);
        await ChangeAsync(app, e.Id, record => record.TimeZone = "America/New_York", ("Ann Lee", "es"));

        await e.InviteAsync();
        var received = await relay.WaitForAsync(MailedEvent.Emails.Count);
        var ann = received.Single(m => m.Recipients.Contains("ann@va.gov"));
        var ben = received.Single(m => m.Recipients.Contains("ben@va.gov"));

        ann.Message.Subject.Should().Be("Spring Flash Mentoring, martes, 1 de diciembre de 2026: su mesa y su enlace");
        ann.Text.Should().StartWith("Hola, Ann Lee:")
            .And.Contain("Le invitamos a Spring Flash Mentoring, el martes, 1 de diciembre de 2026, de 9:00 a 9:51, hora del Este (America/New_York).")
            .And.Contain("Su itinerario (horario: hora del Este (America/New_York)):")
            .And.Contain("Ronda 3, 9:34: ")
            .And.Contain($"escriba el código {e.JoinCode}")
            .And.MatchRegex(@"Su primera mesa: Mesa \d con [A-Z][a-z]+ [A-Z][a-z]+, en la \d\.ª ronda \(9:\d\d\)\.", "an ordinal reads naturally in Spanish");
        ann.Text.Should().NotContainAny(EnglishWords).And.NotMatchRegex(@"\d:\d\d [AP]M", "Spanish clocks run to 24 hours");
        var annsCalendar = ann.CalendarText()!;
        var annsDay = Calendar.Load(annsCalendar)!;
        annsDay.Events.Where(v => v.Uid!.Contains("-round-", StringComparison.Ordinal)).Select(v => v.Summary)
            .Should().HaveCount(3).And.AllSatisfy(s => s.Should().MatchRegex(@"^Ronda \d: (Mesa \d con .+|un descanso)$"));
        annsDay.Events.Single(v => !v.Uid!.Contains("-round-", StringComparison.Ordinal)).Description.Should().Contain("Su enlace personal (su mesa, ronda por ronda):")
            .And.Contain($"Código para unirse: {e.JoinCode}").And.Contain("Ronda 1, 9:00:");
        annsCalendar.Should().Contain("BEGIN:VTIMEZONE", "the calendar's structure stays what it was").And.Contain("METHOD:PUBLISH");
        annsCalendar.Should().NotContainAny(EnglishWords);

        ben.Message.Subject.Should().Be("Spring Flash Mentoring, Tuesday, December 1, 2026: your table and link");
        ben.Text.Should().StartWith("Hello Ben Okafor,")
            .And.Contain("You are invited to Spring Flash Mentoring on Tuesday, December 1, 2026, 9:00 AM to 9:51 AM, Eastern Time (America/New_York).")
            .And.Contain("Round 3, 9:34 AM: ");
        Calendar.Load(ben.CalendarText()!)!.Events.Where(v => v.Uid!.Contains("-round-", StringComparison.Ordinal))
            .Should().OnlyContain(v => v.Summary!.StartsWith("Round ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InASpanishEventEveryoneWithoutALanguageOfTheirOwnIsMailedInSpanishUpdatesAndFarewellsToo()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var e = await MailedEvent.PlanAsync(app);
        (await e.Host.PutAsJsonAsync($"/api/events/{e.Id}/language", new { language = "es" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await ChangeAsync(app, e.Id, _ => { }, ("Mona Lisa", "en"));

        await e.InviteAsync();
        var invitations = await relay.WaitForAsync(MailedEvent.Emails.Count);
        var before = await e.DaysAsync();
        await e.PutRosterAsync(MailedEvent.Roster.Replace("mentee,Dee Walker,dee@gsa.gov\n", "", StringComparison.Ordinal));
        var after = await e.DaysAsync();
        var changed = after.Count(d => d.Key != "Nia Nomail" && before[d.Key] != d.Value);
        var later = (await relay.WaitForAsync(invitations.Count + 1 + changed)).Skip(invitations.Count).ToList();

        foreach (var invitation in invitations.Where(m => !m.Recipients.Contains("mona@hhs.gov")))
        {
            invitation.Message.Subject.Should().Contain("martes, 1 de diciembre de 2026");
            invitation.Text.Should().StartWith("Hola, ").And.Contain("de 9:00 a 9:51, UTC-05:00").And.NotContainAny(EnglishWords);
        }

        var mona = invitations.Single(m => m.Recipients.Contains("mona@hhs.gov"));
        mona.Text.Should().StartWith("Hello Mona Lisa,", "her own language wins over the event's").And.MatchRegex(@"Round 1, 9:00 AM: Table \d, \d mentees?");
        var farewell = later.Single(m => m.Recipients.Contains("dee@gsa.gov"));
        farewell.Message.Subject.Should().Be("Ya no está en el plan de rotación: Spring Flash Mentoring, martes, 1 de diciembre de 2026");
        farewell.Text.Should().StartWith("Hola:").And.Contain("puede borrar el evento de su calendario").And.NotContainAny(EnglishWords);
        foreach (var update in later.Where(m => !m.Recipients.Contains("dee@gsa.gov") && !m.Recipients.Contains("mona@hhs.gov")))
        {
            update.Message.Subject.Should().StartWith("Cambio en su itinerario: Spring Flash Mentoring");
            update.Text.Should().Contain("cambió, y también su itinerario").And.Contain(": ahora ").And.NotContainAny(EnglishWords);
        }
    }

    [Fact]
    public async Task ACalendarFileDownloadedFromASpanishPhoneIsInSpanishUnlessThePersonChoseEnglish()
    {
        using var app = new TestApp();
        var e = await MailedEvent.PlanAsync(app);
        await ChangeAsync(app, e.Id, _ => { }, ("Ben Okafor", "en"));
        var tokens = await e.TokensAsync();

        var ann = await DownloadAsync(app, tokens["Ann Lee"], "es-MX,es;q=0.9");
        var ben = await DownloadAsync(app, tokens["Ben Okafor"], "es-MX,es;q=0.9");

        ann.Events.Where(v => v.Uid!.Contains("-round-", StringComparison.Ordinal)).Should().OnlyContain(v => v.Summary!.StartsWith("Ronda ", StringComparison.Ordinal));
        ann.Events.Single(v => !v.Uid!.Contains("-round-", StringComparison.Ordinal)).Description.Should().StartWith("Su enlace personal");
        ben.Events.Where(v => v.Uid!.Contains("-round-", StringComparison.Ordinal)).Should().OnlyContain(v => v.Summary!.StartsWith("Round ", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRegistrationConfirmationIsInThePersonsLanguageElseTheEvents()
    {
        var record = new EventRecord { Title = "Spring Flash Mentoring", Format = "open", HostKeyHash = [], JoinCode = "ABC234", StartsAt = new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.FromHours(-5)), TimeZone = "America/New_York" };

        var spanish = Letters.Confirmation(record, "Ana Ruiz", "https://mentoring.agency.gov/profile#t=abc", choosesMentors: true, language: "es");
        var english = Letters.Confirmation(record, "Ann Lee", "https://mentoring.agency.gov/profile#t=def", choosesMentors: true);
        record.Language = "es";
        var pending = Letters.PendingChange(record, "Ana Ruiz", "https://mentoring.agency.gov/profile#t=abc");

        spanish.Subject.Should().Be("Inscripción recibida: Spring Flash Mentoring");
        spanish.Text.Should().StartWith("Hola, Ana Ruiz:").And.Contain("jueves, 10 de diciembre de 2026, de 9:00 a")
            .And.Contain("elegir a los mentores que más quiere conocer").And.NotContainAny(EnglishWords);
        english.Text.Should().StartWith("Hello Ann Lee,").And.Contain("Thursday, December 10, 2026, 9:00 AM to");
        pending.Subject.Should().Be("Confirme sus nuevos datos: Spring Flash Mentoring", "the event speaks Spanish and Ana chose no language");
    }

    private static async Task ChangeAsync(TestApp app, Guid id, Action<EventRecord> change, params (string Name, string Language)[] people)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        change(await db.Events.SingleAsync(r => r.Id == id));
        foreach (var (name, language) in people)
        {
            (await db.People.SingleAsync(p => p.EventId == id && p.Name == name)).Language = language;
        }

        await db.SaveChangesAsync();
    }

    private static async Task<Calendar> DownloadAsync(TestApp app, string token, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/calendar.ics?rounds=true");
        request.Headers.Add("X-Person-Token", token);
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        var answer = await app.CreateClient().SendAsync(request);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return Calendar.Load(await answer.Content.ReadAsStringAsync())!;
    }
}
