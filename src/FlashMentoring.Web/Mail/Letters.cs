using System.Globalization;
using System.Text;
using FlashMentoring.Kits;
using FlashMentoring.Web.Data;

namespace FlashMentoring.Web.Mail;

/// <summary>A message's subject and plain-text body.</summary>
public sealed record Letter(string Subject, string Text);

/// <summary>
/// What the e-mails say: the invitation (link, first table, whole itinerary, join code), the short update after a
/// re-plan, and the note to someone taken off the plan. Plain text, short sentences; an itinerary's times on the
/// person's own clock (their time zone, else the event's), and the video room of each round for someone online.
/// </summary>
public static class Letters
{
    /// <summary>To a new registrant: their personal link, to check their profile (and, for a mentee, choose mentors).</summary>
    public static Letter Confirmation(EventRecord record, string name, string link, bool choosesMentors)
    {
        var text = Greeting(record, name);
        text.Append(CultureInfo.InvariantCulture, $"You are registered for {record.Title} on {When(record)}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Your personal link:\n{link}\n\nOpen it to check or change your profile");
        text.Append(choosesMentors ? " and to choose the mentors you would most like to meet" : "");
        text.Append(". Keep it to yourself: anyone with the link can change your profile.\n\n");
        text.Append("If you did not register, tell the organiser, or ignore this e-mail.\n");
        return new Letter($"You are registered: {record.Title}", text.ToString());
    }

    /// <summary>To a registrant whose e-mail was used to send the form again: the new details wait for their confirmation.</summary>
    public static Letter PendingChange(EventRecord record, string name, string link)
    {
        var text = Greeting(record, name);
        text.Append(CultureInfo.InvariantCulture, $"The registration form for {record.Title} on {When(record)} was sent again with this e-mail address. ");
        text.Append(CultureInfo.InvariantCulture, $"The new details wait for you: open your personal link to see them, then confirm or discard them.\n\n{link}\n\n");
        text.Append("If it was not you, discard them: nothing changes until you confirm.\n");
        return new Letter($"Confirm your new details: {record.Title}", text.ToString());
    }

    /// <summary>The invitation: everything a person needs on the day, with their link.</summary>
    public static Letter Invitation(EventRecord record, string name, PersonItinerary itinerary, string link)
    {
        ArgumentNullException.ThrowIfNull(itinerary);
        var text = Greeting(record, name);
        text.Append(CultureInfo.InvariantCulture, $"You are invited to {record.Title} on {When(record, itinerary.Zone)}.\n\n");
        text.Append(itinerary.Online
            ? "You take part online. Your personal link shows the video room to open, round by round, on your laptop or phone:\n"
            : "Your personal link shows your table, round by round, on your phone:\n");
        text.Append(link).Append('\n');
        text.Append("Keep it to yourself: it opens your own itinerary.\n\n");
        text.Append(First(itinerary)).Append(CultureInfo.InvariantCulture, $"\n\nYour itinerary (times are {MailItinerary.ZoneName(record, itinerary.Zone)}):\n");
        foreach (var round in itinerary.Rounds)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {round.Row.Label}, {MailItinerary.Time(round.Starts)}: {Round(round, itinerary.Mentor)}\n").Append(Room(round, itinerary.Mentor));
        }

        text.Append(CultureInfo.InvariantCulture, $"\nLost the link? Open the join page at the event and enter the code {record.JoinCode}.\n");
        text.Append("The attached calendar file puts the event and each round in your calendar.\n");
        return new Letter($"{record.Title}, {Day(record, itinerary.Zone)}: your {(itinerary.Online ? "rooms" : "table")} and link", text.ToString());
    }

    /// <summary>The update after a re-plan: the rounds that changed, the first table, the link.</summary>
    public static Letter Update(EventRecord record, string name, PersonItinerary itinerary, string link, IReadOnlyList<(int Round, int OldTable)> changed)
    {
        ArgumentNullException.ThrowIfNull(itinerary);
        ArgumentNullException.ThrowIfNull(changed);
        var text = Greeting(record, name);
        text.Append(CultureInfo.InvariantCulture, $"The plan for {record.Title} on {When(record, itinerary.Zone)} changed, and so did your itinerary:\n");
        foreach (var (number, oldTable) in changed)
        {
            var round = itinerary.Rounds[number - 1];
            var was = oldTable == 0 ? "a break" : "Table " + oldTable.ToString(CultureInfo.InvariantCulture);
            var now = Round(round, itinerary.Mentor);
            text.Append(CultureInfo.InvariantCulture, $"  {round.Row.Label}, {MailItinerary.Time(round.Starts)}: now {now}");
            // A mentor keeps their table; what changed is who comes, which the line already lists.
            text.Append(round.Row.Table == oldTable ? "\n" : $" (was {was})\n").Append(Room(round, itinerary.Mentor));
        }

        text.Append('\n').Append(First(itinerary)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"\nYour personal link always shows the latest plan:\n{link}\n");
        text.Append("The attached calendar file replaces the one you had.\n");
        return new Letter($"Change to your itinerary: {record.Title}, {Day(record, itinerary.Zone)}", text.ToString());
    }

    /// <summary>To someone invited earlier whom the plan no longer has.</summary>
    /// <param name="record">The event.</param>
    /// <param name="registered">They are still registered (a roster upload keeps registered people, unseated): their link still works.</param>
    public static Letter Removed(EventRecord record, bool registered)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (registered)
        {
            // Their row and link stay: telling them the link is dead, or to drop the event, would be untrue.
            var kept = $"Hello,\n\nYou are not in the current plan for {record.Title} on {When(record)}. " +
                       "The host will plan again before the event, and your personal link still works: it shows your tables once you are planned.\n\n" +
                       "If you have questions, reply to the host.\n";
            return new Letter($"Not in the current plan: {record.Title}, {Day(record)}", kept);
        }

        var text = $"Hello,\n\nYou are no longer on the plan for {record.Title} on {When(record)}. " +
                   "The personal link we sent you no longer works, and you can delete the event from your calendar.\n\n" +
                   "If this is a mistake, reply to the host or come anyway: walk-ins get a seat at the door.\n";
        return new Letter($"No longer on the plan: {record.Title}, {Day(record)}", text);
    }

    private static StringBuilder Greeting(EventRecord record, string name)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new StringBuilder().Append(CultureInfo.InvariantCulture, $"Hello {name},\n\n");
    }

    private static string Day(EventRecord record, string? zone = null) => MailItinerary.Date(Clocks.In(record.StartsAt, zone ?? MailItinerary.Zone(record)));

    // "Tuesday, December 1, 2026, 9:00 AM to 10:42 AM, Eastern Time (America/New_York)", on the reader's clock when
    // their itinerary gives one.
    private static string When(EventRecord record, string? zone = null)
    {
        zone ??= MailItinerary.Zone(record);
        var start = Clocks.In(record.StartsAt, zone);
        return $"{MailItinerary.Date(start)}, {MailItinerary.Time(start)} to {MailItinerary.Time(Clocks.In(MailItinerary.EventEnd(record), zone))}, {MailItinerary.ZoneName(record, zone)}";
    }

    // The room on a line of its own: links are long, and a mail reader makes a link clickable only when it stands alone.
    // A mentor's room is the same all event and is given once, with their table.
    private static string Room(TimedRound round, bool mentor) => round.Room is { } room && !mentor ? $"      Video room: {room}\n" : "";

    private static string First(PersonItinerary itinerary) => itinerary.First switch
    {
        null => "The plan has no table for you yet; your link will show one when it does.",
        var first when itinerary.Mentor && first.Room is { } room => $"You host Table {first.Row.Table} online, in the same video room all event: mentees come to you each round.\n{room}",
        var first when itinerary.Mentor => $"You host Table {first.Row.Table}: mentees come to you each round.",
        var first => $"Your first table: Table {first.Row.Table} with {first.Row.Mentor}, in {first.Row.Label.ToLowerInvariant()} at {MailItinerary.Time(first.Starts)}." +
                     (first.Room is { } room ? $" Its video room:\n{room}" : ""),
    };

    private static string Round(TimedRound round, bool mentor)
    {
        var row = round.Row;
        if (row.Table is null)
        {
            return "a break";
        }

        return mentor && row.With.Count > 0
            ? $"{ItineraryCalendar.What(round, mentor)} ({string.Join(", ", row.With)})"
            : ItineraryCalendar.What(round, mentor);
    }
}
