using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Data;

/// <summary>
/// Everything an event needs to outlive the process: settings, roster, host key and the round clock. On SQLite (and the
/// in-memory demo) it is this class; on PostgreSQL a <see cref="PostgresDb"/>, which has its own migrations. The app
/// asks for an AppDb either way.
/// </summary>
public class AppDb(DbContextOptions<AppDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<EventRecord> Events => Set<EventRecord>();

    public DbSet<PersonRecord> People => Set<PersonRecord>();

    public DbSet<AnswerRecord> Answers => Set<AnswerRecord>();

    public DbSet<ChoiceRecord> Choices => Set<ChoiceRecord>();

    public DbSet<PairRecord> Pairs => Set<PairRecord>();

    public DbSet<PlanRecord> Plans => Set<PlanRecord>();

    /// <summary>Earlier events' meetings, one row per event that has any: read only to plan and to show them, not with every read of the event.</summary>
    public DbSet<HistoryRecord> Histories => Set<HistoryRecord>();

    public DbSet<MailRecord> Mail => Set<MailRecord>();

    /// <summary>Which node runs each live event's clock, and until when (several nodes on one database; Live/ClockOwnership).</summary>
    public DbSet<ClockLeaseRecord> ClockLeases => Set<ClockLeaseRecord>();

    /// <summary>The keys that sign device cookies, when the nodes share a database rather than a folder (PostgreSQL).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // SQLite takes one writer at a time; a writer that finds the file locked is told "busy" and retried after a sleep.
    // When forty events change round at once, or a room of phones sends its ratings, those sleeps add up to hundreds
    // of milliseconds. The app is the file's only writer, so its saves queue here instead, in arrival order.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    // The gate this flow of work holds (it flows into what the holder awaits, not back out): the queue is not re-entered.
    private static readonly AsyncLocal<SemaphoreSlim?> Holding = new();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        NulCharacters.DropFromChanges(ChangeTracker);
        var gate = WriteGate();
        if (gate is null || Holding.Value == gate)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        gate.Wait();
        Holding.Value = gate;
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            Holding.Value = null;
            gate.Release();
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        NulCharacters.DropFromChanges(ChangeTracker);
        return QueuedWriteAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A bulk write (ExecuteUpdate, ExecuteDelete) in the same queue as saves. A save made inside it is already in the
    /// queue: it does not wait for its own turn.
    /// </summary>
    public async Task<T> QueuedWriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var gate = WriteGate();
        if (gate is null || Holding.Value == gate)
        {
            return await write();
        }

        await gate.WaitAsync(cancellationToken);
        Holding.Value = gate;
        try
        {
            return await write();
        }
        finally
        {
            Holding.Value = null;
            gate.Release();
        }
    }

    private SemaphoreSlim? WriteGate() =>
        Database.IsSqlite() ? WriteGates.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1)) : null;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<EventRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.JoinCode).IsUnique();
            e.Property(x => x.Title).HasMaxLength(EventRecord.MaxTitle);
            e.Property(x => x.JoinCode).HasMaxLength(8);
            e.Property(x => x.HostKeyHash).HasMaxLength(32);
            e.Property(x => x.HelperKeyHash).HasMaxLength(32);
            e.Property(x => x.ClockVersion).IsConcurrencyToken();
            e.Property(x => x.PlanVersion).IsConcurrencyToken();
            e.Property(x => x.CreatedBy).HasMaxLength(32);
            e.Property(x => x.CreatedFrom).HasMaxLength(32);
            e.HasIndex(x => x.CreatedBy);
            e.HasIndex(x => x.CreatedFrom);
            e.Property(x => x.TimeZone).HasMaxLength(64);
            e.Property(x => x.LinkOrigin).HasMaxLength(200);
            e.OwnsOne(x => x.Registration, r =>
            {
                r.Property(x => x.Code).HasMaxLength(24);
                r.HasIndex(x => x.Code).IsUnique();
                r.Property(x => x.Domains);
            });
            e.Navigation(x => x.Registration).IsRequired();
            e.Property(x => x.Mode).HasMaxLength(16).HasDefaultValue(EventRecord.InPerson);
            e.OwnsOne(x => x.Rooms, r =>
            {
                r.ToJson();
                r.OwnsMany(x => x.Links);
            });
            e.Property(x => x.Prompts);
            e.Property(x => x.Language).HasMaxLength(8).HasDefaultValue("en");
        });
        modelBuilder.Entity<PersonRecord>(p =>
        {
            p.HasKey(x => x.Id);
            p.HasIndex(x => x.TokenHash).IsUnique();
            p.HasIndex(x => new { x.EventId, x.Key }).IsUnique();
            p.HasOne<EventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            p.Property(x => x.Name).HasMaxLength(PersonRecord.MaxText);
            p.Property(x => x.Source).HasMaxLength(16);
            p.Property(x => x.ClaimedBy).HasMaxLength(32);
            p.Property(x => x.Language).HasMaxLength(8);
            p.OwnsOne(x => x.Profile, o =>
            {
                o.ToTable("PersonProfiles");
                o.Property(x => x.Declared).HasMaxLength(16);
                o.Property(x => x.PendingUpdate).HasMaxLength(64_000);
                o.Property(x => x.Attends).HasMaxLength(16);
                o.Property(x => x.TimeZone).HasMaxLength(64);
            });
            p.OwnsOne(x => x.Seating, o => o.ToTable("Seating"));
            p.Navigation(x => x.Profile).IsRequired();
            p.Navigation(x => x.Seating).IsRequired();
        });
        modelBuilder.Entity<HistoryRecord>(h =>
        {
            h.HasKey(x => x.EventId);
            h.HasOne<EventRecord>().WithOne().HasForeignKey<HistoryRecord>(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            h.OwnsMany(x => x.Sources, o => o.ToJson());
            h.OwnsMany(x => x.Meetings, o => o.ToJson());
        });
        modelBuilder.Entity<PlanRecord>(p =>
        {
            p.HasKey(x => x.EventId);
            p.HasOne<EventRecord>().WithOne().HasForeignKey<PlanRecord>(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            p.OwnsMany(x => x.Pins, o => o.ToJson());
            p.OwnsMany(x => x.Forbids, o => o.ToJson());
            p.OwnsMany(x => x.Rejected, o => o.ToJson());
            p.OwnsMany(x => x.Warnings, o => o.ToJson());
            p.OwnsOne(x => x.Undo, o =>
            {
                o.ToJson();
                o.OwnsMany(u => u.Pins);
                o.OwnsMany(u => u.Forbids);
                o.OwnsMany(u => u.Seats);
            });
        });
        modelBuilder.Entity<AnswerRecord>(a =>
        {
            a.HasKey(x => x.Id);
            a.HasIndex(x => new { x.PersonId, x.Round }).IsUnique();
            a.Property(x => x.Note).HasMaxLength(AnswerRecord.MaxNote);
            a.HasOne<EventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ChoiceRecord>(c =>
        {
            c.HasKey(x => x.Id);
            c.HasIndex(x => new { x.ChooserId, x.ChosenId }).IsUnique();
            // One row per rank: two saves racing cannot leave more choices than the highest rank allowed.
            c.HasIndex(x => new { x.ChooserId, x.Rank }).IsUnique();
            c.HasOne<EventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MailRecord>(m =>
        {
            m.HasKey(x => x.Id);
            m.HasIndex(x => new { x.Status, x.NextAttemptAt });
            m.HasIndex(x => x.EventId);
            m.HasOne<EventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            m.Property(x => x.To).HasMaxLength(PersonRecord.MaxText);
            m.Property(x => x.Kind).HasMaxLength(16);
            m.Property(x => x.Status).HasMaxLength(16);
            m.Property(x => x.Subject).HasMaxLength(400);
            m.Property(x => x.MessageId).HasMaxLength(128);
            m.Property(x => x.LastError).HasMaxLength(1000);
        });
        modelBuilder.Entity<ClockLeaseRecord>(l =>
        {
            l.HasKey(x => x.EventId);
            l.HasOne<EventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            l.Property(x => x.Node).HasMaxLength(64);
            l.HasIndex(x => x.Node);
        });
        modelBuilder.Entity<PairRecord>(p =>
        {
            p.HasKey(x => x.Id);
            p.HasIndex(x => new { x.MentorId, x.MenteeId }).IsUnique();
            p.HasOne<EventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>One event as stored.</summary>
public sealed class EventRecord
{
    public const int MaxTitle = 200;

    public Guid Id { get; set; }

    public required string Title { get; set; }

    /// <summary>When the event starts, with the host's UTC offset so printed times read as local.</summary>
    public DateTimeOffset StartsAt { get; set; }

    public int Rounds { get; set; }

    public int RoundMinutes { get; set; }

    public int TransitionMinutes { get; set; }

    public int SeatsPerTable { get; set; }

    public required string Format { get; set; }

    /// <summary>The public board shows first names only.</summary>
    public bool BoardFirstNamesOnly { get; set; }

    /// <summary>On the day a table may take one mentee more rather than leave someone whose table closed, or who walked in, resting.</summary>
    public bool ExtraSeatWhenShort { get; set; }

    public int Seed { get; set; }

    /// <summary>SHA-256 of the host key; the key itself is shown once and never stored.</summary>
    public required byte[] HostKeyHash { get; set; }

    /// <summary>SHA-256 of the helper link's key (check-in and walk-ins only); null while the host has made none, or revoked it.</summary>
    public byte[]? HelperKeyHash { get; set; }

    public required string JoinCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// A one-way code of the device that created the event (its device cookie, or its address when it had none), so
    /// one device can keep only so many events. Null for events from before the cap.
    /// </summary>
    public string? CreatedBy { get; set; }

    /// <summary>A one-way code of the network the event was created from (the IPv4 address, or the IPv6 /64), for the wider cap.</summary>
    public string? CreatedFrom { get; set; }

    /// <summary>When the clock finished (the last round ran out, or the host ended the event), as the app saw it; null until then.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// 0 until the first roster is planned; every change of the plan bumps it. Also a concurrency token: two re-plans
    /// saving at once, one of them loses and retries.
    /// </summary>
    public int PlanVersion { get; set; }

    // The round clock, saved on every transition so a restart resumes where the wall clock says.
    public string ClockPhase { get; set; } = "Waiting";

    public int ClockRound { get; set; }

    public DateTimeOffset? ClockEndsAt { get; set; }

    public long? ClockRemainingMs { get; set; }

    public string? ClockPausedFrom { get; set; }

    /// <summary>Concurrency token: two hosts saving the same version at once, one of them loses.</summary>
    public int ClockVersion { get; set; }

    /// <summary>The event's IANA time zone (America/New_York), for calendar files; null: the offset of <see cref="StartsAt"/>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The public registration link and its rules.</summary>
    public RegistrationSettings Registration { get; set; } = new();

    /// <summary>When the host sent the invitations (the plan is then published, if it was not already: see Registrations.Published); null before.</summary>
    public DateTimeOffset? InvitationsSentAt { get; set; }

    /// <summary>The plan version whose itineraries were last e-mailed: a newer plan before the start sends updates to those whose itinerary changed.</summary>
    public int MailedPlanVersion { get; set; }

    /// <summary>The origin (https://host) personal links in e-mails are built from, taken from the request that sent the invitations.</summary>
    public string? LinkOrigin { get; set; }

    public const string InPerson = "in-person";

    public const string Online = "online";

    public const string Hybrid = "hybrid";

    /// <summary>
    /// in-person (everyone in the room), online (every table is a video room) or hybrid (each person in the room or
    /// online; a table is online when its mentor is).
    /// </summary>
    public string Mode { get; set; } = InPerson;

    /// <summary>The video room of each online table: a pattern for the agency's own video service, and links per table.</summary>
    public RoomSettings Rooms { get; set; } = new();

    /// <summary>
    /// The conversation starter of each round (index 0 is round 1) as the host wrote or picked it; a round past the
    /// list's end takes the default for the event's format, and "" shows none.
    /// </summary>
    public List<string> Prompts { get; set; } = [];

    /// <summary>
    /// The language of the board, the kit and e-mails to people who did not choose one ("en", "es": a folder of
    /// locales/); the host picks it. A person's own language (<see cref="PersonRecord.Language"/>) wins for what is theirs.
    /// </summary>
    public string Language { get; set; } = "en";
}

/// <summary>
/// An event's history: the earlier events or files it came from, and their meetings, which the plan takes into account.
/// A table of its own: it can hold many thousand meetings, and the event row is read by every phone and clock tick.
/// </summary>
public sealed class HistoryRecord
{
    public Guid EventId { get; set; }

    /// <summary>Where the meetings came from, in the order the host added them.</summary>
    public List<HistorySource> Sources { get; set; } = [];

    /// <summary>Every earlier meeting, by identity keys.</summary>
    public List<PastMeetingRecord> Meetings { get; set; } = [];
}

/// <summary>One earlier event (proved with its host link) or one uploaded meetings.csv.</summary>
public sealed class HistorySource
{
    /// <summary>"event" (an earlier event of this host, proved with its host link) or "file" (an uploaded meetings.csv).</summary>
    public required string Kind { get; set; }

    /// <summary>The earlier event's title, or the file's name.</summary>
    public required string Label { get; set; }

    /// <summary>The earlier event's id, for Kind "event".</summary>
    public Guid? EventId { get; set; }

    /// <summary>How many meetings it brought.</summary>
    public int Meetings { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>One earlier meeting (the engine's <c>PastMeeting</c>), with the names as they were then, for people to read.</summary>
public sealed class PastMeetingRecord
{
    /// <summary>The earlier event's name; meetings of one event, round and table sat together.</summary>
    public required string Event { get; set; }

    public int Round { get; set; }

    public int Table { get; set; }

    /// <summary>The mentor's identity key (the e-mail in lower case).</summary>
    public required string Mentor { get; set; }

    /// <summary>The mentee's identity key.</summary>
    public required string Mentee { get; set; }
}

/// <summary>Where each online table meets: the agency's own video service, never embedded.</summary>
public sealed class RoomSettings
{
    /// <summary>
    /// A link pattern such as https://meet.agency.gov/{event}-table-{table}; {event} becomes the event's name with
    /// <see cref="Secret"/> in it, so nobody can guess another event's rooms. Null: links come from <see cref="Links"/> only.
    /// </summary>
    public string? Pattern { get; set; }

    /// <summary>The random part of every room name the pattern makes (lower-case letters and digits); null until a pattern is set.</summary>
    public string? Secret { get; set; }

    /// <summary>Links per table from the host's CSV or a replacement mid-event; each wins over the pattern for its table.</summary>
    public List<RoomLink> Links { get; set; } = [];
}

/// <summary>One table's video room.</summary>
public sealed class RoomLink
{
    public int Table { get; set; }

    /// <summary>An https link to the room.</summary>
    public required string Link { get; set; }

    /// <summary>When the host last replaced it during the event (a broken link); null when set before.</summary>
    public DateTimeOffset? ReplacedAt { get; set; }
}

/// <summary>An event's public registration link: on or off, until when, and for which e-mail domains.</summary>
public sealed class RegistrationSettings
{
    /// <summary>The link's secret part (/register/{code}); null until the host first opens registration.</summary>
    public string? Code { get; set; }

    /// <summary>The host has the link open.</summary>
    public bool Open { get; set; }

    /// <summary>Registration closes by itself at this instant; null: open until the host closes it.</summary>
    public DateTimeOffset? ClosesAt { get; set; }

    /// <summary>Only e-mail addresses of these domains (lower case, e.g. hhs.gov; subdomains count); empty: any.</summary>
    public List<string> Domains { get; set; } = [];
}

/// <summary>
/// Someone taking part in an event: who they are, the secret of their personal link and their check-in state; their
/// profile (from a roster line or the walk-in form) and where the plan seats them are rows of their own.
/// </summary>
public sealed class PersonRecord
{
    /// <summary>Longest name or profile field stored (the roster's field limit).</summary>
    public const int MaxText = Core.Roster.PersonFields.MaxLength;

    public long Id { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The roster identity (email, or the case-folded name).</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>mentor or mentee, as the engine assigned it.</summary>
    public required string Role { get; set; }

    /// <summary>The personal link's secret (128 random bits, base64url); the host prints it in the kit.</summary>
    public required string Token { get; set; }

    /// <summary>SHA-256 of the token: phones are found by it, so a lookup's timing says nothing about the token.</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>expected, arrived or absent.</summary>
    public string Status { get; set; } = "expected";

    /// <summary>When a device first took this person's link (picked the name on the join page, or opened the link); null while nobody has.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>The claiming device (a hash of its key): that device may pick the name again, no other may.</summary>
    public byte[]? ClaimedBy { get; set; }

    /// <summary>When the person, marked absent, pressed "I'm here" on their phone; cleared when the host sets their status.</summary>
    public DateTimeOffset? HereAskedAt { get; set; }

    /// <summary>How they came: <c>roster</c> (a line of the uploaded roster) or <c>walk-in</c>.</summary>
    public string Source { get; set; } = "roster";

    /// <summary>Their place among the event's people: the roster line, then walk-ins in the order they came.</summary>
    public int Order { get; set; }

    /// <summary>What they told us about themselves (kept in its own table: looking up a personal link reads none of it).</summary>
    public PersonProfile Profile { get; set; } = new();

    /// <summary>Where the plan puts them (its own table too).</summary>
    public Seating Seating { get; set; } = new();

    /// <summary>The itinerary as last e-mailed to them (a short signature of tables and partners); null while none was sent.</summary>
    public string? MailedItinerary { get; set; }

    /// <summary>The calendar file's SEQUENCE: rises each time their itinerary differs from the last file's (<see cref="CalendarItinerary"/>).</summary>
    public int CalendarSequence { get; set; }

    /// <summary>
    /// The itinerary signature the last calendar file carried, mailed or downloaded ("" for a file made while the plan
    /// did not seat them); null while no file was made.
    /// </summary>
    public string? CalendarItinerary { get; set; }

    /// <summary>The round in which an online person last tapped "I'm in the room" (0: never); it counts for that round only.</summary>
    public int InRoomRound { get; set; }

    /// <summary>
    /// The language they read ("es"), from the roster's <c>language</c> column, their registration or the switch on
    /// their phone: their itinerary prints in it and their e-mails are written in it. Null: the event's. On the person's
    /// own row, not their profile: every phone's view reads it, and the in-memory store joins a profile by scanning all.
    /// </summary>
    public string? Language { get; set; }

    public DateTimeOffset? InRoomAt { get; set; }

    /// <summary>The round in which their table's mentor reported them missing from the video room (0: never).</summary>
    public int MissingRound { get; set; }

    public DateTimeOffset? MissingReportedAt { get; set; }
}

/// <summary>A person's profile, from their roster line or from the walk-in form.</summary>
public sealed class PersonProfile
{
    /// <summary>The role they signed up for: mentor, mentee or both (the person's Role is what the plan made of it).</summary>
    public string Declared { get; set; } = "mentee";

    /// <summary>Lower-case e-mail, or null.</summary>
    public string? Email { get; set; }

    /// <summary>Agency and optional OPDIV, e.g. HHS/NIH.</summary>
    public string Agency { get; set; } = "";

    public string Location { get; set; } = "";

    /// <summary>The grade as written (GS-13, SES, ...).</summary>
    public string Grade { get; set; } = "";

    /// <summary>The grade's rank as read when the person was added (GS number, 16 for SES), or null.</summary>
    public int? GradeRank { get; set; }

    /// <summary>What a mentor can talk about.</summary>
    public List<string> Expertise { get; set; } = [];

    /// <summary>What a mentee wants to grow in.</summary>
    public List<string> Needs { get; set; } = [];

    public string Goals { get; set; } = "";

    /// <summary>Mentors they ask to meet, best first, as identity keys.</summary>
    public List<string> Prefers { get; set; } = [];

    /// <summary>People never to be seated with, as identity keys.</summary>
    public List<string> Avoid { get; set; } = [];

    /// <summary>Rounds a mentor takes off.</summary>
    public List<int> Breaks { get; set; } = [];

    /// <summary>How they would like to meet (in person, online, one-on-one, reverse, peer ...), as they ticked or wrote it.</summary>
    public List<string> Formats { get; set; } = [];

    /// <summary>When they registered themselves through the registration link; null for people from a roster or walk-ins.</summary>
    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>When they accepted the privacy notice (registration only).</summary>
    public DateTimeOffset? ConsentedAt { get; set; }

    /// <summary>
    /// in-person or online, as the host, the roster's <c>attends</c> column, the person's registration or their check-in
    /// said it; null: not said (in person, unless the whole event is online). Only a hybrid event reads it.
    /// </summary>
    public string? Attends { get; set; }

    /// <summary>Their IANA time zone (America/Denver), for the times on their printed and e-mailed itinerary; null: the event's.</summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// A registration sent again with their e-mail (JSON of the form), waiting for them to confirm it from their personal
    /// link: whoever knows an address must not be able to rewrite that person's profile.
    /// </summary>
    public string? PendingUpdate { get; set; }
}

/// <summary>Where the plan puts a person, round by round.</summary>
public sealed class Seating
{
    /// <summary>The table a mentor hosts; null for a mentee.</summary>
    public int? Table { get; set; }

    /// <summary>A mentee's table in each round (index 0 is round 1), 0 when not seated.</summary>
    public List<int> Seats { get; set; } = [];

    /// <summary>Rounds the person is not there (late, gone, marked absent, a mentor's break).</summary>
    public List<int> Away { get; set; } = [];
}

/// <summary>
/// An event's plan beyond the seats (which are kept with each person): the host's pins and forbids, the certified
/// bound, and what the roster import left out, so the host still sees it after a reload.
/// </summary>
public sealed class PlanRecord
{
    public Guid EventId { get; set; }

    /// <summary>The plan's certified upper bound when it was made (not re-derivable from the seats alone).</summary>
    public long? UpperBound { get; set; }

    /// <summary>Pairs the host pinned.</summary>
    public List<KeyPair> Pins { get; set; } = [];

    /// <summary>Pairs the host forbade.</summary>
    public List<KeyPair> Forbids { get; set; } = [];

    /// <summary>Roster lines that were not imported, and why.</summary>
    public List<LineNote> Rejected { get; set; } = [];

    /// <summary>Imported lines worth a look.</summary>
    public List<LineNote> Warnings { get; set; } = [];

    /// <summary>The plan before the host's last change by hand, while it can still be taken back; null when there is none.</summary>
    public PlanBefore? Undo { get; set; }
}

/// <summary>
/// The plan as it was before a change by hand (pin, forbid, clear, move): enough to put it back for the same people.
/// </summary>
public sealed class PlanBefore
{
    /// <summary>The change, as the host reads it ("Ann moves to Table 3 (Mona) in round 2").</summary>
    public required string Label { get; set; }

    /// <summary>The first round whose seats the change altered: once it begins, phones have been sent by it.</summary>
    public int FirstRound { get; set; }

    /// <summary>The plan version the change produced: any later change of the plan makes this one stale.</summary>
    public int PlanVersion { get; set; }

    public long? UpperBound { get; set; }

    public List<KeyPair> Pins { get; set; } = [];

    public List<KeyPair> Forbids { get; set; } = [];

    /// <summary>Each mentee's tables round by round (0: resting).</summary>
    public List<MenteeTables> Seats { get; set; } = [];
}

/// <summary>A mentee's table in each round (index 0 is round 1), 0 when resting.</summary>
public sealed class MenteeTables
{
    public required string Mentee { get; set; }

    public List<int> Tables { get; set; } = [];
}

/// <summary>A mentee and a mentor, by identity key.</summary>
public sealed class KeyPair
{
    public required string Mentee { get; set; }

    public required string Mentor { get; set; }
}

/// <summary>A note on a line of the roster (0: the whole file).</summary>
public sealed class LineNote
{
    public int Line { get; set; }

    public required string Text { get; set; }
}

/// <summary>One person's answer for one round (Round 0: the end-of-event survey). Sent again, it replaces itself.</summary>
public sealed class AnswerRecord
{
    public const int MaxNote = 1000;

    public long Id { get; set; }

    public Guid EventId { get; set; }

    public long PersonId { get; set; }

    public int Round { get; set; }

    /// <summary>1 to 5; for the survey, the match question.</summary>
    public int? Rating { get; set; }

    public string? Note { get; set; }

    /// <summary>The author chose to put their name to the note; otherwise the host sees it anonymously.</summary>
    public bool NoteSigned { get; set; }

    /// <summary>Survey answers as JSON (question to 1..5).</summary>
    public string? SurveyJson { get; set; }

    /// <summary>The phone's id for this answer: a resend after a lost reply is recognised and counted once.</summary>
    public Guid ClientId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>"I would like to keep in touch with ...": a mentee's ranked choice of a mentor, or a mentor's mark on a mentee.</summary>
public sealed class ChoiceRecord
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public long ChooserId { get; set; }

    public long ChosenId { get; set; }

    /// <summary>1 is the first choice.</summary>
    public int Rank { get; set; }
}

/// <summary>A long-term mentoring pair the host confirmed.</summary>
public sealed class PairRecord
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public long MentorId { get; set; }

    public long MenteeId { get; set; }
}

/// <summary>
/// One e-mail to one person: queued, sent or failed. The queue is this table, so it survives a restart; the worker
/// takes due rows, sends them through the organisation's SMTP relay and records the outcome.
/// </summary>
public sealed class MailRecord
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    /// <summary>The person it is for (null for a message to the host).</summary>
    public long? PersonId { get; set; }

    /// <summary>The recipient's address.</summary>
    public required string To { get; set; }

    /// <summary>confirmation, pending, invitation or update.</summary>
    public required string Kind { get; set; }

    public required string Subject { get; set; }

    /// <summary>The plain-text body.</summary>
    public required string Text { get; set; }

    /// <summary>The attached calendar file (text/calendar), or null.</summary>
    public string? Calendar { get; set; }

    /// <summary>queued, sent or failed (gave up after the last retry).</summary>
    public string Status { get; set; } = "queued";

    public int Attempts { get; set; }

    /// <summary>When the worker may try (again).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Why the last attempt failed, as the relay or the network said it.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The Message-ID header, fixed when queued: a retry of a message the relay did take is recognisable.</summary>
    public required string MessageId { get; set; }
}

/// <summary>
/// The node that fires an event's clock transitions, while its lease runs. Times are Unix milliseconds: a lease is taken
/// over with one conditional update (<c>UntilMs &lt; now</c>), which SQLite cannot write for a DateTimeOffset column.
/// </summary>
public sealed class ClockLeaseRecord
{
    public Guid EventId { get; set; }

    /// <summary>The owning node's name (Live:Node, by default the machine name and process id).</summary>
    public required string Node { get; set; }

    /// <summary>When the lease runs out unless renewed (Unix ms, UTC).</summary>
    public long UntilMs { get; set; }
}
