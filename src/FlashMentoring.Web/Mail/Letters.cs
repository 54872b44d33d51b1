using System.Text;
using FlashMentoring.Core.Wording;
using FlashMentoring.Kits;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;

namespace FlashMentoring.Web.Mail;

/// <summary>A message's subject and plain-text body.</summary>
public sealed record Letter(string Subject, string Text);

/// <summary>
/// What the e-mails say: the invitation (link, first table, whole itinerary, join code), the short update after a
/// re-plan, and the note to someone taken off the plan. Plain text, short sentences, in the reader's language (their
/// own, else the event's: <see cref="MailLanguage"/>); an itinerary's times on the person's own clock (their time zone,
/// else the event's), and the video room of each round for someone online.
/// </summary>
public static class Letters
{
    /// <summary>To a new registrant: their personal link, to check their profile (and, for a mentee, choose mentors).</summary>
    /// <param name="language">The person's own language; null: the event's.</param>
    public static Letter Confirmation(EventRecord record, string name, string link, bool choosesMentors, string? language = null)
    {
        var texts = MailLanguage.For(record, language);
        var text = Greeting(record, name, texts);
        Paragraph(text, texts.T("mail.confirmation.registered", ("title", record.Title), ("when", When(record, texts))));
        Paragraph(text, texts.T("mail.confirmation.link") + "\n" + link);
        Paragraph(text, texts.T(choosesMentors ? "mail.confirmation.openMentee" : "mail.confirmation.open"));
        text.Append(texts.T("mail.confirmation.notYou")).Append('\n');
        return new Letter(texts.T("mail.confirmation.subject", ("title", record.Title)), text.ToString());
    }

    /// <summary>To a registrant whose e-mail was used to send the form again: the new details wait for their confirmation.</summary>
    /// <param name="language">The person's own language; null: the event's.</param>
    public static Letter PendingChange(EventRecord record, string name, string link, string? language = null)
    {
        var texts = MailLanguage.For(record, language);
        var text = Greeting(record, name, texts);
        text.Append(texts.T("mail.pending.sent", ("title", record.Title), ("when", When(record, texts)))).Append("\n\n");
        Paragraph(text, link);
        text.Append(texts.T("mail.pending.notYou")).Append('\n');
        return new Letter(texts.T("mail.pending.subject", ("title", record.Title)), text.ToString());
    }

    /// <summary>The invitation: everything a person needs on the day, with their link.</summary>
    public static Letter Invitation(EventRecord record, string name, PersonItinerary itinerary, string link, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(itinerary);
        ArgumentNullException.ThrowIfNull(texts);
        var text = Greeting(record, name, texts);
        Paragraph(text, texts.T("mail.invitation.invited", ("title", record.Title), ("when", When(record, texts, itinerary.Zone))));
        text.Append(texts.T(itinerary.Online ? "mail.invitation.online" : "mail.invitation.inPerson")).Append('\n');
        text.Append(link).Append('\n');
        Paragraph(text, texts.T("mail.invitation.private"));
        Paragraph(text, First(itinerary, texts));
        text.Append(texts.T("mail.invitation.itinerary", ("zone", MailItinerary.ZoneName(record, itinerary.Zone, texts)))).Append('\n');
        foreach (var round in itinerary.Rounds)
        {
            text.Append("  ").Append(Line(texts, "mail.line", round, Round(round, itinerary.Mentor, texts))).Append('\n').Append(Room(round, itinerary.Mentor, texts));
        }

        text.Append('\n').Append(texts.T("mail.invitation.lost", ("code", record.JoinCode))).Append('\n');
        text.Append(texts.T("mail.invitation.calendar")).Append('\n');
        var subject = itinerary.Online ? "mail.invitation.subjectRooms" : "mail.invitation.subjectTable";
        return new Letter(texts.T(subject, ("title", record.Title), ("day", Day(record, texts, itinerary.Zone))), text.ToString());
    }

    /// <summary>The update after a re-plan: the rounds that changed, the first table, the link.</summary>
    public static Letter Update(EventRecord record, string name, PersonItinerary itinerary, string link, IReadOnlyList<(int Round, int OldTable)> changed, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(itinerary);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(texts);
        var text = Greeting(record, name, texts);
        text.Append(texts.T("mail.update.changed", ("title", record.Title), ("when", When(record, texts, itinerary.Zone)))).Append('\n');
        foreach (var (number, oldTable) in changed)
        {
            var round = itinerary.Rounds[number - 1];
            var now = Round(round, itinerary.Mentor, texts);
            // A mentor keeps their table; what changed is who comes, which the line already lists.
            var line = round.Row.Table == oldTable
                ? Line(texts, "mail.update.line", round, now)
                : Line(texts, "mail.update.lineWas", round, now, ("was", oldTable == 0 ? texts.T("mail.what.break") : texts.T("common.table", ("n", oldTable))));
            text.Append("  ").Append(line).Append('\n').Append(Room(round, itinerary.Mentor, texts));
        }

        text.Append('\n').Append(First(itinerary, texts)).Append("\n\n");
        text.Append(texts.T("mail.update.link")).Append('\n').Append(link).Append('\n');
        text.Append(texts.T("mail.update.calendar")).Append('\n');
        return new Letter(texts.T("mail.update.subject", ("title", record.Title), ("day", Day(record, texts, itinerary.Zone))), text.ToString());
    }

    /// <summary>To someone invited earlier whom the plan no longer has.</summary>
    /// <param name="record">The event.</param>
    /// <param name="registered">They are still registered (a roster upload keeps registered people, unseated): their link still works.</param>
    /// <param name="texts">Their language.</param>
    public static Letter Removed(EventRecord record, bool registered, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(texts);
        var hello = texts.T("mail.helloNoName") + "\n\n";
        var when = When(record, texts);
        var day = Day(record, texts);
        if (registered)
        {
            // Their row and link stay: telling them the link is dead, or to drop the event, would be untrue.
            var kept = hello + texts.T("mail.removed.kept", ("title", record.Title), ("when", when)) + "\n\n" + texts.T("mail.removed.questions") + "\n";
            return new Letter(texts.T("mail.removed.keptSubject", ("title", record.Title), ("day", day)), kept);
        }

        var text = hello + texts.T("mail.removed.gone", ("title", record.Title), ("when", when)) + "\n\n" + texts.T("mail.removed.mistake") + "\n";
        return new Letter(texts.T("mail.removed.goneSubject", ("title", record.Title), ("day", day)), text);
    }

    /// <summary>"Table 7 with Mona Lisa"; for a mentor "Table 7, 4 mentees"; "a break" when not seated.</summary>
    public static string What(TimedRound round, bool mentor, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(texts);
        var row = round.Row;
        if (row.Table is not { } table)
        {
            return texts.T("mail.what.break");
        }

        return mentor
            ? texts.T("mail.what.mentor", ("table", table), ("mentees", texts.Plural("mail.mentees", row.With.Count)))
            : texts.T("mail.what.mentee", ("table", table), ("mentor", row.Mentor));
    }

    /// <summary>"Round 2, 9:17 AM: ..." from a text with {n}, {time} and {what}.</summary>
    internal static string Line(Texts texts, string key, TimedRound round, string what, params (string Name, object? Value)[] more) =>
        texts.T(key, [("n", round.Row.Round), ("time", MailItinerary.Time(round.Starts, texts.Culture)), ("what", what), .. more]);

    private static StringBuilder Greeting(EventRecord record, string name, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new StringBuilder().Append(texts.T("mail.hello", ("name", name))).Append("\n\n");
    }

    private static void Paragraph(StringBuilder text, string paragraph) => text.Append(paragraph).Append("\n\n");

    private static string Day(EventRecord record, Texts texts, string? zone = null) =>
        MailItinerary.Date(Clocks.In(record.StartsAt, zone ?? MailItinerary.Zone(record)), texts.Culture);

    // "Tuesday, December 1, 2026, 9:00 AM to 10:42 AM, Eastern Time (America/New_York)", on the reader's clock when
    // their itinerary gives one.
    private static string When(EventRecord record, Texts texts, string? zone = null)
    {
        zone ??= MailItinerary.Zone(record);
        var start = Clocks.In(record.StartsAt, zone);
        return texts.T("mail.when",
            ("date", MailItinerary.Date(start, texts.Culture)),
            ("start", MailItinerary.Time(start, texts.Culture)),
            ("end", MailItinerary.Time(Clocks.In(MailItinerary.EventEnd(record), zone), texts.Culture)),
            ("zone", MailItinerary.ZoneName(record, zone, texts)));
    }

    // The room on a line of its own: links are long, and a mail reader makes a link clickable only when it stands alone.
    // A mentor's room is the same all event and is given once, with their table.
    private static string Room(TimedRound round, bool mentor, Texts texts) =>
        round.Room is { } room && !mentor ? "      " + texts.T("mail.room", ("room", room)) + "\n" : "";

    private static string First(PersonItinerary itinerary, Texts texts) => itinerary.First switch
    {
        null => texts.T("mail.first.none"),
        var first when itinerary.Mentor && first.Room is { } room => texts.T("mail.first.mentorOnline", ("table", first.Row.Table)) + "\n" + room,
        var first when itinerary.Mentor => texts.T("mail.first.mentor", ("table", first.Row.Table)),
        var first => texts.T("mail.first.mentee", ("table", first.Row.Table), ("mentor", first.Row.Mentor), ("ordinal", texts.Ordinal(first.Row.Round, feminine: true)),
                         ("time", MailItinerary.Time(first.Starts, texts.Culture))) +
                     (first.Room is { } room ? " " + texts.T("mail.first.room") + "\n" + room : ""),
    };

    private static string Round(TimedRound round, bool mentor, Texts texts)
    {
        var row = round.Row;
        if (row.Table is null)
        {
            return texts.T("mail.what.break");
        }

        return mentor && row.With.Count > 0
            ? texts.T("mail.what.mentorWith", ("what", What(round, mentor, texts)), ("names", string.Join(", ", row.With)))
            : What(round, mentor, texts);
    }
}

/// <summary>Which language a person's e-mails and calendar file speak: their own when they chose one, else the event's.</summary>
public static class MailLanguage
{
    /// <summary>The texts for <paramref name="person"/> at <paramref name="record"/>'s event.</summary>
    public static Texts For(EventRecord record, PersonRecord? person) => For(record, person?.Language);

    /// <summary>The texts for someone whose own language is <paramref name="language"/> (null: none chosen).</summary>
    public static Texts For(EventRecord record, string? language)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Texts.For(Languages.Clean(language) ?? Languages.Clean(record.Language) ?? Texts.Default);
    }
}
