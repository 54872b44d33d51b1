using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Layout;

/// <summary>A column: header text and its share of the table's width.</summary>
/// <param name="Header">Header text.</param>
/// <param name="Weight">Relative width.</param>
public sealed record Column(string Header, double Weight = 1);

// Laid out by hand because MigraDoc (PDFsharp-MigraDoc, whose tables repeat their header and keep rows whole) is not
// served by the package registry this project builds from, in any version; PDFsharp alone draws, it does not lay out.
/// <summary>
/// A table that flows down the page: cells wrap, a row never splits, and the header repeats at the top of every
/// page the table continues on. A screen reader reads it as a table (its header once).
/// </summary>
public sealed class TableBlock(IReadOnlyList<Column> columns, TextStyle? style = null)
{
    private const double Pad = 3;
    private readonly TextStyle cell = style ?? new TextStyle(9);
    private readonly List<IReadOnlyList<string>> rows = [];

    /// <summary>Minimum row height, e.g. to leave room for handwriting.</summary>
    public double MinRowHeight { get; init; }

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public TableBlock Row(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"A row needs {columns.Count} cells; got {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
        return this;
    }

    /// <summary>Draws the table at the writer's cursor, breaking pages as needed.</summary>
    public void Draw(KitWriter writer, string where)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var header = cell with { Bold = true };
        var widths = Widths(writer.Width);
        var headerCells = columns.Select(c => c.Header).ToList();
        var headerHeight = Height(writer, headerCells, header, widths);
        writer.Room(headerHeight + Height(writer, rows.FirstOrDefault() ?? headerCells, cell, widths));
        writer.Element("/Table", () =>
        {
            DrawRow(writer, headerCells, header, widths, headerHeight, shaded: true, where);
            foreach (var row in rows)
            {
                var height = Math.Max(MinRowHeight, Height(writer, row, cell, widths));
                if (writer.Room(height))
                {
                    // The header again, for the eye: a reader has heard it.
                    writer.Artifact(() => DrawRow(writer, headerCells, header, widths, headerHeight, shaded: true, where));
                }

                DrawRow(writer, row, cell, widths, height, shaded: false, where);
            }
        });

        writer.Y += 8;
    }

    private double[] Widths(double total)
    {
        var sum = columns.Sum(c => c.Weight);
        return columns.Select(c => total * c.Weight / sum).ToArray();
    }

    private static double Height(KitWriter writer, IReadOnlyList<string> cells, TextStyle style, double[] widths) =>
        cells.Select((text, k) => writer.Measure(text, style, widths[k] - (2 * Pad))).Max() + (2 * Pad);

    private static void DrawRow(KitWriter writer, IReadOnlyList<string> cells, TextStyle style, double[] widths, double height, bool shaded, string where)
    {
        var x = writer.Left;
        var pen = new XPen(XColors.Gray, 0.5);
        writer.Element("/TR", () =>
        {
            for (var k = 0; k < cells.Count; k++)
            {
                var rect = new XRect(x, writer.Y, widths[k], height);
                writer.Artifact(g =>
                {
                    if (shaded)
                    {
                        g.DrawRectangle(new XSolidBrush(XColor.FromArgb(235, 238, 242)), rect);
                    }

                    g.DrawRectangle(pen, rect);
                });
                var text = cells[k];
                var box = new XRect(x + Pad, writer.Y + Pad, widths[k] - (2 * Pad), height - (2 * Pad));
                writer.Element(shaded ? "/TH" : "/TD", () => writer.Box(text, style, box, where, tag: Tag.Inherit));
                x += widths[k];
            }
        });

        writer.Y += height;
    }
}
