using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Data;

/// <summary>Everything an event needs to outlive the process: settings, roster, host key and the round clock.</summary>
public sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
{
    public DbSet<EventRecord> Events => Set<EventRecord>();

    public DbSet<PersonRecord> People => Set<PersonRecord>();

    public DbSet<AnswerRecord> Answers => Set<AnswerRecord>();

    public DbSet<ChoiceRecord> Choices => Set<ChoiceRecord>();

    public DbSet<PairRecord> Pairs => Set<PairRecord>();

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
            e.Property(x => x.ClockVersion).IsConcurrencyToken();
            e.Property(x => x.PlanVersion).IsConcurrencyToken();
        });
        modelBuilder.Entity<PersonRecord>(p =>
        {
            p.HasKey(x => x.Id);
            p.HasIndex(x => x.TokenHash).IsUnique();
            p.HasIndex(x => new { x.EventId, x.Key }).IsUnique();
            p.HasOne<EventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
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
            c.HasOne<EventRecord>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
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

    public int Seed { get; set; }

    /// <summary>The roster as uploaded; null until the host sends one.</summary>
    public string? RosterCsv { get; set; }

    /// <summary>SHA-256 of the host key; the key itself is shown once and never stored.</summary>
    public required byte[] HostKeyHash { get; set; }

    public required string JoinCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The rotation as planned: JSON array of mentor indices per round and mentee, -1 for a rest.</summary>
    public string? PlanSeats { get; set; }

    /// <summary>Who is there when: JSON arrays of round bitmasks for mentees and mentors.</summary>
    public string? MenteeAttendance { get; set; }

    public string? MentorAttendance { get; set; }

    /// <summary>The plan's certified upper bound when it was made (not re-derivable from the seats alone).</summary>
    public long? PlanUpperBound { get; set; }

    /// <summary>Pairs the host pinned: JSON array of [mentee key, mentor key].</summary>
    public string? Pins { get; set; }

    /// <summary>Pairs the host forbade: JSON array of [mentee key, mentor key].</summary>
    public string? Forbids { get; set; }

    /// <summary>People added on the day, as roster CSV lines (with header); they follow the roster's people in the plan.</summary>
    public string? WalkInsCsv { get; set; }

    /// <summary>Concurrency token of the plan: two re-plans saving at once, one of them loses and retries.</summary>
    public int PlanVersion { get; set; }

    // The round clock, saved on every transition so a restart resumes where the wall clock says.
    public string ClockPhase { get; set; } = "Waiting";

    public int ClockRound { get; set; }

    public DateTimeOffset? ClockEndsAt { get; set; }

    public long? ClockRemainingMs { get; set; }

    public string? ClockPausedFrom { get; set; }

    /// <summary>Concurrency token: two hosts saving the same version at once, one of them loses.</summary>
    public int ClockVersion { get; set; }
}

/// <summary>Someone on an event's roster, with the secret of their personal link and their check-in state.</summary>
public sealed class PersonRecord
{
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
