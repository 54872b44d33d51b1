using FlashMentoring.Kits.Layout;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Documents;

/// <summary>
/// Tent cards, one a page: fold along the dashed line and stand the card on the table. The top half is printed
/// upside down so both sides read the right way up.
/// </summary>
public sealed class TableSigns(KitModel model) : IKitPart
{
    /// <inheritdoc />
    public string Key => "signs";

    /// <inheritdoc />
    public string Title => $"Table signs - {model.Event.Title}";

    /// <inheritdoc />
    public void Compose(KitWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var table in model.Tables.Where(model.Prints))
        {
            writer.NewPage(Title);
            var g = writer.Graphics;
            var half = writer.PageHeight / 2;
            writer.DashedLine(0, half, writer.PageWidth, half);
            Face(writer, table, half, half);
            var state = g.Save();
            g.RotateAtTransform(180, new XPoint(writer.PageWidth / 2, half / 2));
            Face(writer, table, 0, half);
            g.Restore(state);
        }
    }

    private void Face(KitWriter writer, KitTable table, double top, double height)
    {
        var left = KitWriter.Margin;
        var width = writer.PageWidth - (2 * KitWriter.Margin);
        var y = top + 24;
        writer.Box("Table", new TextStyle(20, Color: XColors.DimGray), new XRect(left, y, width, 28), "sign label", Align.Center);
        y += 28;
        writer.Box(table.Number.ToString(Words.English), new TextStyle(130, Bold: true), new XRect(left, y, width, 175), "sign number", Align.Center);
        y += 175;
        if (model.Blank)
        {
            writer.Box("Mentor: " + Words.Blank, new TextStyle(18), new XRect(left, y, width, 30), "sign mentor", Align.Center);
            return;
        }

        y += writer.Box(table.Mentor ?? "", new TextStyle(28, Bold: true), new XRect(left, y, width, 40), "sign mentor", Align.Center, shrinkTo: 14, maxLines: 1);
        y += writer.Box(table.Agency, new TextStyle(16), new XRect(left, y, width, 24), "sign agency", Align.Center, shrinkTo: 10);
        var rest = top + height - y - 16;
        if (table.Expertise.Count > 0 && rest > 20)
        {
            writer.Box("Ask me about: " + Words.List(table.Expertise), new TextStyle(14), new XRect(left, y + 4, width, rest), "sign expertise", Align.Center, shrinkTo: 9);
        }
    }
}
