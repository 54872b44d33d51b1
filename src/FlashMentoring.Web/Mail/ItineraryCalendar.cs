using System.Globalization;
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
/// per event, person and round, and SEQUENCE is the person's calendar sequence, so a calendar that already holds the
/// event replaces it instead of adding a second.
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
    public static string Build(EventRecord record, PersonRecord person, PersonItinerary? itinerary, string link, bool rounds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(person);
        var zone = itinerary is null ? MailItinerary.Zone(record) : itinerary.Zone;
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH", ProductId = "-//FlashMentoring//Flash mentoring//EN" };
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
            : first.Room is not null ? "Online: a video room each round"
            : "Table " + first.Row.Table!.Value.ToString(CultureInfo.InvariantCulture);
        calendar.Events.Add(new CalendarEvent
        {
            Uid = uid + "@flashmentoring",
            Summary = record.Title,
            Location = where,
            Url = where is not null && first?.Room == where ? new Uri(where) : null,
            Description = Describe(record, itinerary, link),
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
                    Summary = $"Round {number}: {What(round, itinerary.Mentor)}",
                    Location = round.Room ?? (round.Row.Table is { } table ? "Table " + table.ToString(CultureInfo.InvariantCulture) : null),
                    Url = round.Room is { } roundRoom ? new Uri(roundRoom) : null,
                    Description = (round.Room is { } video ? $"Video room: {video}\n" : "") + "Your personal link: " + link,
                    DtStart = At(round.Starts),
                    DtEnd = At(round.Ends),
                    DtStamp = stamp,
                    Sequence = person.CalendarSequence,
                });
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>"Table 7 with Mona Lisa"; for a mentor "Table 7, 4 mentees"; "a break" when not seated.</summary>
    public static string What(TimedRound round, bool mentor)
    {
        ArgumentNullException.ThrowIfNull(round);
        var row = round.Row;
        if (row.Table is not { } table)
        {
            return "a break";
        }

        var at = "Table " + table.ToString(CultureInfo.InvariantCulture);
        return mentor ? $"{at}, {row.Summary}" : $"{at} with {row.Mentor}";
    }

    private static string Describe(EventRecord record, PersonItinerary? itinerary, string link)
    {
        var lines = new List<string> { "Your personal link (your table, round by round): " + link };
        if (itinerary?.First is { } first)
        {
            lines.Add(itinerary.Mentor ? $"You host Table {first.Row.Table}." : $"Your first table: {What(first, false)}.");
            lines.AddRange(itinerary.Rounds.Select(r => $"{r.Row.Label}, {MailItinerary.Time(r.Starts)}: {What(r, itinerary.Mentor)}" + (r.Room is { } room ? $" - video room: {room}" : "")));
        }

        lines.Add($"Join code: {record.JoinCode}");
        return string.Join('\n', lines);
    }
}
