using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>
/// One itinerary per mentee, two to a page with a cut line: each round's time, table, mentor and topics, and a personal
/// QR code to the live view. Online people follow, a page each with their video rooms (<see cref="OnlinePage"/>).
/// Each itinerary is worded in its mentee's language, the rest of the page in the kit's.
/// </summary>
public sealed class Itineraries(KitModel model) : IKitPart
{
    private const double Qr = 92;

    /// <inheritdoc />
    public string Key => "itineraries";

    /// <inheritdoc />
    public string Title => model.Words.T("itinerary.title", ("event", model.Event.Title));

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var mentees = model.MenteesToHandOut.Where(m => !m.Online).ToList();
        for (var k = 0; k < mentees.Count; k++)
        {
            if (k % 2 == 0)
            {
                writer.NewPage(Title);
                GuideWords(writer, mentees[k], mentees[Math.Min(k + 1, mentees.Count - 1)]);
            }
            else
            {
                var cut = writer.PageHeight / 2;
                writer.DashedLine(KitWriter.Margin / 2, cut, writer.PageWidth - (KitWriter.Margin / 2), cut);
                writer.Y = cut + KitWriter.Margin;
            }

            var mentee = mentees[k];
            writer.Section(model.WordsOf(mentee).Code, () => One(writer, mentee));
        }

        foreach (var person in model.OnlineToSend)
        {
            new OnlinePage(model, person).Compose(writer, Title);
        }
    }

    // As in a dictionary: the first and last family name on the page, in the top margin, where a thumb flicking
    // through the pile sees them.
    private void GuideWords(KitWriter writer, KitPerson first, KitPerson last)
    {
        if (model.Blank)
        {
            return;
        }

        var words = first.FamilyName == last.FamilyName ? first.FamilyName : $"{first.FamilyName} - {last.FamilyName}";
        var box = new XRect(writer.Left, KitWriter.Margin / 2 - 6, writer.Width, 16);
        writer.Artifact(() =>
        {
            writer.Box(model.Words.T("itinerary.sorted"), new TextStyle(8, Color: XColors.DimGray), box, "itinerary sort note", maxLines: 1);
            writer.Box(words, new TextStyle(12, Bold: true), box, "itinerary guide words", Align.Right, shrinkTo: 8, maxLines: 1);
        });
    }

    private void One(KitWriter writer, KitPerson mentee)
    {
        var e = model.Event;
        var w = model.WordsOf(mentee);
        var top = writer.Y;
        var textWidth = writer.Width - (mentee.PersonalLink is null ? 0 : Qr + 12);
        var name = model.Blank ? w.T("itinerary.blankName", ("n", mentee.Name), ("line", Words.Blank)) : mentee.Name;
        var y = top + writer.Box(name, new TextStyle(17, Bold: true), new XRect(writer.Left, top, textWidth, 24), "itinerary name", shrinkTo: 10, maxLines: 1, tag: Tag.Heading1);
        var about = model.Blank ? "" : string.Join(" - ", new[] { mentee.Agency, mentee.Topics.Count > 0 ? w.T("itinerary.wants", ("topics", Words.List(mentee.Topics))) : "" }.Where(s => s.Length > 0));
        if (about.Length > 0)
        {
            y += writer.Box(about, new TextStyle(9.5), new XRect(writer.Left, y, textWidth, 26), "itinerary about", shrinkTo: 7.5);
        }

        var updated = model.Reprint is { } reprint ? " - " + w.T("updated", ("time", w.Time(reprint.At))) : "";
        // Someone with a clock of their own (they gave a time zone) is told which clock the times are on.
        var zone = model.ZoneOf(mentee) is { } own && own != Clocks.Known(e.TimeZone) ? " - " + w.T("zone", ("zone", Clocks.Name(own, model.On(mentee, e.StartsAt)))) : "";
        y += writer.Box($"{e.Title} - {w.Date(model.On(mentee, e.StartsAt))}{updated}{zone}", new TextStyle(9.5, Color: XColors.DimGray), new XRect(writer.Left, y, textWidth, zone.Length > 0 ? 26 : 14), "itinerary event", shrinkTo: 7.5, maxLines: zone.Length > 0 ? 2 : 1);
        if (mentee.PersonalLink is { } link)
        {
            writer.Qr(link, writer.Right() - Qr, top, Qr);
            writer.Box(w.T("itinerary.scan"), new TextStyle(7, Color: XColors.DimGray), new XRect(writer.Right() - Qr, top + Qr, Qr, 10), "itinerary qr caption", Align.Center);
        }

        writer.Y = Math.Max(y + 6, mentee.PersonalLink is null ? 0 : top + Qr + 14);
        // Each row reads as a sentence, left to right: "Round 1, 9:00-9:15 AM, Table 4, Ann Lee".
        var table = new TableBlock([new Column(w.T("roundColumn"), 0.9), new Column(w.T("time"), 1.4), new Column(w.T("itinerary.goTo"), 0.8), new Column(w.T("mentor"), 2), new Column(w.T("itinerary.talkAbout"), 2.6)], new TextStyle(9));
        foreach (var seat in mentee.Seats)
        {
            table.Row(
                w.Round(seat.Round),
                w.Span(model.On(mentee, model.RoundStart(seat.Round)), model.On(mentee, model.RoundEnd(seat.Round))),
                seat.Table is { } number ? w.Table(number) : w.T("itinerary.rest"),
                seat.Table is null ? w.T("itinerary.takeABreak") : model.Blank ? Words.Blank[..16] : seat.With,
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
