using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>
/// Tent cards, one a page: fold along the dashed line and stand the card on the table. The top half is printed
/// upside down so both sides read the right way up. When the event has conversation starters, the back lists them
/// per round under a smaller number (or, when there are too many to read at arm's length, on a sheet of their own
/// that follows the sign). An online table meets in a video room and has no sign: its mentor's page carries its room.
/// </summary>
public sealed class TableSigns(KitModel model) : IKitPart
{
    // The smallest size the starters are printed at on the card: read across a table, at arm's length.
    private const double MinStarter = 8;

    private Words words => model.Words;

    /// <inheritdoc />
    public string Key => "signs";

    /// <inheritdoc />
    public string Title => words.T("signs.title", ("event", model.Event.Title));

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var table in model.Signs)
        {
            writer.NewPage(Title);
            var g = writer.Graphics;
            var half = writer.PageHeight / 2;
            writer.DashedLine(0, half, writer.PageWidth, half);
            Face(writer, table, half, half);
            var state = g.Save();
            g.RotateAtTransform(180, new XPoint(writer.PageWidth / 2, half / 2));
            var sheet = false;
            if (model.Event.HasPrompts)
            {
                sheet = !Starters(writer, table, 0, half);
            }
            else
            {
                // The same face again, upside down: a reader of the page hears it once.
                writer.Artifact(() => Face(writer, table, 0, half));
            }

            g.Restore(state);
            if (sheet)
            {
                StartersSheet(writer, table);
            }
        }
    }

    private string StarterLines() => string.Join('\n', Enumerable.Range(1, model.Event.Rounds)
        .Select(r => model.Event.PromptFor(r, words.Texts) is { } prompt ? words.T("signs.starterLine", ("n", words.Number(r)), ("prompt", prompt)) : null).OfType<string>());

    // The back of the card: the number, smaller, and the starter of each round. False when they would not fit at a
    // readable size; the back then points to the sheet that follows.
    private bool Starters(KitWriter writer, KitTable table, double top, double height)
    {
        var left = KitWriter.Margin;
        var width = writer.PageWidth - (2 * KitWriter.Margin);
        // The number and the mentor repeat the front: a reader of the page hears them once, then the starters.
        var y = top;
        writer.Artifact(() =>
        {
            y = Number(writer, table, top + 18, 16, 72);
            if (!model.Blank)
            {
                y += writer.Box(table.Mentor ?? "", new TextStyle(18, Bold: true), new XRect(left, y, width, 26), "sign mentor", Align.Center, shrinkTo: 10, maxLines: 1);
            }
        });

        y += 6 + writer.Box(words.T("starters"), new TextStyle(12, Bold: true), new XRect(left, y + 6, width, 18), "sign starters heading", Align.Center);
        var lines = StarterLines();
        var rest = top + height - y - 14;
        var style = new TextStyle(11);
        var fits = writer.Measure(lines, style.WithSize(MinStarter), width) <= rest;
        writer.Box(fits ? lines : words.T("signs.onSheet"), style, new XRect(left, y + 2, width, rest), "sign starters", shrinkTo: MinStarter);
        return fits;
    }

    private void StartersSheet(KitWriter writer, KitTable table)
    {
        writer.NewPage(Title);
        writer.Heading(words.T("signs.sheetHeading", ("n", words.Number(table.Number))), 18, 40);
        var starters = new TableBlock([new Column(words.T("roundColumn"), 1), new Column(words.T("starter"), 7)], new TextStyle(12));
        foreach (var r in Enumerable.Range(1, model.Event.Rounds))
        {
            if (model.Event.PromptFor(r, words.Texts) is { } prompt)
            {
                starters.Row(words.Round(r), prompt);
            }
        }

        starters.Draw(writer, "sign starters sheet");
    }

    // "Table" over the number, centred, from y down; returns the y below them.
    private double Number(KitWriter writer, KitTable table, double y, double label, double number)
    {
        var left = KitWriter.Margin;
        var width = writer.PageWidth - (2 * KitWriter.Margin);
        writer.Box(words.T("tableLabel"), new TextStyle(label, Color: XColors.DimGray), new XRect(left, y, width, label * 1.4), "sign label", Align.Center);
        y += label * 1.4;
        writer.Box(words.Number(table.Number), new TextStyle(number, Bold: true), new XRect(left, y, width, number * 1.35), "sign number", Align.Center);
        return y + (number * 1.35);
    }

    private void Face(KitWriter writer, KitTable table, double top, double height)
    {
        var left = KitWriter.Margin;
        var width = writer.PageWidth - (2 * KitWriter.Margin);
        var y = Number(writer, table, top + 24, 20, 130);
        if (model.Blank)
        {
            writer.Box(words.T("signs.blankMentor", ("line", Words.Blank)), new TextStyle(18), new XRect(left, y, width, 30), "sign mentor", Align.Center);
            return;
        }

        y += writer.Box(table.Mentor ?? "", new TextStyle(28, Bold: true), new XRect(left, y, width, 40), "sign mentor", Align.Center, shrinkTo: 14, maxLines: 1);
        y += writer.Box(table.Agency, new TextStyle(16), new XRect(left, y, width, 24), "sign agency", Align.Center, shrinkTo: 10);
        var rest = top + height - y - 16;
        if (table.Expertise.Count > 0 && rest > 20)
        {
            writer.Box(words.T("askMe", ("topics", Words.List(table.Expertise))), new TextStyle(14), new XRect(left, y + 4, width, rest), "sign expertise", Align.Center, shrinkTo: 9);
        }
    }
}
