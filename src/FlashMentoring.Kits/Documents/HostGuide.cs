using FlashMentoring.Core.Wording;
using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>The host's guide: run of show with the event's clock times, roles, the words for each round, the checklist and what to do when the room does not match the plan.</summary>
public sealed class HostGuide(KitModel model) : IKitPart
{
    /// <inheritdoc />
    public string Key => "guide";

    /// <inheritdoc />
    public string Title => $"Host guide - {model.Event.Title}";

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var e = model.Event;
        writer.NewPage(Title);
        writer.Heading($"Host guide: {e.Title}", 20, 0);
        writer.Paragraph($"{Words.Date(e.StartsAt)}. {Say.Count(e.Rounds, "round")} of {Say.Count(e.RoundMinutes, "minute")}, {Say.Count(e.TransitionMinutes, "minute")} to change tables, " +
                         $"{Say.Count(model.Tables.Count, "table")} of up to {Say.Count(e.SeatsPerTable, "mentee")}, {Count()}.", TextStyle.Body, 10);

        writer.Heading("Run of show");
        var show = new TableBlock([new Column("Time", 1.5), new Column("What happens", 4), new Column("Who", 1.6)]);
        show.Row(Words.Time(e.StartsAt.AddMinutes(-30)), "Doors open. Greeters hand out badges and itineraries; mentors go to their table (the sign shows their name).", "Greeters, mentors");
        show.Row(Words.Time(e.StartsAt.AddMinutes(-10)), "Welcome: why we are here, how the rounds work, the bell, where the feedback forms are.", "Host");
        for (var r = 1; r <= e.Rounds; r++)
        {
            show.Row($"{Words.Time(model.RoundStart(r))} - {Words.Time(model.RoundEnd(r))}", $"Round {r}. Ring the bell to start; one minute before the end, give a signal; ring to end.", "Timekeeper");
            if (r < e.Rounds && e.TransitionMinutes > 0)
            {
                show.Row(Words.Time(model.RoundEnd(r)), $"Change tables ({e.TransitionMinutes} min): mentees move to their next table; mentors stay.", "Everyone");
            }
        }

        var end = model.RoundEnd(e.Rounds);
        show.Row(Words.Time(end), "Wrap-up: thank the mentors; everyone fills in the feedback form and marks who they would like to keep in touch with.", "Host");
        show.Row(Words.Time(end.AddMinutes(15)), "Close. Collect the feedback forms.", "Host, greeters");
        show.Draw(writer, "run of show");

        writer.Heading("Who does what");
        foreach (var line in new[]
        {
            "Host: welcomes the room, keeps the plan, decides on late arrivals and no-shows, closes the event.",
            "Timekeeper: starts and ends every round on time with the bell or timer (the projector board counts down when the app runs).",
            "Greeters (one per 40 people): badges, itineraries, directions to the first table.",
            "Mentors: stay at their table all event; open each round by asking each mentee what they want to grow in.",
            "Mentees: follow their itinerary; arrive at each table within the change-over time.",
        })
        {
            writer.Paragraph("- " + line, TextStyle.Body, 3);
        }

        writer.Heading("What to say");
        writer.Paragraph("Before round 1: \"Welcome to flash mentoring. You will meet " + e.Rounds + " mentors in " + e.RoundMinutes +
                         "-minute conversations. Your itinerary (or your phone) says which table to go to. When you hear the bell, thank your mentor and move to your next table. " +
                         "Mentors stay where they are. Ask about what you want to grow in; there are no wrong questions.\"", TextStyle.Body);
        writer.Paragraph("At the start of each round: \"Round N is starting. Mentees, introduce yourselves in one sentence and say what you want to talk about.\"", TextStyle.Body);
        writer.Paragraph("One minute before the end: \"One minute left: take a note of anyone you want to keep in touch with.\"", TextStyle.Body);
        writer.Paragraph("At the end: \"Thank you. Please fill in the feedback form: it tells us which matches worked, and your keep-in-touch choices become mentoring pairs when both sides choose each other.\"", TextStyle.Body, 10);

        if (e.HasPrompts)
        {
            Starters(writer);
        }

        if (e.HasOnline && !model.Blank)
        {
            OnlineRooms(writer);
        }

        writer.Heading("Materials checklist");
        foreach (var item in new[]
        {
            "A bell or a loud timer", $"Name badges ({model.Mentors.Count + model.Mentees.Count}), a few blank ones and markers",
            $"Table signs ({model.Tables.Count(t => !t.Online)}) and the master grid", "An itinerary for each mentee", "Feedback forms and pens",
            "Laptop, charger, projector and cable (if the app runs the clock)", "Tape for the table signs",
        })
        {
            Checkbox(writer, item);
        }

        writer.Y += 6;
        writer.Heading("When the room does not match the plan");
        writer.Paragraph("Late arrivals: seat them from the next round at a table with a free seat, with a mentor they have not met yet. In the app, mark them here: nobody else moves in the next round.", TextStyle.Body);
        writer.Paragraph("No-shows: leave their seat empty; tables within one person of each other are fine. A mentor who does not come: spread that table's mentees over tables with a free seat, one each, never to a mentor they have already met. In the app, mark them absent and the plan is redone for the rounds left.", TextStyle.Body);
        writer.Paragraph("An odd number: a table with one mentee fewer is fine. If mentees outnumber seats, rest one per table in turn (never the same person twice) and offer them coffee and the feedback form.", TextStyle.Body, 10);

        if (e.JoinUrl is not null)
        {
            writer.Heading("Phones");
            writer.Room(110);
            QrBlock.Draw(writer.Graphics, e.JoinUrl, writer.Left, writer.Y, 100);
            writer.Box($"Participants scan this code (it is also on the board) and pick their name, or scan the personal code on their itinerary. Join code: {e.JoinCode}. Link: {e.JoinUrl}",
                TextStyle.Body, new XRect(writer.Left + 112, writer.Y, writer.Width - 112, 100), "join text");
            writer.Y += 110;
        }
    }

    // Read out at each round's start, shown on the board and the phones, and printed on the back of every table sign.
    private void Starters(KitWriter writer)
    {
        writer.Heading("Conversation starters");
        writer.Paragraph("One question per round, for a table that does not know where to begin. Read it out as each round starts; " +
                         "the board, the phones and the backs of the table signs show it too.", TextStyle.Body);
        var starters = new TableBlock([new Column("Round", 1), new Column("Time", 1.6), new Column("Conversation starter", 6)]);
        for (var r = 1; r <= model.Event.Rounds; r++)
        {
            if (model.Event.PromptFor(r) is { } prompt)
            {
                starters.Row($"Round {r}", Words.Span(model.RoundStart(r), model.RoundEnd(r)), prompt);
            }
        }

        starters.Draw(writer, "starters");
    }

    private void OnlineRooms(KitWriter writer)
    {
        writer.Heading("Running the online rooms");
        foreach (var (step, k) in new[]
        {
            "Set the rooms before you send the invitations: on the host console's online page, set the room pattern of your agency's video service " +
            "(for example https://meet.agency.gov/{event}-table-{table}), or upload a CSV of table,link with rooms you already made in Teams or Zoom.",
            "Test one room: open a table's link on a laptop and on a phone, and check that a guest can get in without an account or a lobby.",
            "At each round, every online person's phone or laptop shows the room to open, with a button. Mentors keep their own room open all event.",
            "One minute before a round ends, the screens warn everyone online to finish; at the end they show the next room.",
            "Online people tap \"I'm in the room\". A minute into each round, the console lists per table who has not joined yet and who their mentor reported missing: " +
            "send a helper to reach them, or mark them absent and the plan is redone for the rounds left.",
            "A broken link: on the online page, paste a new link for that table. It reaches that table's people at once; tell the mentor too.",
            "Someone without a laptop joins by phone: their personal link opens the room in the phone's browser or the video service's app.",
        }.Select((text, i) => (text, i + 1)))
        {
            writer.Paragraph($"{k}. {step}", TextStyle.Body, 4);
        }

        var online = model.Tables.Where(t => t.Online).ToList();
        if (online.Count > 0)
        {
            writer.Y += 4;
            var rooms = new TableBlock([new Column("Table", 0.8), new Column("Mentor", 2), new Column("Room", 5)]);
            foreach (var table in online)
            {
                rooms.Row(table.Number.ToString(Words.English), table.Mentor ?? "", table.Room ?? "Not set yet");
            }

            rooms.Draw(writer, "rooms");
        }
    }

    private string Count() =>
        model.Blank ? $"room for {Say.Count(model.Mentees.Count, "mentee")}" : $"{Say.Count(model.Mentors.Count, "mentor")} and {Say.Count(model.Mentees.Count, "mentee")}";

    private static void Checkbox(KitWriter writer, string text)
    {
        writer.Room(18);
        writer.Graphics.DrawRectangle(new XPen(XColors.Black, 0.8), writer.Left, writer.Y + 2, 10, 10);
        writer.Box(text, TextStyle.Body, new XRect(writer.Left + 18, writer.Y, writer.Width - 18, 16), "checklist");
        writer.Y += 18;
    }
}
