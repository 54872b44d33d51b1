using System.Globalization;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
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
    public static RoomLines Read(byte[] bytes, int tables, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (text, _) = RosterParser.Decode(bytes);
        return Read(text, tables, texts);
    }

    /// <summary>Reads decoded text; <paramref name="tables"/> is how many tables the plan has (numbered from 1); problems in <paramref name="texts"/>' language.</summary>
    public static RoomLines Read(string text, int tables, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        texts ??= Texts.English;
        var links = new List<RoomLink>();
        var problems = new List<RoomProblem>();
        var firstLine = new Dictionary<int, int>();
        var first = true;
        foreach (var (line, fields) in CsvLines.Read(text, trim: true))
        {
            if (fields is null)
            {
                problems.Add(new RoomProblem(line, texts.T("online.problem.unreadable")));
                break;
            }

            if (first && fields.Length >= 1 && fields[0].Equals("table", StringComparison.OrdinalIgnoreCase))
            {
                first = false;
                continue;
            }

            first = false;
            if (Check(fields, tables, firstLine, texts) is { } problem)
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

    private static string? Check(string[] fields, int tables, Dictionary<int, int> firstLine, Texts texts)
    {
        if (fields.Length < 2 || fields.Skip(2).Any(f => f.Length > 0))
        {
            return texts.T("online.problem.lineShape");
        }

        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var table))
        {
            return texts.T("online.problem.notNumber", ("text", fields[0]));
        }

        if (table < 1 || table > tables)
        {
            return tables == 0 ? texts.T("online.problem.noTablesYet") : texts.T("online.problem.tableOutOfRange", ("table", table), ("count", tables));
        }

        if (firstLine.TryGetValue(table, out var earlier))
        {
            return texts.T("online.problem.tableTwice", ("table", table), ("line", earlier));
        }

        return OnlineRooms.IsSafeLink(fields[1], out var problem, texts) ? null : problem;
    }
}
