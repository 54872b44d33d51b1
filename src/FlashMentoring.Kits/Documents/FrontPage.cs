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

    private Words words => model.Words;

    /// <inheritdoc />
    public string Key => "front";

    /// <inheritdoc />
    public string Title => words.T("front.title", ("event", model.Event.Title));

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
        writer.Heading(words.T("front.reprint"), 20, 0);
        var time = words.Time(reprint.At);
        writer.Paragraph(words.T("front.reprintMade", ("time", time), ("date", words.Date(reprint.At)), ("updated", words.T("updated", ("time", time)))), TextStyle.Body, 10);
        var mentees = model.MenteesToHandOut.Where(m => !m.Online).ToList();
        writer.Heading(words.T("front.itineraries", ("n", mentees.Count)), 13, 20);
        writer.Paragraph(mentees.Count == 0 ? words.T("none") : string.Join("; ", mentees.Select(m => m.Name)), TextStyle.Body, 8);
        var mentors = model.Mentors.Where(m => !m.Online && model.Prints(m)).ToList();
        if (mentors.Count > 0)
        {
            writer.Paragraph(words.T("front.mentors", ("names", string.Join("; ", mentors.Select(m => m.Name)))), TextStyle.Body, 8);
        }

        var online = model.OnlineToSend;
        if (online.Count > 0)
        {
            writer.Paragraph(words.T("front.online", ("names", string.Join("; ", online.Select(m => m.Name)))), TextStyle.Body, 8);
        }

        var tables = model.Signs.Select(t => words.Number(t.Number)).ToList();
        writer.Heading(words.T("front.signs", ("n", tables.Count)), 13, 20);
        writer.Paragraph(tables.Count == 0 ? words.T("none") : words.T("front.tables", ("list", string.Join(", ", tables))), TextStyle.Body, 16);
    }

    private void LeftOut(KitWriter writer)
    {
        var lines = model.LeftOut;
        writer.Heading(words.Plural("front.leftOut", lines.Count), 20, 40);
        writer.Paragraph(words.T("front.leftOutNote"), TextStyle.Body with { Color = XColor.FromArgb(140, 30, 30) }, 8);
        var table = new TableBlock([new Column(words.T("front.lineColumn"), 0.8), new Column(words.T("front.fixColumn"), 7)], new TextStyle(10));
        foreach (var line in lines.Take(MaxLinesShown))
        {
            table.Row(words.T("front.line", ("n", words.Number(line.Line))), line.Reason);
        }

        table.Draw(writer, "left out");
        if (lines.Count > MaxLinesShown)
        {
            writer.Paragraph(words.Plural("front.more", lines.Count - MaxLinesShown), TextStyle.Body);
        }
    }
}
