using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashMentoring.Web.Hosting;

/// <summary>CSV files the host downloads (ratings, pairs, the roster), made one way.</summary>
public static class CsvDownload
{
    /// <summary>
    /// A UTF-8 CSV with a byte-order mark (so Excel reads accents). CsvHelper escapes cells that start with = + - @
    /// tab or CR with a leading quote, so a spreadsheet shows a name like "=HYPERLINK(...)" as text instead of running it.
    /// </summary>
    public static FileContentHttpResult File(string name, string[] header, IEnumerable<string[]> rows)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, config))
        {
            foreach (var row in rows.Prepend(header))
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(), "text/csv", name);
    }
}
