using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace FlashMentoring.Core.Roster;

/// <summary>A roster line that did not become a person, and why.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Reason">What is wrong and what to change.</param>
public sealed record RejectedLine(int Line, string Reason);

/// <summary>Something the host should look at that did not stop the line from importing.</summary>
/// <param name="Line">1-based line number, or 0 for the whole file.</param>
/// <param name="Message">What was noticed.</param>
public sealed record RosterWarning(int Line, string Message);

/// <summary>The result of importing a roster: people, rejected lines and warnings; every non-blank line is in one of the first two.</summary>
/// <param name="People">Accepted people in file order.</param>
/// <param name="Rejected">Lines that were not imported.</param>
/// <param name="Warnings">Accepted lines with something worth a look (an unknown name under prefers, say).</param>
public sealed record RosterImport(IReadOnlyList<Person> People, IReadOnlyList<RejectedLine> Rejected, IReadOnlyList<RosterWarning> Warnings)
{
    /// <summary>People who can host a table.</summary>
    public IEnumerable<Person> Mentors => People.Where(p => p.CanMentor);

    /// <summary>People who can sit at a table.</summary>
    public IEnumerable<Person> Mentees => People.Where(p => p.CanBeMentee);
}

/// <summary>Limits that keep a hostile or mistaken upload from costing the host more than a clear message.</summary>
public sealed record RosterLimits
{
    /// <summary>Most data lines accepted.</summary>
    public int MaxLines { get; init; } = 20_000;

    /// <summary>Longest field accepted, in characters.</summary>
    public int MaxFieldLength { get; init; } = 1_000;

    /// <summary>Longest name accepted, once cleaned (<see cref="PersonFields.MaxNameLength"/>; older releases took up to <see cref="MaxFieldLength"/>).</summary>
    public int MaxNameLength { get; init; } = PersonFields.MaxNameLength;

    /// <summary>Most entries in a <c>;</c>-separated list.</summary>
    public int MaxListEntries { get; init; } = 50;
}

/// <summary>Reads the roster template (<c>role,name,email,agency,location,grade,expertise,needs,goals,prefers,avoid</c>, optional <c>breaks</c>, <c>attends</c>, <c>timezone</c>, <c>language</c>).</summary>
public static class RosterParser
{
    /// <summary>The template's columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["role", "name", "email", "agency", "location", "grade", "expertise", "needs", "goals", "prefers", "avoid"];

    /// <summary>Columns the parser also understands when the header names them.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = ["breaks", "attends", "timezone", "language"];

    /// <summary>The header line of the blank template.</summary>
    public static string TemplateHeader => string.Join(',', Columns);

    /// <summary>Decodes bytes as UTF-8 (BOM or not); falls back to Latin-1 for legacy Excel exports.</summary>
    public static (string Text, bool WasLatin1) Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            return (strict.GetString(bytes), false);
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.Latin1.GetString(bytes), true);
        }
    }

    /// <summary>Reads a roster file: decodes it (see <see cref="Decode"/>) and parses it.</summary>
    public static RosterImport Parse(Stream stream, RosterLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var (text, latin1) = Decode(buffer.ToArray());
        return Parse(text, limits, latin1);
    }

    /// <summary>Parses roster text. Never throws for bad content: every problem becomes a rejected line or a warning.</summary>
    public static RosterImport Parse(string text, RosterLimits? limits = null) => Parse(text, limits, wasLatin1: false);

    /// <summary>Parses decoded roster text, warning when it had to be read as Latin-1.</summary>
    public static RosterImport Parse(string text, RosterLimits? limits, bool wasLatin1)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= new RosterLimits();
        var state = new ParseState(limits);
        text = text.TrimStart('\uFEFF');

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = true,
            BadDataFound = args => state.BadData(args.Context?.Parser?.RawRow ?? 0),
            MissingFieldFound = null,
            TrimOptions = TrimOptions.None,
            DetectColumnCountChanges = false,
        };

        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        var previousEnd = 0;
        // A quote left open runs to the end of the file and counts the file's last line break as one of its own.
        var lastLine = CountLineBreaks(text) + 1;
        try
        {
            while (csv.Read())
            {
                var end = Math.Min(csv.Parser.RawRow, lastLine);
                var raw = csv.Parser.RawRecord ?? "";
                var start = Math.Max(previousEnd + 1, end - CountLineBreaks(raw));
                previousEnd = end;
                var fields = csv.Parser.Record ?? [];
                if (!state.Accept(start, end, fields))
                {
                    break;
                }
            }
        }
        catch (CsvHelperException ex)
        {
            // CsvHelper gives up on the rest of the file (a field over MaxFieldSize, say); say where.
            var line = previousEnd + 1;
            state.Reject(line, $"The file could not be read from here on ({FirstSentence(ex.Message)}). Check for an unclosed quote or a very long field near line {line}.");
        }

        var result = state.Finish();
        return wasLatin1
            ? result with { Warnings = [new RosterWarning(0, "The file is not UTF-8; it was read as Latin-1. In Excel, save as \"CSV UTF-8\" to keep accented names."), .. result.Warnings] }
            : result;
    }

    private static int CountLineBreaks(string raw)
    {
        var body = raw.TrimEnd('\r', '\n');
        var count = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\n' || (body[i] == '\r' && (i + 1 == body.Length || body[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOfAny(['\r', '\n']);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.');
    }

    private sealed class ParseState(RosterLimits limits)
    {
        private readonly List<Person> people = [];
        private readonly List<RejectedLine> rejected = [];
        private readonly List<RosterWarning> warnings = [];
        private readonly Dictionary<string, int> lineOfKey = new(StringComparer.Ordinal);
        private readonly HashSet<int> badDataLines = [];
        private Dictionary<string, int>? columnIndex;
        private int dataLines;

        public void BadData(int line) => badDataLines.Add(line);

        public void Reject(int line, string reason) => rejected.Add(new RejectedLine(line, reason));

        public bool Accept(int line, int lastLine, string[] fields)
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                return true; // An Excel row of empty cells is a blank line, not a person.
            }

            if (columnIndex is null && TryReadHeader(line, fields))
            {
                return true;
            }

            if (++dataLines > limits.MaxLines)
            {
                Reject(line, $"The roster has more than {limits.MaxLines:N0} lines; this line and the rest were not read. Split the roster into several events.");
                return false;
            }

            var person = ReadPerson(line, fields);
            if (person is null && lastLine > line)
            {
                // The lines a quoted field took in are in this rejection, not lost without a word.
                rejected[^1] = rejected[^1] with
                {
                    Reason = rejected[^1].Reason + $" This record runs over lines {line} to {lastLine}: a double quote opened on line {line} and not closed takes the lines after it in as text.",
                };
            }
            else if (person is not null)
            {
                if (lineOfKey.TryGetValue(person.Key, out var first))
                {
                    Reject(line, person.Email is null
                        ? $"Duplicate name \"{person.Name}\" (also on line {first}) and no email to tell them apart. Add an email to one of them."
                        : $"Duplicate email {person.Email} (also on line {first}). Each person needs their own email, or remove the duplicate line.");
                }
                else
                {
                    lineOfKey[person.Key] = line;
                    people.Add(person);
                }
            }

            return true;
        }

        private bool TryReadHeader(int line, string[] fields)
        {
            var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
            if (!names.Contains("role") || !names.Contains("name"))
            {
                // No header: the host pasted data only. Read it in the template's order.
                columnIndex = Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
                warnings.Add(new RosterWarning(line, $"No header line found; columns were read in the template's order: {TemplateHeader}."));
                return false;
            }

            columnIndex = [];
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i].Length == 0)
                {
                    continue;
                }

                if (!Columns.Contains(names[i]) && !OptionalColumns.Contains(names[i]))
                {
                    warnings.Add(new RosterWarning(line, $"Column \"{fields[i].Trim()}\" is not part of the template and was ignored."));
                    continue;
                }

                columnIndex.TryAdd(names[i], i);
            }

            var missing = Columns.Where(c => !columnIndex.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                warnings.Add(new RosterWarning(line, $"The header has no column {string.Join(", ", missing)}; those fields are read as empty."));
            }

            return true;
        }

        private Person? ReadPerson(int line, string[] fields)
        {
            var expected = columnIndex!.Values.DefaultIfEmpty(-1).Max() + 1;
            if (fields.Length < expected || fields.Skip(expected).Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                Reject(line, $"Expected {expected} columns ({string.Join(',', columnIndex.OrderBy(c => c.Value).Select(c => c.Key))}) but found {fields.Length}. A comma inside a field needs the field in double quotes.");
                return null;
            }

            if (badDataLines.Contains(line))
            {
                warnings.Add(new RosterWarning(line, "A double quote appears inside an unquoted field; the line was read as written. Put the field in double quotes and double the inner quote (\"\")."));
            }

            string Field(string name) => columnIndex.TryGetValue(name, out var i) ? fields[i].Trim() : "";

            var tooLong = columnIndex.FirstOrDefault(c => fields[c.Value].Length > limits.MaxFieldLength);
            if (tooLong.Key is not null)
            {
                Reject(line, $"The {tooLong.Key} field is {fields[tooLong.Value].Length:N0} characters long; the most is {limits.MaxFieldLength:N0}.");
                return null;
            }

            var name = PersonFields.CleanName(Field("name"));
            if (PersonFields.CheckName(name, limits.MaxNameLength) is { } badName)
            {
                // A roster's blank name is a blank line of the file, and the host fixes it there.
                Reject(line, name.Length == 0 ? "The name is blank. Every line needs a name." : badName.Message);
                return null;
            }

            Role role;
            switch (Field("role").ToLowerInvariant())
            {
                case "mentor":
                    role = Role.Mentor;
                    break;
                case "mentee":
                    role = Role.Mentee;
                    break;
                case "both":
                    role = Role.Both;
                    break;
                case var other:
                    Reject(line, other.Length == 0
                        ? $"The role of {name} is blank. Write mentor, mentee or both."
                        : $"Unknown role \"{Field("role")}\" for {name}. Write mentor, mentee or both.");
                    return null;
            }

            var email = Field("email");
            if (email.Length > 0 && PersonFields.CheckEmail(email) is { } badEmail)
            {
                Reject(line, badEmail.Message);
                return null;
            }

            var lists = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var column in new[] { "expertise", "needs", "prefers", "avoid" })
            {
                var entries = SplitList(Field(column));
                if (entries.Count > limits.MaxListEntries)
                {
                    Reject(line, $"The {column} field lists {entries.Count} entries; the most is {limits.MaxListEntries}.");
                    return null;
                }

                lists[column] = entries;
            }

            var roundsOff = new List<int>();
            foreach (var entry in SplitList(Field("breaks")))
            {
                if (int.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out var round) && round is >= 1 and <= 64)
                {
                    roundsOff.Add(round);
                }
                else
                {
                    warnings.Add(new RosterWarning(line, $"\"{entry}\" under breaks is not a round number (1, 2, ...); it was ignored."));
                }
            }

            if (!PersonFields.TryReadAttends(Field("attends"), out var online))
            {
                Reject(line, $"\"{Field("attends")}\" under attends for {name} is not a way to take part. Write {PersonFields.AttendsWords}.");
                return null;
            }

            var zone = PersonFields.ReadTimeZone(Field("timezone"), out var zoneProblem);
            if (zoneProblem is not null)
            {
                warnings.Add(new RosterWarning(line, $"The timezone for {name} was ignored and the event's time zone is used: {zoneProblem}"));
            }

            if (!PersonFields.TryReadLanguage(Field("language"), out var language))
            {
                warnings.Add(new RosterWarning(line, $"\"{Field("language")}\" under language for {name} is not a language the app speaks; {name} was imported without one, so the event's language is used. Write {PersonFields.LanguageWords}, or leave it blank."));
            }

            return new Person(line, role, name, email.Length == 0 ? null : email.ToLowerInvariant(), Field("agency"), Field("location"),
                Grade.Parse(Field("grade")), lists["expertise"], lists["needs"], Field("goals"), lists["prefers"], lists["avoid"],
                roundsOff.Count == 0 ? null : roundsOff.Distinct().Order().ToList())
            {
                SaidOnline = online,
                Online = online == true,
                TimeZone = zone,
                Language = language,
            };
        }

        public RosterImport Finish()
        {
            // Resolve prefers and avoid to identity keys now that everybody is known.
            var byKey = people.ToDictionary(p => p.Key, StringComparer.Ordinal);
            var byName = people.GroupBy(p => p.Name.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.ToList());
            var resolved = new List<Person>(people.Count);
            foreach (var person in people)
            {
                var prefers = Resolve(person, person.Prefers, "prefers", mustMentor: true);
                var avoid = Resolve(person, person.Avoid, "avoid", mustMentor: false);
                resolved.Add(person with { Prefers = prefers, Avoid = avoid });
            }

            return new RosterImport(resolved, rejected.OrderBy(r => r.Line).ToList(), warnings.OrderBy(w => w.Line).ToList());

            IReadOnlyList<string> Resolve(Person who, IReadOnlyList<string> entries, string column, bool mustMentor)
            {
                var keys = new List<string>();
                foreach (var entry in entries)
                {
                    Person? target = null;
                    if (byKey.TryGetValue(entry.ToLowerInvariant(), out var byEmail))
                    {
                        target = byEmail;
                    }
                    else if (byName.TryGetValue(PersonFields.CleanName(entry).ToUpperInvariant(), out var named))
                    {
                        if (named.Count > 1)
                        {
                            warnings.Add(new RosterWarning(who.Line, $"\"{entry}\" under {column} matches {named.Count} people; use their email instead. It was ignored."));
                            continue;
                        }

                        target = named[0];
                    }

                    if (target is null)
                    {
                        warnings.Add(new RosterWarning(who.Line, $"\"{entry}\" under {column} for {who.Name} matches nobody on the roster; it was ignored."));
                    }
                    else if (target.Key == who.Key)
                    {
                        warnings.Add(new RosterWarning(who.Line, $"{who.Name} lists themselves under {column}; it was ignored."));
                    }
                    else if (mustMentor && !target.CanMentor)
                    {
                        warnings.Add(new RosterWarning(who.Line, $"{who.Name} prefers {target.Name}, who is not a mentor; it was ignored."));
                    }
                    else if (!keys.Contains(target.Key))
                    {
                        keys.Add(target.Key);
                    }
                }

                return keys;
            }
        }

        private static List<string> SplitList(string field) =>
            field.Split([';', '|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                 .Distinct(StringComparer.OrdinalIgnoreCase)
                 .ToList();
    }
}
