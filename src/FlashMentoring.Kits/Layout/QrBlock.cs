using PdfSharp.Drawing;
using QRCoder;

namespace FlashMentoring.Kits.Layout;

/// <summary>A QR code drawn as vector squares: sharp at any print size, no image to embed.</summary>
public static class QrBlock
{
    /// <summary>
    /// True when the code for <paramref name="text"/> drawn <paramref name="size"/> points wide has modules of at least
    /// <paramref name="minModule"/> points: a long link makes a dense code that a phone cannot read from paper when small.
    /// </summary>
    public static bool Scannable(string text, double size, double minModule)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return size / data.ModuleMatrix.Count >= minModule;
    }

    /// <summary>Draws the code for <paramref name="text"/> in a square of side <paramref name="size"/> at (x, y), quiet zone included.</summary>
    public static void Draw(XGraphics gfx, string text, double x, double y, double size)
    {
        ArgumentNullException.ThrowIfNull(gfx);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var cell = size / matrix.Count;
        gfx.DrawRectangle(XBrushes.White, x, y, size, size);
        for (var r = 0; r < matrix.Count; r++)
        {
            for (var c = 0; c < matrix[r].Count; c++)
            {
                if (matrix[r][c])
                {
                    // A hair of overlap so neighbouring squares print as one shape.
                    gfx.DrawRectangle(XBrushes.Black, x + (c * cell), y + (r * cell), cell + 0.05, cell + 0.05);
                }
            }
        }
    }
}
