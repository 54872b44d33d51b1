using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Kits.Documents;

namespace FlashMentoring.Kits;

/// <summary>The event as the kit prints it.</summary>
/// <param name="Title">Event title.</param>
/// <param name="StartsAt">When round 1 starts, in the host's local offset.</param>
/// <param name="Rounds">Number of rounds.</param>
/// <param name="RoundMinutes">Minutes a round.</param>
/// <param name="TransitionMinutes">Minutes to change tables.</param>
/// <param name="SeatsPerTable">Mentees per table.</param>
/// <param name="JoinUrl">Where phones join (null for a paper-only kit).</param>
/// <param name="JoinCode">The six-letter join code.</param>
public sealed record KitEvent(string Title, DateTimeOffset StartsAt, int Rounds, int RoundMinutes, int TransitionMinutes, int SeatsPerTable, string? JoinUrl = null, string? JoinCode = null)
{
    /// <summary>Everyone in the room.</summary>
    public const string InPerson = "in-person";

    /// <summary>Every table is a video room.</summary>
    public const string Online = "online";

    /// <summary>Some tables in the room, some online.</summary>
    public const string Hybrid = "hybrid";

    /// <summary>in-person, online or hybrid.</summary>
    public string Mode { get; init; } = InPerson;

    /// <summary>The conversation starter of each round (index 0 is round 1), as the event resolved it; null or blank: none.</summary>
    public IReadOnlyList<string?> Prompts { get; init; } = [];

    /// <summary>
    /// The text key of each round's starter when it is the format's default (index 0 is round 1), so a page printed in
    /// another language words it in that language; null where the host wrote their own, which prints as written.
    /// </summary>
    public IReadOnlyList<string?> PromptKeys { get; init; } = [];

    /// <summary>The event's IANA time zone (America/New_York); null: times keep <see cref="StartsAt"/>'s offset.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Some tables meet in video rooms.</summary>
    public bool HasOnline => Mode is Online or Hybrid;

    /// <summary>The prompt of a round, or null when it has none.</summary>
    public string? PromptFor(int round) =>
        round >= 1 && round <= Prompts.Count && Prompts[round - 1] is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    /// <summary>The prompt of a round in <paramref name="texts"/>' language when it is a default one; the host's own as written; null when it has none.</summary>
    public string? PromptFor(int round, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return PromptFor(round) is not { } prompt ? null
            : round <= PromptKeys.Count && PromptKeys[round - 1] is { } key && texts.Entries.ContainsKey(key) ? texts.T(key)
            : prompt;
    }

    /// <summary>True when at least one round has a prompt.</summary>
    public bool HasPrompts => Enumerable.Range(1, Rounds).Any(r => PromptFor(r) is not null);
}

/// <summary>A mentor's table.</summary>
/// <param name="Number">Table number.</param>
/// <param name="Mentor">Mentor's name; null in a blank kit.</param>
/// <param name="Agency">Mentor's agency.</param>
/// <param name="Expertise">What the mentor can talk about.</param>
/// <param name="Room">The video room's link, for an online table that has one.</param>
public sealed record KitTable(int Number, string? Mentor, string Agency, IReadOnlyList<string> Expertise, string? Room = null)
{
    /// <summary>The table meets online (its mentor does), whether or not its room link is set yet.</summary>
    public bool Online { get; init; }
}

/// <summary>Where someone sits in one round.</summary>
/// <param name="Round">1-based round.</param>
/// <param name="Table">Table number; null when resting (or, for a mentor, on a break).</param>
/// <param name="With">The mentor (for a mentee) or the mentees (for a mentor).</param>
/// <param name="Topics">The mentor's expertise, for a mentee's row.</param>
/// <param name="Room">The video room of that table, when the person takes part online and the table has one.</param>
public sealed record KitSeat(int Round, int? Table, string With, IReadOnlyList<string> Topics, string? Room = null);

/// <summary>Someone who gets a badge, an itinerary or a feedback form.</summary>
/// <param name="Name">Full name; in a blank kit, a number to write a name next to.</param>
/// <param name="IsMentor">Mentor or mentee.</param>
/// <param name="Agency">Agency and OPDIV.</param>
/// <param name="Topics">Expertise (mentor) or needs (mentee).</param>
/// <param name="Seats">Every round.</param>
/// <param name="PersonalLink">Link to the live phone view, printed as a QR code; null without an event.</param>
/// <param name="Key">The roster identity, to pick people out for a reprint.</param>
public sealed record KitPerson(string Name, bool IsMentor, string Agency, IReadOnlyList<string> Topics, IReadOnlyList<KitSeat> Seats, string? PersonalLink = null, string? Key = null)
{
    /// <summary>They take part online, from a video room.</summary>
    public bool Online { get; init; }

    /// <summary>Their IANA time zone for the times printed for them; null: the event's.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The language their own pages print in ("es"); null: the kit's.</summary>
    public string? Language { get; init; }

    /// <summary>
    /// What itineraries are sorted and headed by: the last word of the name, which is the family name for most names
    /// on a US roster (the roster has one name field); a suffix such as "Jr." is skipped.
    /// </summary>
    public string FamilyName
    {
        get
        {
            var words = Name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var last = words.Length - 1;
            while (last > 0 && Suffixes.Contains(words[last].TrimEnd('.', ',')))
            {
                last--;
            }

            return last < 0 ? Name : words[last].TrimEnd(',');
        }
    }

    private static readonly HashSet<string> Suffixes = new(["Jr", "Sr", "II", "III", "IV", "PhD", "MD", "Esq"], StringComparer.OrdinalIgnoreCase);
}

/// <summary>A kit printed again after a change: only the people's itineraries and the tables' signs that changed.</summary>
/// <param name="At">When the change was made, in the event's offset (printed on the cover and on each itinerary).</param>
/// <param name="People">Roster keys of the people whose papers changed.</param>
/// <param name="Tables">Numbers of the tables whose signs changed.</param>
public sealed record KitReprint(DateTimeOffset At, IReadOnlySet<string> People, IReadOnlySet<int> Tables);

/// <summary>Everything a kit prints: event, tables, people and the rotation.</summary>
/// <param name="Event">The event.</param>
/// <param name="Tables">Tables in number order.</param>
/// <param name="Mentors">Mentors.</param>
/// <param name="Mentees">Mentees.</param>
/// <param name="Blank">True for a paper-only kit without names.</param>
public sealed record KitModel(KitEvent Event, IReadOnlyList<KitTable> Tables, IReadOnlyList<KitPerson> Mentors, IReadOnlyList<KitPerson> Mentees, bool Blank)
{
    /// <summary>Roster lines that were not imported: the kit's first page names them, so nobody is missed in silence.</summary>
    public IReadOnlyList<RejectedLine> LeftOut { get; init; } = [];

    /// <summary>Set for a reprint after a change: the kit then holds only those people's and tables' pages.</summary>
    public KitReprint? Reprint { get; init; }

    /// <summary>The kit's language ("en", "es"): the host's pages, the signs and the grid; each person's own pages follow theirs.</summary>
    public string Language { get; init; } = Texts.Default;

    /// <summary>The kit's words.</summary>
    internal Words Words => Words.For(Language);

    /// <summary>The words of a person's own pages: their language, else the kit's.</summary>
    internal Words WordsOf(KitPerson? person) => Words.For(person?.Language ?? Language);

    /// <summary>
    /// The mentees whose papers this kit prints, in the order a helper at a desk looks them up: by family name, then
    /// name (a blank kit keeps its seat numbers in order).
    /// </summary>
    public IReadOnlyList<KitPerson> MenteesToHandOut => Blank
        ? Mentees
        : Mentees.Where(Prints).OrderBy(m => m.FamilyName, Words.Alphabetical).ThenBy(m => m.Name, Words.Alphabetical).ToList();

    /// <summary>
    /// The online people whose page this kit prints, one page each, by family name: mentees for their rooms round by
    /// round, mentors for their own room (their table has no sign to stand in a room).
    /// </summary>
    public IReadOnlyList<KitPerson> OnlineToSend => Mentors.Concat(Mentees).Where(p => p.Online && Prints(p))
        .OrderBy(p => p.FamilyName, Words.Alphabetical).ThenBy(p => p.Name, Words.Alphabetical).ToList();

    /// <summary>The tables whose tent card this kit prints: online tables meet in a video room, so they have none.</summary>
    public IReadOnlyList<KitTable> Signs => Tables.Where(t => !t.Online && Prints(t)).ToList();

    /// <summary>The zone a person's times are printed in: theirs when this machine knows it, else the event's (null: none).</summary>
    public string? ZoneOf(KitPerson? person) => Clocks.Known(person?.TimeZone) ?? Clocks.Known(Event.TimeZone);

    /// <summary>An instant on the person's clock (the event's clock for null).</summary>
    public DateTimeOffset On(KitPerson? person, DateTimeOffset instant) => Clocks.In(instant, ZoneOf(person));

    /// <summary>True when this kit prints the person's own pages (always, unless it is a reprint without them).</summary>
    public bool Prints(KitPerson person) => Reprint is null || (person?.Key is { } key && Reprint.People.Contains(key));

    /// <summary>True when this kit prints the table's sign.</summary>
    public bool Prints(KitTable table) => Reprint is null || (table is not null && Reprint.Tables.Contains(table.Number));

    /// <summary>When round <paramref name="round"/> starts, by the plan (the live clock may run late).</summary>
    public DateTimeOffset RoundStart(int round) =>
        Clocks.In(Event.StartsAt.AddMinutes((round - 1) * (Event.RoundMinutes + Event.TransitionMinutes)), Event.TimeZone);

    /// <summary>When round <paramref name="round"/> ends.</summary>
    public DateTimeOffset RoundEnd(int round) => RoundStart(round).AddMinutes(Event.RoundMinutes);

    /// <summary>The mentees at a table in a round, by name.</summary>
    public IReadOnlyList<string> AtTable(int round, int table) =>
        Mentees.Where(m => m.Seats[round - 1].Table == table).Select(m => m.Name).ToList();

    /// <summary>
    /// A kit from a plan; <paramref name="personalLink"/> gives each person's live link by roster key (or null), and
    /// <paramref name="roomOf"/> a table's video room by its number and whether it meets online (null: no room). Who is
    /// online and their time zone come from the plan's people.
    /// </summary>
    public static KitModel FromPlan(PlanResult plan, KitEvent kitEvent, Func<string, string?>? personalLink = null, bool blank = false, Func<int, bool, string?>? roomOf = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(kitEvent);
        var rotation = plan.Rotation;
        kitEvent = kitEvent with { Rounds = rotation.Rounds, SeatsPerTable = rotation.SeatsPerTable };
        var tables = rotation.Mentors.Select((m, j) => new KitTable(j + 1, blank ? null : m.Name, m.Agency, m.Expertise, blank ? null : roomOf?.Invoke(j + 1, m.Online))
        {
            Online = m.Online && !blank,
        }).ToList();

        // A seat's room is printed for an online person only: someone in the room goes to the table, not the link.
        string? Room(Person who, int table) => who.Online ? tables[table - 1].Room : null;
        var mentees = rotation.Mentees.Select((p, i) => new KitPerson(
            p.Name, false, p.Agency, p.Needs,
            Enumerable.Range(1, rotation.Rounds).Select(r =>
            {
                var j = rotation.MentorOf(r, i);
                return j < 0
                    ? new KitSeat(r, null, "", [])
                    : new KitSeat(r, j + 1, blank ? "" : rotation.Mentors[j].Name, rotation.Mentors[j].Expertise, Room(p, j + 1));
            }).ToList(),
            personalLink?.Invoke(p.Key), p.Key) { Online = p.Online && !blank, TimeZone = p.TimeZone, Language = p.Language }).ToList();
        var mentors = rotation.Mentors.Select((p, j) => new KitPerson(
            p.Name, true, p.Agency, p.Expertise,
            Enumerable.Range(1, rotation.Rounds).Select(r => plan.Attendance.MentorThere(j, r)
                ? new KitSeat(r, j + 1, string.Join(", ", rotation.MenteesAt(r, j).Select(i => rotation.Mentees[i].Name)), [], Room(p, j + 1))
                : new KitSeat(r, null, "", [])).ToList(),
            personalLink?.Invoke(p.Key), p.Key) { Online = p.Online && !blank, TimeZone = p.TimeZone, Language = p.Language }).ToList();
        return new KitModel(kitEvent, tables, mentors, mentees, blank);
    }

    /// <summary>
    /// A paper-only kit: numbered mentees (#1, #2, ...) and numbered tables, on a no-repeat rotation the engine
    /// makes for them, for a host who runs the rounds with a bell.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while the rotation was planned.</exception>
    public static KitModel BlankKit(KitEvent kitEvent, int tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kitEvent);
        ArgumentOutOfRangeException.ThrowIfLessThan(tables, 1);
        var mentors = Enumerable.Range(1, tables).Select(t => Anonymous($"Table {t}", Role.Mentor)).ToList();
        var mentees = Enumerable.Range(1, tables * kitEvent.SeatsPerTable).Select(k => Anonymous($"#{k}", Role.Mentee)).ToList();
        var plan = RotationEngine.Plan(new RoleAssignment(mentors, mentees), new PlanSettings(kitEvent.Rounds, kitEvent.SeatsPerTable), cancellationToken: cancellationToken);
        return FromPlan(plan, kitEvent, blank: true);
    }

    private static Person Anonymous(string name, Role role) => Person.WalkIn(name, role);
}
