using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
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

    [SqliteFact("The SQLite file and its migrations; a new PostgreSQL database is MigrationTests'.")]
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

    [SqliteFact("The app's own queue of SQLite writes; PostgreSQL takes concurrent writers itself.")]
    public async Task AWriteInTheQueueMaySaveInsideItWhileOtherWritersWaitTheirTurn()
    {
        using var app = new TestApp { DataFolder = folder };
        var created = await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Queue", startsAt = "2026-12-01T09:00:00-05:00" })).Content.ReadFromJsonAsync<CreatedEvent>();
        using var holderScope = app.Services.CreateScope();
        using var otherScope = app.Services.CreateScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<AppDb>();
        var other = otherScope.ServiceProvider.GetRequiredService<AppDb>();
        var holding = new TaskCompletionSource();
        var goOn = new TaskCompletionSource();

        var held = holder.QueuedWriteAsync(
            async () =>
            {
                holding.SetResult();
                await goOn.Task;
                (await holder.Events.SingleAsync(e => e.Id == created!.Id)).Title = "Saved inside the queue";
                return await holder.SaveChangesAsync(); // Already in the queue: it must not wait for its own turn.
            },
            CancellationToken.None);
        await holding.Task;
        (await other.Events.SingleAsync(e => e.Id == created!.Id)).Title = "Saved after, in its turn";
        var waiting = other.SaveChangesAsync();
        await Task.Yield();

        waiting.IsCompleted.Should().BeFalse("another writer waits while the queue is held");
        goOn.SetResult();
        (await held.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(1, "the save inside the queue went through");
        (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(1, "the waiting writer had its turn after");
        using var readScope = app.Services.CreateScope();
        (await readScope.ServiceProvider.GetRequiredService<AppDb>().Events.AsNoTracking().SingleAsync(e => e.Id == created!.Id)).Title
            .Should().Be("Saved after, in its turn", "the other writer waited for the queue, so its save came last");
    }

    [SqliteFact("A SQLite file made before migrations existed; there was no PostgreSQL store then.")]
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

    [SqliteFact("Reads the SQLite file's bytes and its -wal after secure_delete and the checkpoint; PostgreSQL's pages are the server's.")]
    public async Task ADeletedPersonsEmailIsGoneFromTheDataFileNotJustFromItsTables()
    {
        const string Email = "zelda.quartermain@example.gov";
        using var app = new TestApp { DataFolder = folder };
        var client = app.CreateClient();
        var created = (await (await client.PostAsJsonAsync("/api/events", new { title = "Spring", startsAt = "2027-03-01T09:00:00-05:00", rounds = 2, seatsPerTable = 1 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        var roster = $"role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentee,Zelda Quartermain,{Email}\nmentee,Ann Lee,ann@va.gov\n";
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await host.GetAsync($"/api/events/{created.Id}/plan")).EnsureSuccessStatusCode();
        FileText().Contains(Email, StringComparison.Ordinal).Should().BeTrue("the test is only worth something if the e-mail was written to the file");

        (await host.DeleteAsync($"/api/events/{created.Id}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);

        // The file and its write-ahead log as a copy of the folder would hold them: no trace in free pages or old frames.
        var text = FileText();
        text.Contains(Email, StringComparison.Ordinal).Should().BeFalse("the e-mail must not linger in free pages or old log frames");
        text.Contains("Zelda Quartermain", StringComparison.Ordinal).Should().BeFalse("nor the name");
    }

    private string FileText()
    {
        var text = new StringBuilder();
        foreach (var file in new[] { "flashmentoring.db", "flashmentoring.db-wal" }.Select(f => Path.Combine(folder, f)).Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.Latin1);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
