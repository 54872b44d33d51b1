using FlashMentoring.Core.Wording;
using FlashMentoring.Kits.Documents;
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
/// breaks to a new page when the next block does not fit, and text boxes that wrap and report what they cut. What it
/// writes is tagged for screen readers (headings, paragraphs, lists, tables, figures; rules and page numbers as
/// artifacts), and the document names its title and language.
/// </summary>
public sealed class KitWriter : IDisposable
{
    /// <summary>Page margin in points (half an inch).</summary>
    public const double Margin = 36;

    private readonly PdfDocument document;
    private readonly StructureTree tree;
    private readonly Stack<string> languages = new();
    private readonly List<(PdfPage Page, string Footer)> footers = [];
    private XGraphics? gfx;
    private string footer = "";
    private bool landscape;

    /// <summary>Starts an empty document on the given paper, titled <paramref name="title"/>, in <paramref name="texts"/>' language (English when null).</summary>
    public KitWriter(Paper paper, string title, Texts? texts = null)
    {
        // The font resolver must be in place before the first font is made.
        KitFonts.EnsureReady();
        document = new PdfDocument();
        Paper = paper;
        Words = Words.For(texts?.Code);
        document.Info.Title = title;
        document.Info.Creator = "FlashMentoring";

        // A reader's title bar and screen reader say the title, not the file name, and read the text in its language.
        document.ViewerPreferences.DisplayDocTitle = true;
        document.Language = Words.Code;
        tree = new StructureTree(document, Words.Code);
        languages.Push(Words.Code);

        // PDFsharp 6.2 has no Producer setter, and on save it keeps a Producer only if it starts with its own name
        // (any other it wraps as "PDFsharp 6.2.4 (Original: ...)"); so a reader's tools name the library and the app.
        document.Info.Elements.SetString("/Producer", $"{PdfSharpProductVersionInformation.Creator} for FlashMentoring");
    }

    /// <summary>The paper every page uses.</summary>
    public Paper Paper { get; }

    /// <summary>The document's language ("en", "es"): its footers, and its text unless a section says otherwise.</summary>
    public string Language => Words.Code;

    internal Words Words { get; }

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
        tree.OnPage(page, gfx);
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
    public double Box(string text, TextStyle style, XRect box, string where, Align align = Align.Left, double? shrinkTo = null, int? maxLines = null, Tag tag = Tag.Paragraph)
    {
        ArgumentNullException.ThrowIfNull(text);
        var g = Graphics;
        var lines = TextRuns.Lines(g, text, style, box.Width);
        while (shrinkTo is { } min && style.Size > min && (TooTall(lines.Count, style, box.Height) || (maxLines is { } most && lines.Count > most)))
        {
            style = style.WithSize(Math.Max(min, style.Size * 0.92));
            lines = TextRuns.Lines(g, text, style, box.Width);
        }

        var lineHeight = TextRuns.LineHeight(style);
        var fits = (int)Math.Floor((box.Height + 0.01) / lineHeight);
        if (maxLines is { } cap)
        {
            fits = Math.Min(fits, cap);
        }

        if (lines.Count > fits || lines.Any(l => TextRuns.Width(g, l.Text, style) > box.Width + 0.5))
        {
            Report.Overflowed(PageCount, where, text);
        }

        var shown = lines.Take(Math.Max(0, fits)).ToList();
        if (shown.Any(l => l.Text.Length > 0))
        {
            Tagged(tag, () =>
            {
                var y = box.Top;
                foreach (var (line, space) in shown)
                {
                    var w = TextRuns.Width(g, line, style);
                    var x = align switch
                    {
                        Align.Center => box.Left + ((box.Width - w) / 2),
                        Align.Right => box.Right - w,
                        _ => box.Left,
                    };
                    TextRuns.Draw(g, space ? line + " " : line, style, x, y);
                    y += lineHeight;
                }
            });
        }

        return shown.Count * lineHeight;
    }

    /// <summary>How tall text wrapped to <paramref name="width"/> will be.</summary>
    public double Measure(string text, TextStyle style, double width) =>
        TextRuns.Wrap(Graphics, text, style, width).Count * TextRuns.LineHeight(style);

    /// <summary>A paragraph at the cursor, full width; the cursor moves below it.</summary>
    public void Paragraph(string text, TextStyle style, double spaceAfter = 6, string where = "paragraph", Tag tag = Tag.Paragraph)
    {
        var height = Measure(text, style, Width);
        Room(height);
        Box(text, style, new XRect(Left, Y, Width, height), where, tag: tag);
        Y += height + spaceAfter;
    }

    /// <summary>A heading at the cursor; it never sits alone at the bottom of a page.</summary>
    public void Heading(string text, double size = 16, double keepWithNext = 60)
    {
        var style = new TextStyle(size, Bold: true);
        var height = Measure(text, style, Width);
        Room(height + keepWithNext);
        Box(text, style, new XRect(Left, Y, Width, height), "heading", tag: tree.HeadingLevel(size) == "/H1" ? Tag.Heading1 : Tag.Heading2);
        Y += height + (size * 0.4);
    }

    /// <summary>A list at the cursor, an item a paragraph: its label ("-", "1.") and its text.</summary>
    public void List<T>(IReadOnlyList<T> items, Func<T, (string Label, string Text)> item, TextStyle style, double spaceAfter = 6)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(item);
        Element("/L", () =>
        {
            foreach (var one in items)
            {
                var (label, text) = item(one);
                Element("/LI", () => Element("/LBody", () => Paragraph($"{label} {text}", style, spaceAfter, "list", Tag.Inherit)));
            }
        });
    }

    /// <summary>
    /// A part of the document in its own language when <paramref name="language"/> is not the document's (a person's
    /// itinerary in theirs), so a screen reader switches voice for it.
    /// </summary>
    public void Section(string? language, Action compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var current = languages.Peek();
        var own = language ?? current;
        tree.Begin("/Sect", own == current ? null : own);
        languages.Push(own);
        try
        {
            compose();
        }
        finally
        {
            languages.Pop();
            tree.End();
        }
    }

    /// <summary>Draws what a reader should skip (a rule, a cut mark, a repeated header, text printed twice).</summary>
    public void Artifact(Action draw) => tree.Artifact(Graphics, draw);

    /// <summary>Draws on the page what a reader should skip.</summary>
    public void Artifact(Action<XGraphics> draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var g = Graphics;
        tree.Artifact(g, () => draw(g));
    }

    /// <summary>A QR code for <paramref name="text"/>: a figure whose alternative text is the link it holds.</summary>
    public void Qr(string text, double x, double y, double size)
    {
        var g = Graphics;
        if (tree.InArtifact)
        {
            QrBlock.Draw(g, text, x, y, size);
            return;
        }

        tree.Begin("/Figure", alt: text);
        tree.Mark(g, () => QrBlock.Draw(g, text, x, y, size));
        tree.End();
    }

    /// <summary>Dashed cut or fold line.</summary>
    public void DashedLine(double x1, double y1, double x2, double y2)
    {
        var pen = new XPen(XColors.Gray, 0.6) { DashStyle = XDashStyle.Dash };
        Artifact(g => g.DrawLine(pen, x1, y1, x2, y2));
    }

    /// <summary>A structure element around what <paramref name="compose"/> writes ("/Table", "/TR", "/TD").</summary>
    internal void Element(string type, Action compose)
    {
        if (tree.InArtifact)
        {
            compose();
            return;
        }

        tree.Begin(type);
        try
        {
            compose();
        }
        finally
        {
            tree.End();
        }
    }

    private void Tagged(Tag tag, Action draw)
    {
        var type = tag switch
        {
            Tag.Heading1 => "/H1",
            Tag.Heading2 => "/H2",
            Tag.Paragraph => "/P",
            _ => null,
        };
        if (type is null || tree.InArtifact)
        {
            tree.Mark(Graphics, draw);
            return;
        }

        tree.Begin(type);
        tree.Mark(Graphics, draw);
        tree.End();
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
            StructureTree.Start(g);
            var style = new TextStyle(8, Color: XColors.DimGray);
            var line = $"{text}    {Words.T("page", ("page", Words.Number(k + 1)), ("total", Words.Number(total)))}".Trim();
            var w = TextRuns.Width(g, line, style);
            tree.Artifact(g, () => TextRuns.Draw(g, line, style, page.Width.Point - Margin - w, page.Height.Point - Margin));
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

    private static bool TooTall(int lines, TextStyle style, double height) => lines * TextRuns.LineHeight(style) > height + 0.01;
}
