using System.Globalization;
using FlashMentoring.Core.Wording;
using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>
/// What the host must know before handing anything out, on the kit's first page whichever parts were asked for:
/// that this is a reprint after a change (and what it replaces), and the roster lines that were left out.
/// </summary>
public sealed class FrontPage(KitModel model) : IKitPart
{
    /// <summary>Rows printed for the lines left out; a roster that bad is fixed from the screen, not from paper.</summary>
    public const int MaxLinesShown = 100;

    /// <inheritdoc />
    public string Key => "front";

    /// <inheritdoc />
    public string Title => $"Read first - {model.Event.Title}";

    /// <summary>True when there is something to say: a reprint, or lines left out.</summary>
    public bool Needed => model.Reprint is not null || model.LeftOut.Count > 0;

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.NewPage(Title);
        if (model.Reprint is { } reprint)
        {
            Reprint(writer, reprint);
        }

        if (model.LeftOut.Count > 0)
        {
            LeftOut(writer);
        }
    }

    private void Reprint(KitWriter writer, KitReprint reprint)
    {
        writer.Heading("Reprint after a change", 20, 0);
        writer.Paragraph($"Made at {Words.Time(reprint.At)} on {Words.Date(reprint.At)}, after a change to the plan. " +
                         "These pages replace the earlier ones for the same people and tables: hand them out and throw the old ones away. " +
                         $"Each reprinted itinerary says \"Updated {Words.Time(reprint.At)}\".", TextStyle.Body, 10);
        var mentees = model.MenteesToHandOut.Where(m => !m.Online).ToList();
        writer.Heading($"Itineraries ({mentees.Count})", 13, 20);
        writer.Paragraph(mentees.Count == 0 ? "None." : string.Join("; ", mentees.Select(m => m.Name)), TextStyle.Body, 8);
        var mentors = model.Mentors.Where(m => !m.Online && model.Prints(m)).ToList();
        if (mentors.Count > 0)
        {
            writer.Paragraph($"Mentors have no printed itinerary; tell them in person: {string.Join("; ", mentors.Select(m => m.Name))}.", TextStyle.Body, 8);
        }

        var online = model.OnlineToSend;
        if (online.Count > 0)
        {
            writer.Paragraph($"Online, a page each with their rooms; send it to them: {string.Join("; ", online.Select(m => m.Name))}.", TextStyle.Body, 8);
        }

        var tables = model.Signs.Select(t => t.Number.ToString(CultureInfo.InvariantCulture)).ToList();
        writer.Heading($"Table signs ({tables.Count})", 13, 20);
        writer.Paragraph(tables.Count == 0 ? "None." : "Tables " + string.Join(", ", tables) + ".", TextStyle.Body, 16);
    }

    private void LeftOut(KitWriter writer)
    {
        var lines = model.LeftOut;
        writer.Heading($"{Say.Count(lines.Count, "roster line")} left out", 20, 40);
        writer.Paragraph("These lines of the roster were not imported, so nobody on them has an itinerary, a badge or a seat in this kit. " +
                         "Fix them in your spreadsheet and make the kit again, or seat these people as walk-ins on the day.",
            TextStyle.Body with { Color = XColor.FromArgb(140, 30, 30) }, 8);
        var table = new TableBlock([new Column("Line", 0.8), new Column("What to fix", 7)], new TextStyle(10));
        foreach (var line in lines.Take(MaxLinesShown))
        {
            table.Row($"Line {line.Line.ToString(CultureInfo.InvariantCulture)}", line.Reason);
        }

        table.Draw(writer, "left out");
        if (lines.Count > MaxLinesShown)
        {
            writer.Paragraph($"And {lines.Count - MaxLinesShown:N0} more lines; the page you made the kit on lists them all.", TextStyle.Body);
        }
    }
}
