using System.Diagnostics;

namespace FlashMentoring.Kits.Tests;

/// <summary>Reads PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo), as a reader's tools would.</summary>
public static class Poppler
{
    /// <summary>The text of every page; pages are separated by form feeds.</summary>
    public static string Text(byte[] pdf, bool layout = false) => Run("pdftotext", pdf, (layout ? "-layout " : "") + "-enc UTF-8 {0} -");

    /// <summary>The text of one page (1-based).</summary>
    public static string Page(byte[] pdf, int page) => Run("pdftotext", pdf, $"-f {page} -l {page} -enc UTF-8 {{0}} -");

    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, "{0}");

    public static string Info(byte[] pdf) => Run("pdfinfo", pdf, "{0}");

    /// <summary>The tagged structure with each element's text, as a screen reader walks it.</summary>
    public static string Structure(byte[] pdf) => Run("pdfinfo", pdf, "-struct-text {0}");

    /// <summary>The XMP metadata stream, which repeats the Producer for tools that read only XMP.</summary>
    public static string Metadata(byte[] pdf) => Run("pdfinfo", pdf, "-meta {0}");

    private static string Run(string tool, byte[] pdf, string arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"fm-kit-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, file))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = System.Text.Encoding.UTF8,
            }) ?? throw new InvalidOperationException($"{tool} did not start; install poppler-utils.");
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed: {error}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
