using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Web.Data;

/// <summary>
/// Upgrades a data file of the release that stored an event's people as roster CSV text and its seats as positions
/// in a list (up to migration PeopleAsRecords): every person gets their profile, their seats and their absences
/// as data, matched to their existing row (so personal links, answers and choices stay theirs), and the plan's
/// pins, forbids, bound and import notes move to the event's plan row. Runs between the migration that adds the
/// new tables and the one that drops the old columns, in one transaction; an event it has converted has no roster
/// text left, so running it again does nothing.
/// </summary>
internal static class RosterTextUpgrade
{
    /// <summary>The migration that adds the new tables; this runs right after it.</summary>
    public const string AfterMigration = "PeopleAsRecords";

    private sealed record Legacy(Guid Id, int Rounds, int SeatsPerTable, string Roster, string? WalkIns, string Seats, string? MenteeAttendance, string? MentorAttendance, long? UpperBound, string? Pins, string? Forbids);

    /// <summary>Converts every event still stored as roster text; returns how many there were.</summary>
    public static async Task<int> RunAsync(DbConnection connection, ILogger log, CancellationToken cancellationToken = default)
    {
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var events = new List<Legacy>();
            await using (var read = Command(connection, tx,
                "SELECT Id, Rounds, SeatsPerTable, RosterCsv, WalkInsCsv, PlanSeats, MenteeAttendance, MentorAttendance, PlanUpperBound, Pins, Forbids " +
                "FROM Events WHERE RosterCsv IS NOT NULL AND PlanSeats IS NOT NULL"))
            await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await rows.ReadAsync(cancellationToken))
                {
                    string? Text(int i) => rows.IsDBNull(i) ? null : rows.GetString(i);
                    events.Add(new Legacy(Guid.Parse(rows.GetString(0), CultureInfo.InvariantCulture), rows.GetInt32(1), rows.GetInt32(2), rows.GetString(3), Text(4), rows.GetString(5),
                        Text(6), Text(7), rows.IsDBNull(8) ? null : rows.GetInt64(8), Text(9), Text(10)));
                }
            }

            foreach (var e in events)
            {
                await ConvertAsync(connection, tx, e, cancellationToken);
            }

            // Anyone the roster text did not name (it cannot happen, but a row without a profile would not load).
            await using (var rest = Command(connection, tx,
                "INSERT INTO PersonProfiles (PersonRecordId, Declared, Agency, Location, Grade, Expertise, Needs, Goals, Prefers, Avoid, Breaks) " +
                "SELECT Id, Role, '', '', '', '[]', '[]', '', '[]', '[]', '[]' FROM People WHERE Id NOT IN (SELECT PersonRecordId FROM PersonProfiles); " +
                "INSERT INTO Seating (PersonRecordId, Seats, Away) SELECT Id, '[]', '[]' FROM People WHERE Id NOT IN (SELECT PersonRecordId FROM Seating)"))
            {
                await rest.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var clear = Command(connection, tx, "UPDATE Events SET RosterCsv = NULL, WalkInsCsv = NULL, PlanSeats = NULL, MenteeAttendance = NULL, MentorAttendance = NULL, Pins = NULL, Forbids = NULL"))
            {
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }

            await tx.CommitAsync(cancellationToken);
            if (events.Count > 0)
            {
                log.LogInformation("Upgraded {Events} from roster text to people and seats as data.", Say.Count(events.Count, "event"));
            }

            return events.Count;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task ConvertAsync(DbConnection connection, DbTransaction tx, Legacy e, CancellationToken cancellationToken)
    {
        // The people in the plan's order exactly as that release rebuilt them: the roster parsed and split into
        // mentors and mentees, then the walk-ins in the order they came. Walk-ins are read as that release stored
        // them when they were added (keyed by the trimmed, not cleaned, name), so their keys match their rows, and so
        // that a walk-in the roster parser would reject is not lost again.
        // That release took names up to the field limit; today's shorter name limit must not drop anyone here.
        var roster = RosterParser.Parse(e.Roster, new RosterLimits { MaxNameLength = PersonFields.MaxLength });
        var roles = RoleAssignment.From(roster.People, e.SeatsPerTable);
        var walkIns = WalkIns(e.WalkIns);
        var mentors = roles.Mentors.Concat(walkIns.Where(w => w.CanMentor)).ToList();
        var mentees = roles.Mentees.Concat(walkIns.Where(w => !w.CanMentor)).ToList();
        var seats = JsonSerializer.Deserialize<int[]>(e.Seats)!;
        var menteeMask = JsonSerializer.Deserialize<ulong[]>(e.MenteeAttendance ?? "[]")!;
        var mentorMask = JsonSerializer.Deserialize<ulong[]>(e.MentorAttendance ?? "[]")!;
        if (seats.Length != mentees.Count * e.Rounds || menteeMask.Length != mentees.Count || mentorMask.Length != mentors.Count)
        {
            // The seats cannot be matched to people: stop before anything is changed (the transaction rolls back, the
            // file stays as it was), rather than start with a plan lost.
            throw new InvalidOperationException(
                $"Event {e.Id} could not be upgraded: its stored plan has {seats.Length} seats for {mentees.Count} mentees over {e.Rounds} rounds. " +
                "Nothing was changed. Keep the data file and report this; the previous release still opens it.");
        }

        var lastLine = roster.People.Select(p => p.Line).DefaultIfEmpty(0).Max();
        var walkInOrder = walkIns.Select((p, k) => (p.Key, lastLine + 1 + k)).ToDictionary(x => x.Key, x => x.Item2);
        List<int> Away(ulong mask) => Enumerable.Range(1, e.Rounds).Where(r => (mask & (1UL << (r - 1))) == 0).ToList();
        for (var j = 0; j < mentors.Count; j++)
        {
            await UpdatePersonAsync(connection, tx, e.Id, mentors[j], "mentor", walkInOrder, table: j + 1, seats: [], Away(mentorMask[j]), cancellationToken);
        }

        var m = mentees.Count;
        for (var i = 0; i < m; i++)
        {
            var tables = Enumerable.Range(0, e.Rounds).Select(r => seats[(r * m) + i] + 1).ToList();
            await UpdatePersonAsync(connection, tx, e.Id, mentees[i], "mentee", walkInOrder, table: null, tables, Away(menteeMask[i]), cancellationToken);
        }

        await using var plan = Command(connection, tx,
            "INSERT INTO Plans (EventId, UpperBound, Pins, Forbids, Rejected, Warnings) VALUES ($id, $bound, $pins, $forbids, $rejected, $warnings)",
            ("$id", e.Id.ToString().ToUpperInvariant()),
            ("$bound", e.UpperBound),
            ("$pins", Pairs(e.Pins)),
            ("$forbids", Pairs(e.Forbids)),
            ("$rejected", JsonSerializer.Serialize(roster.Rejected.Select(r => new LineNote { Line = r.Line, Text = r.Reason }))),
            ("$warnings", JsonSerializer.Serialize(roster.Warnings.Select(w => new LineNote { Line = w.Line, Text = w.Message }))));
        await plan.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpdatePersonAsync(
        DbConnection connection, DbTransaction tx, Guid eventId, Person p, string role, Dictionary<string, int> walkInOrder, int? table, List<int> seats, List<int> away, CancellationToken cancellationToken)
    {
        var walkIn = walkInOrder.TryGetValue(p.Key, out var order);
        var person = ("$event", (object?)eventId.ToString().ToUpperInvariant());
        var key = ("$key", (object?)p.Key);
        await using (var update = Command(connection, tx,
            "UPDATE People SET Name = $name, Role = $role, Source = $source, \"Order\" = $order WHERE EventId = $event AND Key = $key",
            ("$name", p.Name), ("$role", role), ("$source", walkIn ? "walk-in" : "roster"), ("$order", walkIn ? order : p.Line), person, key))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        const string Id = "(SELECT Id FROM People WHERE EventId = $event AND Key = $key)";
        await using (var profile = Command(connection, tx,
            "INSERT INTO PersonProfiles (PersonRecordId, Declared, Email, Agency, Location, Grade, GradeRank, Expertise, Needs, Goals, Prefers, Avoid, Breaks) " +
            $"SELECT {Id}, $declared, $email, $agency, $location, $grade, $rank, $expertise, $needs, $goals, $prefers, $avoid, $breaks WHERE {Id} IS NOT NULL",
            ("$declared", p.Role.ToString().ToLowerInvariant()),
            ("$email", p.Email),
            ("$agency", p.Agency),
            ("$location", p.Location),
            ("$grade", p.Grade.Text),
            ("$rank", p.Grade.Rank),
            ("$expertise", JsonSerializer.Serialize(p.Expertise)),
            ("$needs", JsonSerializer.Serialize(p.Needs)),
            ("$goals", p.Goals),
            ("$prefers", JsonSerializer.Serialize(p.Prefers)),
            ("$avoid", JsonSerializer.Serialize(p.Avoid)),
            ("$breaks", JsonSerializer.Serialize(p.RoundsOff ?? [])),
            person,
            key))
        {
            await profile.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var seating = Command(connection, tx,
            $"INSERT INTO Seating (PersonRecordId, \"Table\", Seats, Away) SELECT {Id}, $table, $seats, $away WHERE {Id} IS NOT NULL",
            ("$table", table), ("$seats", JsonSerializer.Serialize(seats)), ("$away", JsonSerializer.Serialize(away)), person, key);
        await seating.ExecuteNonQueryAsync(cancellationToken);
    }

    // role,name,email,agency as the walk-in endpoint wrote them; the person as it made them then.
    private static List<Person> WalkIns(string? csv)
    {
        var people = new List<Person>();
        if (csv is null)
        {
            return people;
        }

        using var reader = new StringReader(csv);
        using var rows = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true, BadDataFound = null, MissingFieldFound = null });
        rows.Read();
        rows.ReadHeader();
        while (rows.Read())
        {
            var role = rows.GetField(0) == "mentor" ? Role.Mentor : Role.Mentee;
            var name = (rows.GetField(1) ?? "").Trim();
            var email = rows.GetField(2);
            var person = new Person(0, role, name, string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant(), (rows.GetField(3) ?? "").Trim(), "", Grade.Unknown, [], [], "", [], []);
            // The key stays as it was made; the name is cleaned as a walk-in's is now (and as that release showed it on the board).
            var clean = PersonFields.CleanName(name);
            people.Add(clean.Length > 0 ? person with { Name = clean } : person);
        }

        return people;
    }

    private static string Pairs(string? json) =>
        JsonSerializer.Serialize((json is null ? [] : JsonSerializer.Deserialize<string[][]>(json)!).Select(p => new KeyPair { Mentee = p[0], Mentor = p[1] }));

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
