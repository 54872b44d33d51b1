using System.Net;
using System.Net.Http.Json;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
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
