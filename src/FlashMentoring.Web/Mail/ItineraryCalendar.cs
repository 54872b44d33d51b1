using System.Globalization;
using FlashMentoring.Core.Wording;
using FlashMentoring.Kits;
using FlashMentoring.Web.Data;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace FlashMentoring.Web.Mail;

/// <summary>
/// A person's day as an iCalendar file (RFC 5545): one VEVENT for the whole event and, when asked, one per round, in
/// the person's time zone (else the event's); an online round's video room is its LOCATION and URL. UIDs are stable
/// per event, person and round, and SEQUENCE is the person's calendar sequence (<see cref="Follow"/>), so a calendar
/// that already holds the event replaces it instead of adding a second. Its words (SUMMARY, LOCATION, DESCRIPTION) are in the person's
/// language, else the event's.
/// </summary>
public static class ItineraryCalendar
{
    /// <summary>The file name attachments and downloads use.</summary>
    public const string FileName = "flash-mentoring.ics";

    /// <summary>The calendar file's text.</summary>
    /// <param name="record">The event.</param>
    /// <param name="person">Who it is for (their id makes the UIDs, their sequence the SEQUENCE).</param>
    /// <param name="itinerary">Their rounds; null when they are not planned (the file then has the event only).</param>
    /// <param name="link">Their absolute personal link.</param>
    /// <param name="rounds">One VEVENT per round as well.</param>
    /// <param name="now">DTSTAMP: when the file was made.</param>
    /// <param name="texts">The language it is written in; null: the person's own, else the event's.</param>
    public static string Build(EventRecord record, PersonRecord person, PersonItinerary? itinerary, string link, bool rounds, DateTimeOffset now, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(person);
        texts ??= MailLanguage.For(record, person);
        var zone = itinerary is null ? MailItinerary.Zone(record) : itinerary.Zone;
        // The product id's last part is the language of the file's text (RFC 5545, 3.7.3).
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH", ProductId = $"-//FlashMentoring//Flash mentoring//{texts.Code.ToUpperInvariant()}" };
        if (zone is not null)
        {
            // The zone's rules from the event's year on, enough for every client to place the times.
            calendar.AddTimeZone(zone, Clocks.In(record.StartsAt, zone).DateTime.AddYears(-1), false);
        }

        CalDateTime At(DateTimeOffset t) =>
            zone is null ? new CalDateTime(t.UtcDateTime, CalDateTime.UtcTzId) : new CalDateTime(Clocks.In(t, zone).DateTime, zone);

        var stamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId);
        var uid = $"{record.Id:N}-{person.Id.ToString(CultureInfo.InvariantCulture)}";
        var first = itinerary?.First;
        // An online mentor's room is where the whole event happens for them; an online mentee's changes each round.
        var where = first is null ? null
            : first.Room is { } room && itinerary!.Mentor ? room
            : first.Room is not null ? texts.T("mail.calendar.online")
            : texts.T("common.table", ("n", first.Row.Table!.Value));
        calendar.Events.Add(new CalendarEvent
        {
            Uid = uid + "@flashmentoring",
            Summary = record.Title,
            Location = where,
            Url = where is not null && first?.Room == where ? new Uri(where) : null,
            Description = Describe(record, itinerary, link, texts),
            DtStart = At(record.StartsAt),
            DtEnd = At(MailItinerary.EventEnd(record)),
            DtStamp = stamp,
            Sequence = person.CalendarSequence,
        });

        if (rounds && itinerary is not null)
        {
            foreach (var round in itinerary.Rounds)
            {
                var number = round.Row.Round.ToString(CultureInfo.InvariantCulture);
                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{uid}-round-{number}@flashmentoring",
                    Summary = texts.T("mail.calendar.round", ("n", round.Row.Round), ("what", Letters.What(round, itinerary.Mentor, texts))),
                    Location = round.Room ?? (round.Row.Table is { } table ? texts.T("common.table", ("n", table)) : null),
                    Url = round.Room is { } roundRoom ? new Uri(roundRoom) : null,
                    Description = (round.Room is { } video ? texts.T("mail.room", ("room", video)) + "\n" : "") + texts.T("mail.calendar.link", ("link", link)),
                    DtStart = At(round.Starts),
                    DtEnd = At(round.Ends),
                    DtStamp = stamp,
                    Sequence = person.CalendarSequence,
                });
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// Raises the person's SEQUENCE when their itinerary differs from the one their last calendar file carried, and
    /// notes this one's: whichever way the plan changed, and whether the file goes by e-mail or from the phone, a
    /// calendar holding the old file takes the new one, and someone whose day did not change keeps their sequence.
    /// True when the person's row changed (the caller saves it).
    /// </summary>
    public static bool Follow(PersonRecord person, PersonItinerary? itinerary)
    {
        ArgumentNullException.ThrowIfNull(person);
        var signature = itinerary?.Signature ?? "";
        if (person.CalendarItinerary == signature)
        {
            return false;
        }

        if (person.CalendarItinerary is not null)
        {
            person.CalendarSequence++;
        }

        person.CalendarItinerary = signature;
        return true;
    }

    private static string Describe(EventRecord record, PersonItinerary? itinerary, string link, Texts texts)
    {
        var lines = new List<string> { texts.T("mail.calendar.linkDay", ("link", link)) };
        if (itinerary?.First is { } first)
        {
            lines.Add(itinerary.Mentor ? texts.T("mail.calendar.mentor", ("table", first.Row.Table)) : texts.T("mail.calendar.first", ("what", Letters.What(first, false, texts))));
            lines.AddRange(itinerary.Rounds.Select(r => r.Room is { } room
                ? Letters.Line(texts, "mail.calendar.lineRoom", r, Letters.What(r, itinerary.Mentor, texts), ("room", room))
                : Letters.Line(texts, "mail.line", r, Letters.What(r, itinerary.Mentor, texts))));
        }

        lines.Add(texts.T("mail.calendar.joinCode", ("code", record.JoinCode)));
        return string.Join('\n', lines);
    }
}
