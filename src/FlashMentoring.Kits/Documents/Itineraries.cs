using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>One itinerary per mentee, two to a page with a cut line: each round's time, table, mentor and topics, and a personal QR code to the live view.</summary>
public sealed class Itineraries(KitModel model) : IKitPart
{
    private const double Qr = 92;

    /// <inheritdoc />
    public string Key => "itineraries";

    /// <inheritdoc />
    public string Title => $"Itineraries - {model.Event.Title}";

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var k = 0; k < model.Mentees.Count; k++)
        {
            if (k % 2 == 0)
            {
                writer.NewPage(Title);
            }
            else
            {
                var cut = writer.PageHeight / 2;
                writer.DashedLine(KitWriter.Margin / 2, cut, writer.PageWidth - (KitWriter.Margin / 2), cut);
                writer.Y = cut + KitWriter.Margin;
            }

            One(writer, model.Mentees[k]);
        }
    }

    private void One(KitWriter writer, KitPerson mentee)
    {
        var e = model.Event;
        var top = writer.Y;
        var textWidth = writer.Width - (mentee.PersonalLink is null ? 0 : Qr + 12);
        var name = model.Blank ? $"Mentee {mentee.Name}   Name: {Words.Blank}" : mentee.Name;
        var y = top + writer.Box(name, new TextStyle(17, Bold: true), new XRect(writer.Left, top, textWidth, 24), "itinerary name", shrinkTo: 10, maxLines: 1);
        var about = model.Blank ? "" : string.Join(" - ", new[] { mentee.Agency, mentee.Topics.Count > 0 ? "wants to grow in " + Words.List(mentee.Topics) : "" }.Where(s => s.Length > 0));
        if (about.Length > 0)
        {
            y += writer.Box(about, new TextStyle(9.5), new XRect(writer.Left, y, textWidth, 26), "itinerary about", shrinkTo: 7.5);
        }

        y += writer.Box($"{e.Title} - {Words.Date(e.StartsAt)}", new TextStyle(9.5, Color: XColors.DimGray), new XRect(writer.Left, y, textWidth, 14), "itinerary event", shrinkTo: 7.5, maxLines: 1);
        if (mentee.PersonalLink is { } link)
        {
            QrBlock.Draw(writer.Graphics, link, writer.Right() - Qr, top, Qr);
            writer.Box("Scan: your table, live", new TextStyle(7, Color: XColors.DimGray), new XRect(writer.Right() - Qr, top + Qr, Qr, 10), "itinerary qr caption", Align.Center);
        }

        writer.Y = Math.Max(y + 6, mentee.PersonalLink is null ? 0 : top + Qr + 14);
        var table = new TableBlock([new Column("Round", 0.8), new Column("Time", 1.1), new Column("Table", 0.7), new Column("Mentor", 2), new Column("Talk about", 3)], new TextStyle(9));
        foreach (var seat in mentee.Seats)
        {
            table.Row(
                seat.Round.ToString(Words.English),
                Words.Time(model.RoundStart(seat.Round)),
                seat.Table?.ToString(Words.English) ?? "rest",
                seat.Table is null ? "Take a break" : model.Blank ? Words.Blank[..16] : seat.With,
                Words.List(seat.Topics));
        }

        table.Draw(writer, "itinerary");
    }
}

/// <summary>Small geometry helpers on the writer.</summary>
internal static class WriterExtensions
{
    public static double Right(this KitWriter writer) => writer.Left + writer.Width;
}
