using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace FlashMentoring.Web.Roster;

/// <summary>
/// One record of an uploaded CSV: the line it starts on, as a spreadsheet numbers it, and its fields; no fields when
/// the file could not be read from that line on (the last record then).
/// </summary>
public sealed record CsvLine(int Line, string[]? Fields);

/// <summary>The records of a host's small CSV uploads (rooms, earlier meetings), read the same forgiving way.</summary>
public static class CsvLines
{
    /// <summary>
    /// The records of <paramref name="text"/> (a leading BOM dropped, blank lines skipped, short or long lines kept as
    /// they are); <paramref name="trim"/> trims each field.
    /// </summary>
    public static IEnumerable<CsvLine> Read(string text, bool trim = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = true,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = trim ? TrimOptions.Trim : TrimOptions.None,
        };
        return Records(text.TrimStart('\uFEFF'), config);
    }

    private static IEnumerable<CsvLine> Records(string text, CsvConfiguration config)
    {
        using var csv = new CsvReader(new StringReader(text), config);
        while (true)
        {
            CsvLine record;
            try
            {
                if (!csv.Read())
                {
                    break;
                }

                // RawRow is the record's last line: a quoted field with line breaks starts it earlier.
                var raw = csv.Parser.RawRecord.TrimEnd('\r', '\n');
                record = new CsvLine(csv.Parser.RawRow - raw.Count(c => c == '\n'), csv.Parser.Record ?? []);
            }
            catch (CsvHelperException)
            {
                // CsvHelper gives up on the rest of the file (an unclosed quote running to its end, say).
                record = new CsvLine(csv.Parser.RawRow, null);
            }

            yield return record;
            if (record.Fields is null)
            {
                break;
            }
        }
    }
}
