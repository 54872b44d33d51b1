using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Data;

public sealed class StorageTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-storage-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ANewDataFileGetsTheSchemaByMigrationsSoLaterVersionsCanUpgradeIt()
    {
        using var app = new TestApp { DataFolder = folder };
        app.CreateClient().Dispose();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        File.Exists(Path.Combine(folder, "flashmentoring.db")).Should().BeTrue();
    }

    [Fact]
    public void AFileFromBeforeMigrationsIsRefusedWithAMessageThatSaysWhatToDo()
    {
        var options = new DbContextOptionsBuilder<AppDb>().UseSqlite($"Data Source={Path.Combine(folder, "flashmentoring.db")}").Options;
        using (var old = new AppDb(options))
        {
            old.Database.EnsureCreated();
        }

        using var app = new TestApp { DataFolder = folder };
        var start = () => app.CreateClient();

        start.Should().Throw<InvalidOperationException>().WithMessage("*pre-release build*Move it aside*");
    }
}
