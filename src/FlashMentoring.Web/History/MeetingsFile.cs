using System.Globalization;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Live;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;

namespace FlashMentoring.Web.History;

/// <summary>A line of an uploaded meetings.csv that was skipped (line 0: the whole file).</summary>
public sealed record LineProblem(int Line, string Text);

/// <summary>
/// meetings.csv: every seat of an event's plan, one line each, the way an earlier event is handed to the next one.
/// The same columns are written and read, so an export uploads unchanged into another event (or another server).
/// </summary>
public static partial class MeetingsFile
{
    public static readonly string[] Header = ["event", "round", "table", "mentor", "mentor_email", "mentee", "mentee_email"];

    /// <summary>
    /// The most mentees one table of one round can have had: the most seats a table has, and the extra seat it may
    /// take on the day (<see cref="PlanSettings.ExtraSeatWhenShort"/>).
    /// </summary>
    public const int MaxMenteesAtTable = PlanSettings.MaxSeatsPerTable + 1;

    /// <summary>What the first line must be, in the words of the 400 and of the console.</summary>
    public static readonly string HeaderAdvice = $"The first line must name the columns: {string.Join(',', Header)} (mentor_email and mentee_email may be empty, then the names count).";

    /// <summary>One line per seated mentee in the first <paramref name="rounds"/> rounds, by table; resting mentees have none.</summary>
    public static IEnumerable<string[]> Rows(string eventTitle, PlanResult plan, int rounds) =>
        Seats(plan, rounds).Select(s => new[]
        {
            eventTitle, s.Round.ToString(CultureInfo.InvariantCulture), s.Table.ToString(CultureInfo.InvariantCulture),
            s.Mentor.Name, s.Mentor.Email ?? "", s.Mentee.Name, s.Mentee.Email ?? "",
        });

    /// <summary>The plan's seats in its first <paramref name="rounds"/> rounds as earlier meetings, by identity keys, under the given event name.</summary>
    public static List<PastMeetingRecord> Meetings(string eventName, PlanResult plan, int rounds) =>
        Seats(plan, rounds).Select(s => new PastMeetingRecord { Event = eventName, Round = s.Round, Table = s.Table, Mentor = s.Mentor.Key, Mentee = s.Mentee.Key }).ToList();

    /// <summary>
    /// How many of an event's rounds took place, so meetings that never happened never become history: those its
    /// clock reached (the one under way counts), or every round of an event run on paper, without the clock.
    /// </summary>
    public static int RoundsTakenPlace(EventRecord record, DateTimeOffset now)
    {
        var (held, phase) = PlanPublisher.RoundsHeld(record, now);
        return phase == Phase.Waiting ? record.Rounds : held;
    }

    private static IEnumerable<(int Round, int Table, Person Mentor, Person Mentee)> Seats(PlanResult plan, int rounds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rotation = plan.Rotation;
        for (var round = 1; round <= Math.Min(rounds, rotation.Rounds); round++)
        {
            var tables = rotation.Tables(round);
            for (var j = 0; j < tables.Count; j++)
            {
                foreach (var i in tables[j])
                {
                    yield return (round, j + 1, rotation.Mentors[j], rotation.Mentees[i]);
                }
            }
        }
    }

    /// <summary>
    /// Reads a meetings.csv. Each line's event is named "<paramref name="fileName"/>: event column", so two events of
    /// one file never merge their tables. Lines that cannot be read are skipped and said, and so are the lines of a
    /// table with more mentees than any table seats; <c>HeaderMissing</c> when the first line does not name the needed
    /// columns (then nothing is read).
    /// </summary>
    public static (List<PastMeetingRecord> Meetings, List<LineProblem> Problems, bool HeaderMissing) Read(string text, string fileName)
    {
        var read = new List<(int Line, string EventColumn, PastMeetingRecord Meeting)>();
        var problems = new List<LineProblem>();
        Dictionary<string, int>? columns = null;
        foreach (var (line, fields) in CsvLines.Read(text))
        {
            if (fields is null)
            {
                problems.Add(new LineProblem(line, "The file could not be read from here on. Check this line for an unclosed quote, then upload it again."));
                break;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (columns is null)
            {
                columns = fields.Select((name, k) => (name: name.Trim().ToLowerInvariant(), k)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().k, StringComparer.Ordinal);
                if (!columns.ContainsKey("round") || !columns.ContainsKey("table") || !(columns.ContainsKey("mentor") || columns.ContainsKey("mentor_email")) || !(columns.ContainsKey("mentee") || columns.ContainsKey("mentee_email")))
                {
                    return ([], [], true);
                }

                continue;
            }

            string Cell(string column) => columns.TryGetValue(column, out var k) && k < fields.Length ? Plain(fields[k]) : "";
            var (meeting, problem) = ReadLine(Cell, fileName);
            if (meeting is not null)
            {
                read.Add((line, Cell("event"), meeting));
            }
            else
            {
                problems.Add(new LineProblem(line, problem!));
            }
        }

        var (meetings, crowded) = WithoutCrowdedTables(read, fileName);
        return (meetings, problems.Concat(crowded).OrderBy(p => p.Line).ToList(), columns is null);
    }

    /// <summary>
    /// Keeps the meetings of every table that could be real, and says which lines of the others were skipped: every
    /// two mentees at one table become a pair of past tablemates, so a mistyped table column (thousands of mentees at
    /// table 1) would have the plan weigh millions of pairs.
    /// </summary>
    private static (List<PastMeetingRecord> Meetings, List<LineProblem> Problems) WithoutCrowdedTables(List<(int Line, string EventColumn, PastMeetingRecord Meeting)> read, string fileName)
    {
        var crowded = read.GroupBy(r => (r.Meeting.Event, r.Meeting.Round, r.Meeting.Table))
            .Select(g => (g.Key, Lines: g.Select(r => r.Line).ToList(), g.First().EventColumn, Mentees: g.Select(r => r.Meeting.Mentee).Distinct(StringComparer.Ordinal).Count()))
            .Where(g => g.Mentees > MaxMenteesAtTable)
            .ToList();
        var problems = crowded.Select(g => new LineProblem(g.Lines[0], string.Create(CultureInfo.InvariantCulture,
            $"Lines {g.Lines[0]}-{g.Lines[^1]}: {g.Mentees:N0} mentees at table {g.Key.Table} in round {g.Key.Round} of {(g.EventColumn.Length > 0 ? g.EventColumn : fileName)}; a table has at most {MaxMenteesAtTable}. Check the table column.")))
            .ToList();
        var skipped = crowded.Select(g => g.Key).ToHashSet();
        return (read.Where(r => !skipped.Contains((r.Meeting.Event, r.Meeting.Round, r.Meeting.Table))).Select(r => r.Meeting).ToList(), problems);
    }

    private static (PastMeetingRecord? Meeting, string? Problem) ReadLine(Func<string, string> cell, string fileName)
    {
        var missing = new List<string>();
        int Number(string column)
        {
            var text = cell(column);
            if (text.Length == 0)
            {
                missing.Add($"{column} is empty");
                return 0;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                missing.Add($"{column} must be a whole number from 1, not \"{text}\"");
                return 0;
            }

            return n;
        }

        var round = Number("round");
        var table = Number("table");
        string? Key(string role)
        {
            var (email, name) = (cell($"{role}_email"), cell(role));
            if (email.Length == 0 && name.Length == 0)
            {
                missing.Add($"no {role} (give {role}_email or {role})");
                return null;
            }

            return Person.KeyOf(email, name);
        }

        var mentor = Key("mentor");
        var mentee = Key("mentee");
        if (missing.Count > 0)
        {
            return (null, $"Skipped: {string.Join("; ", missing)}. Fix the line and upload the file again.");
        }

        var eventName = cell("event");
        return (new PastMeetingRecord { Event = eventName.Length == 0 ? fileName : $"{fileName}: {eventName}", Round = round, Table = table, Mentor = mentor!, Mentee = mentee! }, null);
    }

    /// <summary>
    /// A cell as the person typed it: trimmed, and without the quote our own CSV downloads put before a leading
    /// = + - @ (so a spreadsheet shows it as text), or an e-mail would not match its owner on the way back in.
    /// </summary>
    private static string Plain(string cell)
    {
        var text = cell.Trim();
        return text.Length > 1 && text[0] == '\'' && "=+-@\t\r".Contains(text[1], StringComparison.Ordinal) ? text[1..] : text;
    }

    /// <summary>"Spring Flash Mentoring" becomes "spring-flash-mentoring" for the download's name.</summary>
    public static string Slug(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var ascii = new string(title.Normalize(System.Text.NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
        var slug = NotLetterOrDigit().Replace(ascii.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "event" : slug[..Math.Min(slug.Length, 60)].TrimEnd('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLetterOrDigit();
}
