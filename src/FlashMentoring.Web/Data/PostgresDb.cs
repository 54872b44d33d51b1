using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FlashMentoring.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own because EF keeps one migration history per context type: these
/// migrations (Data/Migrations/Postgres) are written for PostgreSQL's column types, the SQLite ones for SQLite's.
/// Its options are an AppDb's, so what the app configures for AppDb (interceptors, the mail wake-up) applies here too.
/// </summary>
public sealed class PostgresDb(DbContextOptions<AppDb> options) : AppDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // timestamptz holds an instant, not an offset, and Npgsql refuses a DateTimeOffset whose offset is not zero:
        // instants are written in UTC and read back in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstant>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The start is the one time whose offset means something (printed times read in the host's local time): kept as
        // written, in the text form SQLite keeps it in.
        modelBuilder.Entity<EventRecord>().Property(e => e.StartsAt).HasConversion<string>().HasMaxLength(48);
    }

    private sealed class UtcInstant() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}

/// <summary>
/// For the EF tools: <c>dotnet ef migrations add Name --context PostgresDb --output-dir Data/Migrations/Postgres</c>.
/// Writing a migration compares the model with the last snapshot and never connects, so no server is named.
/// </summary>
public sealed class PostgresDbDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDb>
{
    public PostgresDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDb>().UseNpgsql("Host=localhost;Database=flashmentoring").Options);
}

/// <summary>
/// For the EF tools: <c>dotnet ef migrations add Name --context AppDb --output-dir Data/Migrations</c> writes the SQLite
/// migration. Without a factory of its own, the tools take the PostgreSQL one above for AppDb too (PostgresDb is an
/// AppDb) and would write a PostgreSQL migration into the SQLite folder.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AppDb>
{
    public AppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDb>().UseSqlite("Data Source=flashmentoring.db").Options);
}
