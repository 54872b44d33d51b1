using System.Globalization;
using System.Text;
using PdfSharp.Drawing;

namespace FlashMentoring.Kits.Layout;

/// <summary>How a piece of text looks: size in points, weight, colour.</summary>
/// <param name="Size">Font size in points.</param>
/// <param name="Bold">Bold weight.</param>
/// <param name="Color">Ink colour; black when null.</param>
public sealed record TextStyle(double Size, bool Bold = false, XColor? Color = null)
{
    /// <summary>Body text.</summary>
    public static readonly TextStyle Body = new(10.5);

    /// <summary>The same style at another size.</summary>
    public TextStyle WithSize(double size) => this with { Size = size };

    internal XBrush Brush => Color is { } c ? new XSolidBrush(c) : XBrushes.Black;
}

/// <summary>A stretch of text drawn in one font.</summary>
internal readonly record struct Run(string Text, bool Cjk);

// Wrapped by hand: MigraDoc (PDFsharp-MigraDoc), which lays out paragraphs, is not served by the package registry this
// project builds from, and PDFsharp's own XTextFormatter breaks only at spaces, in one font, without saying where the
// lines fell (the kit counts them to shrink text into its box, report what is cut and measure a row before drawing it).
/// <summary>Splits text into runs by font and measures it: characters the main font lacks go to the CJK font.</summary>
internal static class TextRuns
{
    private static readonly Dictionary<(string, double, bool), XFont> Fonts = [];

    public static XFont Font(TextStyle style, bool cjk)
    {
        KitFonts.EnsureReady();
        var key = (cjk ? KitFonts.Cjk : KitFonts.Main, style.Size, style.Bold);
        lock (Fonts)
        {
            if (!Fonts.TryGetValue(key, out var font))
            {
                Fonts[key] = font = new XFont(key.Item1, style.Size, style.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            }

            return font;
        }
    }

    public static List<Run> Split(string text)
    {
        var runs = new List<Run>();
        var current = new StringBuilder();
        var cjk = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var needsCjk = rune.Value > 0x20 && !KitFonts.MainCovers(rune.Value);
            if (current.Length > 0 && needsCjk != cjk)
            {
                runs.Add(new Run(current.ToString(), cjk));
                current.Clear();
            }

            cjk = needsCjk;
            current.Append(rune.ToString());
        }

        if (current.Length > 0)
        {
            runs.Add(new Run(current.ToString(), cjk));
        }

        return runs;
    }

    public static double Width(XGraphics gfx, string text, TextStyle style) =>
        Split(text).Sum(r => gfx.MeasureString(r.Text, Font(style, r.Cjk)).Width);

    public static double LineHeight(TextStyle style) => style.Size * 1.3;

    /// <summary>Draws one line with its top-left at (x, y).</summary>
    public static void Draw(XGraphics gfx, string text, TextStyle style, double x, double y)
    {
        // Baselines line up across fonts: place every run by the main font's ascent.
        var baseline = y + (style.Size * 1.07);
        foreach (var run in Split(text))
        {
            var font = Font(style, run.Cjk);
            gfx.DrawString(run.Text, font, style.Brush, x, baseline, XStringFormats.BaseLineLeft);
            x += gfx.MeasureString(run.Text, font).Width;
        }
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>: at spaces, anywhere between CJK characters,
    /// and inside a word only when the word alone is too wide. Explicit newlines start new lines.
    /// </summary>
    public static List<string> Wrap(XGraphics gfx, string text, TextStyle style, double width) =>
        Lines(gfx, text, style, width).Select(l => l.Text).ToList();

    /// <summary>
    /// The lines of <see cref="Wrap"/>, each with whether a space (or a line break) separates it from the next: drawn
    /// after the line, where it shows nothing, it keeps the words apart for a screen reader and a copy and paste.
    /// </summary>
    public static List<(string Text, bool Space)> Lines(XGraphics gfx, string text, TextStyle style, double width)
    {
        var lines = new List<(string Text, bool Space)>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var token in Tokens(paragraph))
            {
                var candidate = line.Length == 0 ? token.TrimStart() : line + token;
                if (Width(gfx, candidate, style) <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add((line.ToString().TrimEnd(), token.StartsWith(' ')));
                    line.Clear();
                }

                // A token wider than the line on its own: split it by character.
                var piece = new StringBuilder();
                foreach (var element in Elements(token.TrimStart()))
                {
                    if (piece.Length > 0 && Width(gfx, piece + element, style) > width)
                    {
                        lines.Add((piece.ToString(), false));
                        piece.Clear();
                    }

                    piece.Append(element);
                }

                line.Append(piece);
            }

            lines.Add((line.ToString().TrimEnd(), true));
        }

        if (lines.Count > 0)
        {
            lines[^1] = (lines[^1].Text, false);
        }

        return lines;
    }

    // Words with their leading space; every CJK character is a token of its own (lines may break between them).
    private static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var breakable = rune.Value >= 0x2E80 && !KitFonts.MainCovers(rune.Value);
            if ((rune.Value == ' ' || breakable) && token.Length > 0 && token.ToString().Trim().Length > 0)
            {
                yield return token.ToString();
                token.Clear();
            }

            token.Append(rune.ToString());
            if (breakable)
            {
                yield return token.ToString();
                token.Clear();
            }
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }

    private static IEnumerable<string> Elements(string text)
    {
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            yield return e.GetTextElement();
        }
    }
}
