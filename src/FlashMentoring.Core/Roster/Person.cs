namespace FlashMentoring.Core.Roster;

/// <summary>What a person comes to the event as.</summary>
public enum Role
{
    /// <summary>Hosts a table for every round they attend.</summary>
    Mentor,

    /// <summary>Moves between tables.</summary>
    Mentee,

    /// <summary>Can host or move; the engine decides (see <see cref="RoleAssignment"/>).</summary>
    Both,
}

/// <summary>One line of the roster, parsed and checked.</summary>
/// <param name="Line">The 1-based line of the CSV the person came from (0 for walk-ins added live).</param>
/// <param name="Role">Mentor, mentee or both.</param>
/// <param name="Name">Display name, trimmed; never blank.</param>
/// <param name="Email">Lower-case email, or null when the roster gave none.</param>
/// <param name="Agency">Agency and optional OPDIV, e.g. <c>HHS/NIH</c>.</param>
/// <param name="Location">Free text.</param>
/// <param name="Grade">Parsed grade.</param>
/// <param name="Expertise">Competencies a mentor offers.</param>
/// <param name="Needs">Competencies a mentee wants to grow in.</param>
/// <param name="Goals">Free-text goals.</param>
/// <param name="Prefers">Mentors the person asks to meet, best first, as identity keys.</param>
/// <param name="Avoid">People never to be seated with, as identity keys.</param>
/// <param name="RoundsOff">Rounds (1-based) a mentor takes off, from the optional <c>breaks</c> column.</param>
public sealed record Person(
    int Line,
    Role Role,
    string Name,
    string? Email,
    string Agency,
    string Location,
    Grade Grade,
    IReadOnlyList<string> Expertise,
    IReadOnlyList<string> Needs,
    string Goals,
    IReadOnlyList<string> Prefers,
    IReadOnlyList<string> Avoid,
    IReadOnlyList<int>? RoundsOff = null)
{
    /// <summary>
    /// The identity: the email when present, otherwise the case-folded name. A person restored from storage keeps
    /// the key they were stored with, even if the rules that made it have changed since.
    /// </summary>
    public string Key { get; init; } = KeyOf(Email, Name);

    /// <summary>
    /// They take part online, in a video room, not in the room: an online mentee only ever sits at an online mentor's
    /// table and the other way round. The event's mode decides it where the whole event is in person or online.
    /// </summary>
    public bool Online { get; init; }

    /// <summary>
    /// How they said they take part, as the roster, a form or the check-in desk put it: true online, false in the room,
    /// null not said. In a hybrid event it decides <see cref="Online"/>; elsewhere the event's mode does.
    /// </summary>
    public bool? SaidOnline { get; init; }

    /// <summary>Their IANA time zone (America/Denver) for the times printed for them; null: the event's.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The language they read ("es"), for their own printed itinerary and messages; null: the event's.</summary>
    public string? Language { get; init; }

    /// <summary>True when the person can host a table.</summary>
    public bool CanMentor => Role is Role.Mentor or Role.Both;

    /// <summary>True when the person can sit at someone else's table.</summary>
    public bool CanBeMentee => Role is Role.Mentee or Role.Both;

    /// <summary>The top-level agency (<c>HHS</c> for <c>HHS/NIH</c>).</summary>
    public string TopAgency => Agency.Split('/', 2)[0].Trim();

    /// <summary>Computes the identity key used for <see cref="Key"/>, prefers and avoid.</summary>
    public static string KeyOf(string? email, string name) =>
        string.IsNullOrWhiteSpace(email) ? "name:" + name.Trim().ToUpperInvariant() : email.Trim().ToLowerInvariant();

    /// <summary>A person added by hand (walk-in) rather than from a CSV line, cleaned and checked as a roster line is.</summary>
    /// <exception cref="ArgumentException">A field the roster would reject too (see <see cref="PersonFields.WalkIn"/>).</exception>
    public static Person WalkIn(string name, Role role, string? email = null, string agency = "", string grade = "")
    {
        var (person, problems) = PersonFields.WalkIn(name, role, email, agency, grade);
        return person ?? throw new ArgumentException(string.Join(" ", problems.Select(p => p.Message)), problems[0].Field);
    }
}
