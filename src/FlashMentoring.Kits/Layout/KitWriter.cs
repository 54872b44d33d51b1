using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FlashMentoring.Kits.Layout;

/// <summary>Paper sizes the kit prints on.</summary>
public enum Paper
{
    /// <summary>US Letter, 8.5 x 11 in.</summary>
    Letter,

    /// <summary>ISO A4, 210 x 297 mm.</summary>
    A4,
}

/// <summary>Horizontal alignment of a text box.</summary>
public enum Align
{
    /// <summary>Flush left.</summary>
    Left,

    /// <summary>Centred.</summary>
    Center,

    /// <summary>Flush right.</summary>
    Right,
}

/// <summary>
/// The page flow every kit part writes into: pages of one paper size, a cursor that moves down the page and
/// breaks to a new page when the next block does not fit, and text boxes that wrap and report what they cut.
/// </summary>
public sealed class KitWriter : IDisposable
{
    /// <summary>Page margin in points (half an inch).</summary>
    public const double Margin = 36;

    private readonly PdfDocument document;
    private readonly List<(PdfPage Page, string Footer)> footers = [];
    private XGraphics? gfx;
    private string footer = "";
    private bool landscape;

    /// <summary>Starts an empty document on the given paper.</summary>
    public KitWriter(Paper paper, string title)
    {
        // The font resolver must be in place before the first font is made.
        KitFonts.EnsureReady();
        document = new PdfDocument();
        Paper = paper;
        document.Info.Title = title;
        document.Info.Creator = "FlashMentoring";

        // PDFsharp 6.2 has no Producer setter, and on save it keeps a Producer only if it starts with its own name
        // (any other it wraps as "PDFsharp 6.2.4 (Original: ...)"); so a reader's tools name the library and the app.
        document.Info.Elements.SetString("/Producer", $"{PdfSharpProductVersionInformation.Creator} for FlashMentoring");
    }

    /// <summary>The paper every page uses.</summary>
    public Paper Paper { get; }

    /// <summary>What the layout noticed (text cut to fit).</summary>
    public LayoutReport Report { get; } = new();

    /// <summary>The current page's drawing surface.</summary>
    public XGraphics Graphics => gfx ?? throw new InvalidOperationException("Start a page first.");

    /// <summary>Page width in points.</summary>
    public double PageWidth { get; private set; }

    /// <summary>Page height in points.</summary>
    public double PageHeight { get; private set; }

    /// <summary>Left edge of the writable area.</summary>
    public double Left => Margin;

    /// <summary>Width of the writable area.</summary>
    public double Width => PageWidth - (2 * Margin);

    /// <summary>Bottom of the writable area (above the footer).</summary>
    public double Bottom => PageHeight - Margin - 14;

    /// <summary>The cursor: where the next block starts.</summary>
    public double Y { get; set; }

    /// <summary>Called with the page count whenever a page starts (progress for long kits).</summary>
    public Action<int>? PageStarted { get; init; }

    /// <summary>Pages so far.</summary>
    public int PageCount => document.PageCount;

    /// <summary>Starts a new page; the footer line is printed on it with the page number.</summary>
    public void NewPage(string footerText, bool landscape = false)
    {
        gfx?.Dispose();
        var page = document.AddPage();
        page.Size = Paper == Paper.A4 ? PageSize.A4 : PageSize.Letter;
        page.Orientation = landscape ? PageOrientation.Landscape : PageOrientation.Portrait;
        PageWidth = page.Width.Point;
        PageHeight = page.Height.Point;
        footer = footerText;
        this.landscape = landscape;
        footers.Add((page, footerText));
        gfx = XGraphics.FromPdfPage(page);
        Y = Margin;
        PageStarted?.Invoke(document.PageCount);
    }

    /// <summary>Makes room for a block of <paramref name="height"/> points, breaking to a page like this one if needed; true when it broke.</summary>
    public bool Room(double height)
    {
        if (gfx is not null && Y + height <= Bottom)
        {
            return false;
        }

        NewPage(footer, landscape);
        return true;
    }

    /// <summary>
    /// Wraps text into a box and draws what fits; anything cut is reported. Returns the height used.
    /// With <paramref name="shrinkTo"/>, the size first shrinks (down to that size) until the text fits.
    /// </summary>
    public double Box(string text, TextStyle style, XRect box, string where, Align align = Align.Left, double? shrinkTo = null, int? maxLines = null)
    {
        var g = Graphics;
        var lines = TextRuns.Wrap(g, text, style, box.Width);
        while (shrinkTo is { } min && style.Size > min && (TooTall(lines, style, box.Height) || (maxLines is { } most && lines.Count > most)))
        {
            style = style.WithSize(Math.Max(min, style.Size * 0.92));
            lines = TextRuns.Wrap(g, text, style, box.Width);
        }

        var lineHeight = TextRuns.LineHeight(style);
        var fits = (int)Math.Floor((box.Height + 0.01) / lineHeight);
        if (maxLines is { } cap)
        {
            fits = Math.Min(fits, cap);
        }

        if (lines.Count > fits || lines.Any(l => TextRuns.Width(g, l, style) > box.Width + 0.5))
        {
            Report.Overflowed(PageCount, where, text);
        }

        var y = box.Top;
        foreach (var line in lines.Take(Math.Max(0, fits)))
        {
            var w = TextRuns.Width(g, line, style);
            var x = align switch
            {
                Align.Center => box.Left + ((box.Width - w) / 2),
                Align.Right => box.Right - w,
                _ => box.Left,
            };
            TextRuns.Draw(g, line, style, x, y);
            y += lineHeight;
        }

        return Math.Min(lines.Count, Math.Max(0, fits)) * lineHeight;
    }

    /// <summary>How tall text wrapped to <paramref name="width"/> will be.</summary>
    public double Measure(string text, TextStyle style, double width) =>
        TextRuns.Wrap(Graphics, text, style, width).Count * TextRuns.LineHeight(style);

    /// <summary>A paragraph at the cursor, full width; the cursor moves below it.</summary>
    public void Paragraph(string text, TextStyle style, double spaceAfter = 6, string where = "paragraph")
    {
        var height = Measure(text, style, Width);
        Room(height);
        Box(text, style, new XRect(Left, Y, Width, height), where);
        Y += height + spaceAfter;
    }

    /// <summary>A heading at the cursor; it never sits alone at the bottom of a page.</summary>
    public void Heading(string text, double size = 16, double keepWithNext = 60)
    {
        var style = new TextStyle(size, Bold: true);
        var height = Measure(text, style, Width);
        Room(height + keepWithNext);
        Box(text, style, new XRect(Left, Y, Width, height), "heading");
        Y += height + (size * 0.4);
    }

    /// <summary>Dashed cut or fold line.</summary>
    public void DashedLine(double x1, double y1, double x2, double y2)
    {
        var pen = new XPen(XColors.Gray, 0.6) { DashStyle = XDashStyle.Dash };
        Graphics.DrawLine(pen, x1, y1, x2, y2);
    }

    /// <summary>Closes the document: page numbers and footers on every page, then the PDF bytes.</summary>
    public byte[] Finish()
    {
        gfx?.Dispose();
        gfx = null;
        var total = footers.Count;
        for (var k = 0; k < total; k++)
        {
            var (page, text) = footers[k];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var style = new TextStyle(8, Color: XColors.DimGray);
            var line = $"{text}    page {k + 1} of {total}".Trim();
            var w = TextRuns.Width(g, line, style);
            TextRuns.Draw(g, line, style, page.Width.Point - Margin - w, page.Height.Point - Margin);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        gfx?.Dispose();
        document.Dispose();
    }

    private static bool TooTall(List<string> lines, TextStyle style, double height) => lines.Count * TextRuns.LineHeight(style) > height + 0.01;
}
