using System.Buffers.Binary;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace FlashMentoring.Kits.Layout;

/// <summary>
/// The kit's fonts: Noto Sans (Latin, Greek, Cyrillic, Vietnamese) with Noto Sans SC for the CJK characters it
/// lacks, both embedded as subsets. PDFsharp finds fonts only through a resolver on Linux, and it does not fall
/// back per character, so <see cref="TextRuns"/> splits text by what the main font covers.
/// </summary>
public static class KitFonts
{
    /// <summary>The family for most text.</summary>
    public const string Main = "Noto Sans";

    /// <summary>The family for characters <see cref="Main"/> has no glyph for (Chinese, Japanese kanji).</summary>
    public const string Cjk = "Noto Sans SC";

    private static readonly Lock Gate = new();
    private static HashSet<int>? mainCoverage;

    /// <summary>Registers the font resolver and the Unicode encoding, once.</summary>
    public static void EnsureReady()
    {
        if (mainCoverage is not null)
        {
            return;
        }

        lock (Gate)
        {
            if (mainCoverage is not null)
            {
                return;
            }

            var folder = Locate();
            var resolver = new Resolver(folder);
            GlobalFontSettings.FontResolver = resolver;
            GlobalFontSettings.DefaultFontEncoding = PdfFontEncoding.Unicode;
            mainCoverage = Coverage(resolver.GetFont("NotoSans-Regular")!);
        }
    }

    /// <summary>True when the main font has a glyph for the code point.</summary>
    public static bool MainCovers(int codePoint)
    {
        EnsureReady();
        return mainCoverage!.Contains(codePoint);
    }

    /// <summary>The fonts folder the build copies next to the binaries (or, from a source tree, the npm packages).</summary>
    private static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "fonts");
        if (File.Exists(Path.Combine(beside, "NotoSans_400Regular.ttf")))
        {
            return beside;
        }

        throw new FileNotFoundException($"The kit's fonts are missing from {beside}. Build the solution (it installs them with npm) and try again.");
    }

    /// <summary>Code points mapped by the font's Unicode cmap (format 4 or 12).</summary>
    internal static HashSet<int> Coverage(byte[] font)
    {
        var span = font.AsSpan();
        int tables = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        var cmap = -1;
        for (var t = 0; t < tables; t++)
        {
            var record = span[(12 + (16 * t))..];
            if (record[..4].SequenceEqual("cmap"u8))
            {
                cmap = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            }
        }

        var covered = new HashSet<int>();
        if (cmap < 0)
        {
            return covered;
        }

        int subtables = BinaryPrimitives.ReadUInt16BigEndian(span[(cmap + 2)..]);
        int best = -1, bestFormat = 0;
        for (var k = 0; k < subtables; k++)
        {
            var entry = span[(cmap + 4 + (8 * k))..];
            int platform = BinaryPrimitives.ReadUInt16BigEndian(entry);
            int encoding = BinaryPrimitives.ReadUInt16BigEndian(entry[2..]);
            var offset = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(entry[4..]);
            int format = BinaryPrimitives.ReadUInt16BigEndian(span[offset..]);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (unicode && (format == 12 || (format == 4 && bestFormat != 12)))
            {
                best = offset;
                bestFormat = format;
            }
        }

        if (bestFormat == 12)
        {
            var groups = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(best + 12)..]);
            for (var g = 0; g < groups; g++)
            {
                var group = span[(best + 16 + (12 * g))..];
                var start = (int)BinaryPrimitives.ReadUInt32BigEndian(group);
                var end = (int)BinaryPrimitives.ReadUInt32BigEndian(group[4..]);
                for (var c = start; c <= end; c++)
                {
                    covered.Add(c);
                }
            }
        }
        else if (bestFormat == 4)
        {
            int segments = BinaryPrimitives.ReadUInt16BigEndian(span[(best + 6)..]) / 2;
            for (var s = 0; s < segments; s++)
            {
                int end = BinaryPrimitives.ReadUInt16BigEndian(span[(best + 14 + (2 * s))..]);
                int start = BinaryPrimitives.ReadUInt16BigEndian(span[(best + 16 + (2 * segments) + (2 * s))..]);
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    covered.Add(c);
                }
            }
        }

        return covered;
    }

    private sealed class Resolver(string folder) : IFontResolver
    {
        private readonly Dictionary<string, byte[]> loaded = [];

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            // Italic is never used; everything not CJK resolves to Noto Sans.
            var face = string.Equals(familyName, Cjk, StringComparison.OrdinalIgnoreCase) ? "NotoSansSC" : "NotoSans";
            return new FontResolverInfo(face + (bold ? "-Bold" : "-Regular"));
        }

        public byte[]? GetFont(string faceName)
        {
            lock (loaded)
            {
                if (!loaded.TryGetValue(faceName, out var bytes))
                {
                    var file = faceName switch
                    {
                        "NotoSans-Regular" => "NotoSans_400Regular.ttf",
                        "NotoSans-Bold" => "NotoSans_700Bold.ttf",
                        "NotoSansSC-Regular" => "NotoSansSC_400Regular.ttf",
                        "NotoSansSC-Bold" => "NotoSansSC_700Bold.ttf",
                        _ => null,
                    };
                    if (file is null)
                    {
                        return null;
                    }

                    loaded[faceName] = bytes = File.ReadAllBytes(Path.Combine(folder, file));
                }

                return bytes;
            }
        }
    }
}
