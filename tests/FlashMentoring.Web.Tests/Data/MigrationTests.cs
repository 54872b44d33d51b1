using System.Net;
using System.Net.Http.Json;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Data;

/// <summary>
/// An empty database reaches this build's schema by the migrations the app applies at start, on either store, and
/// the model holds nothing the migrations lack: a change to the model needs a migration for SQLite
/// (<c>--context AppDb</c>) and one for PostgreSQL (<c>--context PostgresDb</c>). Both run on every test run, the
/// PostgreSQL one on the test process's own server.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-migrate-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AnEmptySqliteFileIsUpgradedToTheCurrentSchemaAtStart()
    {
        // An empty file is an empty SQLite database.
        await File.WriteAllBytesAsync(Path.Combine(folder, "flashmentoring.db"), []);
        using var app = new TestApp { Settings = { ["Storage:Provider"] = "Sqlite", ["Storage:DataFolder"] = folder } };

        await TheSchemaIsCurrentAsync(app, typeof(AppDb));
    }

    [Fact]
    public async Task AnEmptyPostgresDatabaseIsUpgradedToTheCurrentSchemaAtStart()
    {
        using var app = new TestApp { Settings = { ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = await TestPostgres.NewEmptyDatabaseAsync() } };

        await TheSchemaIsCurrentAsync(app, typeof(PostgresDb));
    }

    [Fact]
    public async Task APersonsOwnLanguageMovesWithThemToTheirRowAndBackWhenTheMigrationIsUndone()
    {
        using var app = new TestApp { DataFolder = folder };
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2027-03-01T09:00:00-05:00", rounds = 2 }))
            .Content.ReadFromJsonAsync<FlashMentoring.Web.Events.CreatedEvent>())!;
        await app.UploadRosterAsync(created, "role,name,language\nmentor,Mona,\nmentee,Ann,es\nmentee,Ben,\n");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_LanguageOnPersonRow", StringComparison.Ordinal)) - 1];
        var migrator = db.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();

        await migrator.MigrateAsync(before);
        var inProfiles = await db.Database.SqlQuery<string>($"SELECT \"Language\" AS \"Value\" FROM \"PersonProfiles\" WHERE \"Language\" IS NOT NULL").ToListAsync();
        await migrator.MigrateAsync();
        var onRows = await db.People.AsNoTracking().OrderBy(p => p.Name).Select(p => p.Language).ToListAsync();

        inProfiles.Should().Equal(["es"], "undone, the migration puts Ann's language back in her profile");
        onRows.Should().Equal(["es", null, null], "done again, Ann still reads Spanish, and Ben and Mona the event's language");
    }

    private static async Task TheSchemaIsCurrentAsync(TestApp app, Type context)
    {
        var created = await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2027-03-01T09:00:00-05:00", rounds = 2, seatsPerTable = 1 });

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.Should().BeOfType(context);
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse($"the model changed without a migration: dotnet ef migrations add <Name> --context {context.Name}");
    }
}
