using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Data;

/// <summary>Everything an event needs to outlive the process: settings, roster, host key and the round clock.</summary>
public sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
{
    public DbSet<EventRecord> Events => Set<EventRecord>();

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

    public int Seed { get; set; }

    /// <summary>The roster as uploaded; null until the host sends one.</summary>
    public string? RosterCsv { get; set; }

    /// <summary>SHA-256 of the host key; the key itself is shown once and never stored.</summary>
    public required byte[] HostKeyHash { get; set; }

    public required string JoinCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
