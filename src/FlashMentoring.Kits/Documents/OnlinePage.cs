using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>
/// The itinerary of someone who takes part online, a page of its own: every time on their own clock, and the video room
/// of each round as a full link (wrapped, never cut) with a QR code where one can be scanned. A mentor's page carries
/// their one room in a large code and the conversation starter of each round, which an online table has no sign for.
/// The page is worded in the person's language.
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

    private Words words => model.WordsOf(person);

    public void Compose(KitWriter writer, string footer)
    {
        writer.NewPage(footer);
        writer.Section(words.Code, () =>
        {
            Header(writer);
            if (person.IsMentor)
            {
                Mentor(writer);
            }
            else
            {
                Mentee(writer);
            }
        });
    }

    private void Header(KitWriter writer)
    {
        var e = model.Event;
        var w = words;
        var top = writer.Y;
        var width = writer.Width - (person.PersonalLink is null ? 0 : PersonalQr + 12);
        var y = top + writer.Box(person.Name, new TextStyle(17, Bold: true), new XRect(writer.Left, top, width, 24), "online itinerary name", shrinkTo: 10, maxLines: 1, tag: Tag.Heading1);
        var table = person.Seats.FirstOrDefault(s => s.Table is not null)?.Table;
        var role = person.IsMentor
            ? table is { } t ? w.T("online.mentorAt", ("table", w.Number(t))) : w.T("online.mentor")
            : person.Topics.Count > 0 ? w.T("online.menteeWants", ("topics", Words.List(person.Topics))) : w.T("online.mentee");
        y += writer.Box(string.Join(" - ", new[] { role, person.Agency }.Where(s => s.Length > 0)), new TextStyle(9.5), new XRect(writer.Left, y, width, 26), "online itinerary about", shrinkTo: 7.5);
        var updated = model.Reprint is { } reprint ? " - " + w.T("updated", ("time", w.Time(model.On(person, reprint.At)))) : "";
        y += writer.Box($"{e.Title} - {w.Date(model.On(person, e.StartsAt))}{updated}", new TextStyle(9.5, Color: XColors.DimGray), new XRect(writer.Left, y, width, 26), "online itinerary event", shrinkTo: 7.5, maxLines: 2);
        y += writer.Box(w.T("zone", ("zone", Clocks.Name(model.ZoneOf(person), model.On(person, e.StartsAt)))) + ".", new TextStyle(9.5, Bold: true), new XRect(writer.Left, y, width, 26), "online itinerary zone", shrinkTo: 7.5, maxLines: 2);
        if (person.PersonalLink is { } link)
        {
            writer.Qr(link, writer.Right() - PersonalQr, top, PersonalQr);
            writer.Box(w.T("online.scan"), new TextStyle(7, Color: XColors.DimGray), new XRect(writer.Right() - PersonalQr, top + PersonalQr, PersonalQr, 10), "online itinerary qr caption", Align.Center);
        }

        writer.Y = Math.Max(y + 8, person.PersonalLink is null ? 0 : top + PersonalQr + 16);
    }

    private void Mentee(KitWriter writer)
    {
        var w = words;
        writer.Paragraph(w.T("online.menteeIntro"), TextStyle.Body, 10);

        // Codes only where every one is scannable, so the rounds line up in one column either way.
        var rooms = person.Seats.Select(s => s.Room).OfType<string>().Distinct().ToList();
        var codes = rooms.Count > 0 && rooms.All(r => QrBlock.Scannable(r, RoundQr, MinModule));
        var indent = codes ? RoundQr + 10 : 0;
        var width = writer.Width - indent;
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seat in person.Seats)
        {
            var span = w.Span(model.On(person, model.RoundStart(seat.Round)), model.On(person, model.RoundEnd(seat.Round)));
            var heading = seat.Table is { } number
                ? w.T("online.roundAt", ("n", w.Number(seat.Round)), ("time", span), ("table", w.Number(number)), ("with", seat.With))
                : w.T("online.roundBreak", ("n", w.Number(seat.Round)), ("time", span));
            var lines = new List<(string Text, TextStyle Style, string Where, Tag Tag)> { (heading, new TextStyle(10.5, Bold: true), "online round", Tag.Heading2) };
            if (seat.Table is not null && seat.Topics.Count > 0)
            {
                lines.Add((w.T("online.talkAbout", ("topics", Words.List(seat.Topics))), Small, "online round topics", Tag.Paragraph));
            }

            // A seat at a table in the room (a hybrid plan never makes one for someone online) has no room to name.
            if (seat.Table is { } at && model.Tables[at - 1].Online)
            {
                lines.Add(seat.Room is { } room
                    ? (w.T("online.room", ("link", room)), Link, "online room link", Tag.Paragraph)
                    : (w.T("online.roomNotSet"), Small, "online room missing", Tag.Paragraph));
            }

            var code = codes && seat.Room is { } r && drawn.Add(r);
            var height = Math.Max(lines.Sum(l => writer.Measure(l.Text, l.Style, width)), code ? RoundQr : 0);
            writer.Room(height + 10);
            if (code)
            {
                writer.Qr(seat.Room!, writer.Left, writer.Y, RoundQr);
            }

            var y = writer.Y;
            foreach (var (text, style, where, tag) in lines)
            {
                var h = writer.Measure(text, style, width);
                writer.Box(text, style, new XRect(writer.Left + indent, y, width, h), where, tag: tag);
                y += h;
            }

            writer.Y += height + 10;
        }

        if (rooms.Count > 0 && !codes)
        {
            writer.Paragraph(w.T("online.linksTooLong"), Small);
        }
    }

    private void Mentor(KitWriter writer)
    {
        var w = words;
        var room = person.Seats.Select(s => s.Room).OfType<string>().FirstOrDefault();
        writer.Paragraph(w.T("online.mentorIntro"), TextStyle.Body, 10);
        if (room is null)
        {
            writer.Paragraph(w.T("online.mentorRoomNotSet"), new TextStyle(10.5, Bold: true), 10);
        }
        else
        {
            var code = QrBlock.Scannable(room, MentorQr, MinModule);
            var indent = code ? MentorQr + 12 : 0;
            var label = new TextStyle(10.5, Bold: true);
            var link = Link.WithSize(11);
            var yourRoom = w.T("online.yourRoom");
            var height = Math.Max(code ? MentorQr : 0, writer.Measure(yourRoom, label, writer.Width - indent) + writer.Measure(room, link, writer.Width - indent));
            writer.Room(height + 10);
            if (code)
            {
                writer.Qr(room, writer.Left, writer.Y, MentorQr);
            }

            var y = writer.Y + writer.Box(yourRoom, label, new XRect(writer.Left + indent, writer.Y, writer.Width - indent, 16), "online mentor room label", tag: Tag.Heading2);
            writer.Box(room, link, new XRect(writer.Left + indent, y, writer.Width - indent, writer.Measure(room, link, writer.Width - indent)), "online mentor room link");
            writer.Y += height + 12;
        }

        var prompts = model.Event.HasPrompts;
        List<Column> columns = [new(w.T("roundColumn"), 0.9), new(w.T("time"), 1.4), new(w.T("online.coming"), 3)];
        if (prompts)
        {
            columns.Add(new(w.T("starter"), 3));
        }

        var table = new TableBlock(columns, Small);
        foreach (var seat in person.Seats)
        {
            List<string> cells =
            [
                w.Round(seat.Round),
                w.Span(model.On(person, model.RoundStart(seat.Round)), model.On(person, model.RoundEnd(seat.Round))),
                seat.Table is null ? w.T("online.aBreak") : seat.With.Length > 0 ? seat.With : w.T("online.nobody"),
            ];
            if (prompts)
            {
                cells.Add(model.Event.PromptFor(seat.Round, w.Texts) ?? "");
            }

            table.Row([.. cells]);
        }

        table.Draw(writer, "online mentor rounds");
    }
}
