using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>
/// The itinerary of someone who takes part online, a page of its own: every time on their own clock, and the video room
/// of each round as a full link (wrapped, never cut) with a QR code where one can be scanned. A mentor's page carries
/// their one room in a large code and the conversation starter of each round, which an online table has no sign for.
/// </summary>
internal sealed class OnlinePage(KitModel model, KitPerson person)
{
    private const double PersonalQr = 92;
    private const double RoundQr = 64;
    private const double MentorQr = 110;

    // A module under about 0.4 mm does not scan from paper reliably: a long link (Teams, Zoom) makes a code that
    // dense at the size of a round's code, and is printed as text only.
    private const double MinModule = 1.15;

    private static readonly TextStyle Small = new(9);
    private static readonly TextStyle Link = new(9.5, Color: XColor.FromArgb(20, 60, 140));

    public void Compose(KitWriter writer, string footer)
    {
        writer.NewPage(footer);
        Header(writer);
        if (person.IsMentor)
        {
            Mentor(writer);
        }
        else
        {
            Mentee(writer);
        }
    }

    private void Header(KitWriter writer)
    {
        var e = model.Event;
        var top = writer.Y;
        var width = writer.Width - (person.PersonalLink is null ? 0 : PersonalQr + 12);
        var y = top + writer.Box(person.Name, new TextStyle(17, Bold: true), new XRect(writer.Left, top, width, 24), "online itinerary name", shrinkTo: 10, maxLines: 1);
        var table = person.Seats.FirstOrDefault(s => s.Table is not null)?.Table;
        var role = person.IsMentor
            ? $"Online mentor{(table is { } t ? $", Table {t.ToString(Words.English)}" : "")}"
            : "Online" + (person.Topics.Count > 0 ? " - wants to grow in " + Words.List(person.Topics) : "");
        y += writer.Box(string.Join(" - ", new[] { role, person.Agency }.Where(s => s.Length > 0)), new TextStyle(9.5), new XRect(writer.Left, y, width, 26), "online itinerary about", shrinkTo: 7.5);
        var updated = model.Reprint is { } reprint ? $" - Updated {Words.Time(model.On(person, reprint.At))}" : "";
        y += writer.Box($"{e.Title} - {Words.Date(model.On(person, e.StartsAt))}{updated}", new TextStyle(9.5, Color: XColors.DimGray), new XRect(writer.Left, y, width, 26), "online itinerary event", shrinkTo: 7.5, maxLines: 2);
        y += writer.Box($"Times are {Clocks.Name(model.ZoneOf(person), model.On(person, e.StartsAt))}.", new TextStyle(9.5, Bold: true), new XRect(writer.Left, y, width, 26), "online itinerary zone", shrinkTo: 7.5, maxLines: 2);
        if (person.PersonalLink is { } link)
        {
            QrBlock.Draw(writer.Graphics, link, writer.Right() - PersonalQr, top, PersonalQr);
            writer.Box("Scan: your room, live", new TextStyle(7, Color: XColors.DimGray), new XRect(writer.Right() - PersonalQr, top + PersonalQr, PersonalQr, 10), "online itinerary qr caption", Align.Center);
        }

        writer.Y = Math.Max(y + 8, person.PersonalLink is null ? 0 : top + PersonalQr + 16);
    }

    private void Mentee(KitWriter writer)
    {
        writer.Paragraph("You take part online. At each round, open the video room of that round's table, below: on a laptop, or on a phone with its code. " +
                         "Your personal link (the code at the top) shows the room to open now, and warns you a minute before each move.", TextStyle.Body, 10);

        // Codes only where every one is scannable, so the rounds line up in one column either way.
        var rooms = person.Seats.Select(s => s.Room).OfType<string>().Distinct().ToList();
        var codes = rooms.Count > 0 && rooms.All(r => QrBlock.Scannable(r, RoundQr, MinModule));
        var indent = codes ? RoundQr + 10 : 0;
        var width = writer.Width - indent;
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seat in person.Seats)
        {
            var span = Words.Span(model.On(person, model.RoundStart(seat.Round)), model.On(person, model.RoundEnd(seat.Round)));
            var heading = seat.Table is { } number
                ? $"Round {seat.Round.ToString(Words.English)}, {span}: Table {number.ToString(Words.English)} with {seat.With}"
                : $"Round {seat.Round.ToString(Words.English)}, {span}: a break";
            var lines = new List<(string Text, TextStyle Style, string Where)> { (heading, new TextStyle(10.5, Bold: true), "online round") };
            if (seat.Table is not null && seat.Topics.Count > 0)
            {
                lines.Add(("Talk about: " + Words.List(seat.Topics), Small, "online round topics"));
            }

            // A seat at a table in the room (a hybrid plan never makes one for someone online) has no room to name.
            if (seat.Table is { } at && model.Tables[at - 1].Online)
            {
                lines.Add(seat.Room is { } room ? ("Room: " + room, Link, "online room link") : ("Room: not set yet; your personal link will show it.", Small, "online room missing"));
            }

            var code = codes && seat.Room is { } r && drawn.Add(r);
            var height = Math.Max(lines.Sum(l => writer.Measure(l.Text, l.Style, width)), code ? RoundQr : 0);
            writer.Room(height + 10);
            if (code)
            {
                QrBlock.Draw(writer.Graphics, seat.Room!, writer.Left, writer.Y, RoundQr);
            }

            var y = writer.Y;
            foreach (var (text, style, where) in lines)
            {
                var h = writer.Measure(text, style, width);
                writer.Box(text, style, new XRect(writer.Left + indent, y, width, h), where);
                y += h;
            }

            writer.Y += height + 10;
        }

        if (rooms.Count > 0 && !codes)
        {
            writer.Paragraph("Your rooms' links are too long for a code that scans from paper: type them, or open them from your personal link or the e-mail.", Small);
        }
    }

    private void Mentor(KitWriter writer)
    {
        var room = person.Seats.Select(s => s.Room).OfType<string>().FirstOrDefault();
        writer.Paragraph("You host your table online. Your video room stays the same all event: open it a few minutes before round 1 and keep it open. " +
                         "Mentees join and leave at each change of rounds; your personal link lists who is coming and lets you report someone missing.", TextStyle.Body, 10);
        if (room is null)
        {
            writer.Paragraph("Your room: not set yet. The host will send it; your personal link will show it.", new TextStyle(10.5, Bold: true), 10);
        }
        else
        {
            var code = QrBlock.Scannable(room, MentorQr, MinModule);
            var indent = code ? MentorQr + 12 : 0;
            var label = new TextStyle(10.5, Bold: true);
            var link = Link.WithSize(11);
            var height = Math.Max(code ? MentorQr : 0, writer.Measure("Your room", label, writer.Width - indent) + writer.Measure(room, link, writer.Width - indent));
            writer.Room(height + 10);
            if (code)
            {
                QrBlock.Draw(writer.Graphics, room, writer.Left, writer.Y, MentorQr);
            }

            var y = writer.Y + writer.Box("Your room", label, new XRect(writer.Left + indent, writer.Y, writer.Width - indent, 16), "online mentor room label");
            writer.Box(room, link, new XRect(writer.Left + indent, y, writer.Width - indent, writer.Measure(room, link, writer.Width - indent)), "online mentor room link");
            writer.Y += height + 12;
        }

        var prompts = model.Event.HasPrompts;
        List<Column> columns = [new("Round", 0.9), new("Time", 1.4), new("Mentees coming", 3)];
        if (prompts)
        {
            columns.Add(new("Conversation starter", 3));
        }

        var table = new TableBlock(columns, Small);
        foreach (var seat in person.Seats)
        {
            List<string> cells =
            [
                $"Round {seat.Round.ToString(Words.English)}",
                Words.Span(model.On(person, model.RoundStart(seat.Round)), model.On(person, model.RoundEnd(seat.Round))),
                seat.Table is null ? "A break" : seat.With.Length > 0 ? seat.With : "Nobody this round",
            ];
            if (prompts)
            {
                cells.Add(model.Event.PromptFor(seat.Round) ?? "");
            }

            table.Row([.. cells]);
        }

        table.Draw(writer, "online mentor rounds");
    }
}
