using System.Globalization;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Roster;

namespace FlashMentoring.Web.Online;

/// <summary>The rooms a host's CSV gives (table and link per line), and the lines left out, by line number.</summary>
public sealed record RoomLines(IReadOnlyList<RoomLink> Links, IReadOnlyList<RoomProblem> Problems);

/// <summary>
/// Reads a <c>table,link</c> CSV of video rooms the host already made (Teams or Zoom meetings): the header line is
/// optional, a link must be a safe https one, and a table must be one of the plan's, named once.
/// </summary>
public static class RoomImport
{
    /// <summary>The largest file taken: a thousand tables of long links fit in a fraction of it.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Reads the file's bytes as the roster upload does: UTF-8 with or without a BOM, else Latin-1.</summary>
    public static RoomLines Read(byte[] bytes, int tables)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (text, _) = RosterParser.Decode(bytes);
        return Read(text, tables);
    }

    /// <summary>Reads decoded text; <paramref name="tables"/> is how many tables the plan has (numbered from 1).</summary>
    public static RoomLines Read(string text, int tables)
    {
        ArgumentNullException.ThrowIfNull(text);
        var links = new List<RoomLink>();
        var problems = new List<RoomProblem>();
        var firstLine = new Dictionary<int, int>();
        var first = true;
        foreach (var (line, fields) in CsvLines.Read(text, trim: true))
        {
            if (fields is null)
            {
                problems.Add(new RoomProblem(line, "This line and the rest of the file could not be read: look for a quote that is not closed."));
                break;
            }

            if (first && fields.Length >= 1 && fields[0].Equals("table", StringComparison.OrdinalIgnoreCase))
            {
                first = false;
                continue;
            }

            first = false;
            if (Check(fields, tables, firstLine, line) is { } problem)
            {
                problems.Add(new RoomProblem(line, problem));
                continue;
            }

            var table = int.Parse(fields[0], CultureInfo.InvariantCulture);
            firstLine[table] = line;
            links.Add(new RoomLink { Table = table, Link = fields[1].Trim() });
        }

        return new RoomLines(links, problems);
    }

    private static string? Check(string[] fields, int tables, Dictionary<int, int> firstLine, int line)
    {
        if (fields.Length < 2 || fields.Skip(2).Any(f => f.Length > 0))
        {
            return "Write the table number, a comma, then the room's link (table,link).";
        }

        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var table))
        {
            return $"\"{fields[0]}\" is not a table number; write the number only, such as 7.";
        }

        if (table < 1 || table > tables)
        {
            return tables == 0 ? "The event has no tables yet: upload the roster first." : $"There is no table {table}: the plan has tables 1 to {tables}.";
        }

        if (firstLine.TryGetValue(table, out var earlier))
        {
            return $"Table {table} already has a room on line {earlier}; keep one line per table.";
        }

        return OnlineRooms.IsSafeLink(fields[1], out var problem) ? null : problem;
    }
}
