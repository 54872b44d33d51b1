using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace FlashMentoring.Web.Data;

/// <summary>
/// Where events are kept. <c>Storage:Provider</c> is <c>Sqlite</c> (default, a file), <c>Postgres</c> (a PostgreSQL
/// database named by <c>ConnectionStrings:Postgres</c>, which several nodes can share) or <c>InMemory</c> (a throw-away demo).
/// </summary>
public sealed class StorageOptions
{
    public const string Sqlite = "Sqlite";

    public const string Postgres = "Postgres";

    public const string InMemory = "InMemory";

    [RegularExpression("^(Sqlite|Postgres|InMemory)$", ErrorMessage = "Storage:Provider must be Sqlite, Postgres or InMemory.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Folder of the SQLite file; by default the user's application data folder.</summary>
    public string DataFolder { get; set; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "FlashMentoring");

    public string SqlitePath => Path.Combine(DataFolder, "flashmentoring.db");

    /// <summary>The PostgreSQL connection string (<c>ConnectionStrings:Postgres</c>), checked; only for the Postgres provider.</summary>
    public static string PostgresConnection(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration.GetConnectionString(Postgres);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException(
                "Storage:Provider is Postgres but ConnectionStrings:Postgres is not set. Set it (environment variable ConnectionStrings__Postgres), " +
                "e.g. Host=db.internal;Database=flashmentoring;Username=flashmentoring;Password=...");
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(text).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:Postgres is not a PostgreSQL connection string ({ex.Message}). Expected e.g. Host=db.internal;Database=flashmentoring;Username=flashmentoring;Password=...", ex);
        }
    }

    /// <summary>
    /// The server's or the network's own error inside <paramref name="failure"/>, or null when it is none: EF hands a
    /// failed connection over as "a transient failure" around Npgsql's words.
    /// </summary>
    public static Exception? PostgresFailure(Exception failure) => failure switch
    {
        NpgsqlException or TimeoutException => failure,
        InvalidOperationException { InnerException: NpgsqlException inner } => inner,
        _ => null,
    };

    /// <summary>Where a connection string points, for messages: host, port and database, never the password.</summary>
    public static string PostgresServer(string connectionString)
    {
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{parts.Host}:{parts.Port}/{parts.Database}";
    }
}

public static class StorageExtensions
{
    /// <summary>The migration that drops the roster text columns, once <see cref="RosterTextUpgrade"/> has converted them.</summary>
    private const string DropRosterTextMigration = "DropRosterText";

    /// <summary>Registers the database on the configured provider.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration("Storage").ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        if (options.Provider == StorageOptions.Postgres)
        {
            var connection = StorageOptions.PostgresConnection(configuration);
            // The app asks for an AppDb and gets the context with PostgreSQL's migrations. Registered first: AddDbContext
            // adds its own registration only when there is none.
            services.AddScoped<AppDb, PostgresDb>();
            services.AddDbContext<AppDb>(db => db.UseNpgsql(connection).AddInterceptors(NulCharacters.Interceptor));
            // Every node signs and reads device cookies with the same keys (and the same application name, Hosting/
            // Security): the keys live in the shared database, as the events do.
            services.AddDataProtection().PersistKeysToDbContext<AppDb>();
            return services;
        }

        // A demo's in-memory store must live as long as the app: one name per app instance.
        var memoryName = "flashmentoring-" + Guid.NewGuid().ToString("N");
        services.AddDbContext<AppDb>(db =>
        {
            if (options.Provider == StorageOptions.InMemory)
            {
                db.UseInMemoryDatabase(memoryName);
            }
            else
            {
                // Dropping the roster-text columns rebuilds the Events table with foreign keys off, a pragma SQLite
                // cannot run inside the migration's transaction. It runs once per file, at start, before any request;
                // the warning about it would greet every new host on their first start.
                db.UseSqlite($"Data Source={options.SqlitePath}")
                  .AddInterceptors(SqliteFile.Interceptor, NulCharacters.Interceptor)
                  .ConfigureWarnings(w => w.Ignore(RelationalEventId.NonTransactionalMigrationOperationWarning));
            }
        });

        // The keys that sign device cookies live with the data, so a restart (or a new container on the same volume)
        // still knows every phone, and the rate limits keep counting them. The demo store forgets them with everything else.
        if (options.Provider != StorageOptions.InMemory)
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataFolder, "keys")));
        }

        return services;
    }

    // Several nodes may start at once on one database. EF's own migration lock (a table lock inside its transaction) did
    // not keep two nodes apart: one in five two-node starts applied the last migration twice and failed ("column ...
    // already exists", PostgresStorageTests). So the node holds a session-level advisory lock on its connection for the
    // whole of the look and the migrations: the other nodes wait, then find them applied. A node that finds none to apply
    // skips EF's migrate step and its check of the model against the migrations (MigrationTests make that check): a
    // quarter less work per start, which the tests, starting hundreds of apps, notice.
    private static async Task MigratePostgresAsync(AppDb db)
    {
        try
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock})");
                if ((await db.Database.GetPendingMigrationsAsync()).Any())
                {
                    await db.Database.MigrateAsync();
                }
            }
            finally
            {
                // Closing the connection returns it to the pool with the session still open: unlock first.
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock})");
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception ex) when (StorageOptions.PostgresFailure(ex) is { } cause)
        {
            var server = StorageOptions.PostgresServer(db.Database.GetConnectionString()!);
            throw new InvalidOperationException(
                $"PostgreSQL at {server} (ConnectionStrings:Postgres) could not be reached or refused the schema's migrations: {cause.Message}", ex);
        }
    }

    // The advisory lock's key: any number, the same on every node ("FM" and a one).
    private const long MigrationLock = 0x464D_0001;

    private static async Task<bool> HasTable(AppDb db, string name)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$name";
            parameter.Value = name;
            command.Parameters.Add(parameter);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>Creates the folder and applies the schema's migrations at start; SQLite runs in WAL mode so a crash mid-write loses nothing acknowledged.</summary>
    public static async Task EnsureStorageAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
        if (options.Provider == StorageOptions.Sqlite)
        {
            Directory.CreateDirectory(options.DataFolder);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (db.Database.IsNpgsql())
        {
            await MigratePostgresAsync(db);
            return;
        }

        if (!db.Database.IsSqlite())
        {
            await db.Database.EnsureCreatedAsync();
            return;
        }

        // The schema evolves by migrations (Data/Migrations), so a data file from an older version is upgraded
        // in place at start. A file from before migrations existed has tables but no history: say so plainly.
        var applied = await db.Database.GetAppliedMigrationsAsync();
        if (!applied.Any() && await HasTable(db, "Events"))
        {
            throw new InvalidOperationException(
                $"The data file {options.SqlitePath} was made by a pre-release build of FlashMentoring and cannot be upgraded. Move it aside (or set Storage:DataFolder) and start again.");
        }

        // A file from before people were stored as records: add the new columns, turn the roster text into people
        // and seats, and only then drop the old columns.
        var upgraded = 0;
        if (!applied.Any(m => m.EndsWith("_" + DropRosterTextMigration, StringComparison.Ordinal)))
        {
            await db.GetService<IMigrator>().MigrateAsync(RosterTextUpgrade.AfterMigration);
            upgraded = await RosterTextUpgrade.RunAsync(db.Database.GetDbConnection(), app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FlashMentoring.Storage"));
        }

        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        if (upgraded > 0)
        {
            // The old roster text is gone from the tables but would linger in the file's free pages: rewrite the file
            // without them, and empty the write-ahead log.
            await db.Database.ExecuteSqlRawAsync("VACUUM;");
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }
}
