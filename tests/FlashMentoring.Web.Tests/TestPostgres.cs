using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlashMentoring.Web.Tests;

/// <summary>
/// Debian's PostgreSQL for this test process: started on first use, on a free loopback port with its data in a
/// temporary folder, stopped when the process exits. Every database it hands out is a copy of a template that was
/// migrated once, so a new database costs a file copy (tens of milliseconds), not a migration run.
/// </summary>
public static class TestPostgres
{
    /// <summary>FLASHMENTORING_TEST_STORAGE=Postgres: every <see cref="TestApp"/> then runs on a database of its own here.</summary>
    public static bool Selected { get; } =
        string.Equals(Environment.GetEnvironmentVariable("FLASHMENTORING_TEST_STORAGE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<Server> Instance = new(Server.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new database with the current schema (no rows); the connection string for it.</summary>
    public static Task<string> NewDatabaseAsync() => Task.Run(() => Instance.Value.Create(Server.Template));

    /// <summary>A new database without any table, as an operator creates one for a first start.</summary>
    public static Task<string> NewEmptyDatabaseAsync() => Task.Run(() => Instance.Value.Create("template0"));

    /// <summary>
    /// The database standing for a data folder: created (with the current schema) the first time, the same one after,
    /// so two apps on one folder are the app before and after a restart.
    /// </summary>
    public static string DatabaseFor(string dataFolder) =>
        Instance.Value.Create(Server.Template, "fm_folder_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataFolder))))[..16]);

    /// <summary>A new database with the schema, for a <see cref="TestApp"/>; synchronous, as a web host is configured.</summary>
    internal static string NewDatabase() => Instance.Value.Create(Server.Template);

    /// <summary>Drops a database once its app is gone (a test process makes hundreds; each is several megabytes).</summary>
    public static void Drop(string connectionString)
    {
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        Instance.Value.Drop(new NpgsqlConnectionStringBuilder(connectionString).Database!);
    }

    private sealed class Server
    {
        public const string Template = "fm_template";

        private const string Ready = "database system is ready to accept connections";

        private const string Prefix = "fm-postgres-";

        private readonly string root;
        private readonly int port;
        private readonly Process postgres;
        private readonly FileStream owner;
        private readonly Lock gate = new();
        private int made;

        private Server(string root, int port, Process postgres, FileStream owner)
        {
            this.root = root;
            this.port = port;
            this.postgres = postgres;
            this.owner = owner;
        }

        public string ConnectionString(string database) =>
            new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = database, IncludeErrorDetail = true }.ConnectionString;

        public static Server Start()
        {
            var bin = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                    .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var version) ? version : 0).FirstOrDefault()
                : null;
            if (bin is null)
            {
                throw new InvalidOperationException(
                    "The tests on PostgreSQL (the migration tests, and every web test with FLASHMENTORING_TEST_STORAGE=Postgres) need Debian's PostgreSQL in /usr/lib/postgresql/*/bin: apt-get install postgresql (.ci/run does).");
            }

            RemoveLeftovers();
            var root = Directory.CreateTempSubdirectory(Prefix).FullName;
            // Held while this process lives: should the watcher (LocalServers.CleanUpAfterTests) not remove the folder, a later run finds
            // the lock free and does.
            var owner = new FileStream(Path.Combine(root, "owner.lock"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            // initdb and postgres refuse to run as root: as root, the server runs as the postgres user, who owns the folder.
            var user = Environment.UserName == "root" ? "postgres" : null;
            if (user is not null)
            {
                Run("chown", ["-R", $"{user}:", root]);
            }

            // An ICU collation, as a production server's en_US.UTF-8 sorts: the tests then meet what a real server does
            // with names, not the byte order SQLite and the C locale share.
            string[] initdb = [Path.Combine(bin, "initdb"), "-D", Path.Combine(root, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US", "--no-sync"];
            if (user is null)
            {
                Run(initdb[0], initdb[1..]);
            }
            else
            {
                Run("runuser", ["-u", user, "--", .. initdb]);
            }

            var port = LocalServers.FreePort();
            var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            // The server is started from a thread that lives as long as this process and asks the kernel to stop it
            // (SIGQUIT, PostgreSQL's immediate shutdown) when that thread dies: a test run that is killed leaves no
            // server behind. The thread, not the process, is what the kernel watches, hence a thread of its own.
            var keeper = new Thread(() =>
            {
                try
                {
                    var info = new ProcessStartInfo("setpriv")
                    {
                        RedirectStandardError = true,
                        RedirectStandardOutput = true,
                        UseShellExecute = false,
                        WorkingDirectory = root,
                    };
                    if (user is not null)
                    {
                        info.ArgumentList.Add($"--reuid={user}");
                        info.ArgumentList.Add($"--regid={user}");
                        info.ArgumentList.Add("--init-groups");
                    }

                    foreach (var argument in (string[])["--pdeathsig", "QUIT", "--", Path.Combine(bin, "postgres"), "-D", Path.Combine(root, "data"), "-p", $"{port}",
                        "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={root}",
                        // Throw-away data: nothing needs to reach the disk, and nothing needs vacuuming before the run ends.
                        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "autovacuum=off",
                        // Test classes run side by side, each app with its own pool.
                        "-c", "max_connections=500", "-c", "shared_buffers=64MB"])
                    {
                        info.ArgumentList.Add(argument);
                    }

                    var process = new Process { StartInfo = info };
                    process.ErrorDataReceived += (_, line) =>
                    {
                        if (line.Data is null)
                        {
                            return;
                        }

                        log.Enqueue(line.Data);
                        if (line.Data.Contains(Ready, StringComparison.Ordinal))
                        {
                            started.TrySetResult(process);
                        }
                    };
                    process.OutputDataReceived += (_, line) => log.Enqueue(line.Data ?? "");
                    process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("PostgreSQL stopped as it started:\n" + string.Join('\n', log)));
                    process.EnableRaisingEvents = true;
                    process.Start();
                    process.BeginErrorReadLine();
                    process.BeginOutputReadLine();
                    process.WaitForExit();
                }
                catch (Exception ex)
                {
                    started.TrySetException(ex);
                }
            })
            { IsBackground = true, Name = "PostgreSQL for the tests" };
            keeper.Start();
            if (!started.Task.Wait(TimeSpan.FromSeconds(60)))
            {
                throw new InvalidOperationException("PostgreSQL did not start within 60 s:\n" + string.Join('\n', log));
            }

            var server = new Server(root, port, started.Task.Result, owner);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
            LocalServers.CleanUpAfterTests(root, started.Task.Result.Id, program: null);
            server.MigrateTemplate();
            return server;
        }

        // The schema once, by the app's own migrations; then the template takes no connections, as CREATE DATABASE
        // ... TEMPLATE requires.
        private void MigrateTemplate()
        {
            Admin($"CREATE DATABASE {Template}");
            var options = new DbContextOptionsBuilder<AppDb>().UseNpgsql(new NpgsqlConnectionStringBuilder(ConnectionString(Template)) { Pooling = false }.ConnectionString).Options;
            using (var db = new PostgresDb(options))
            {
                db.Database.Migrate();
            }

            Admin($"ALTER DATABASE {Template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
        }

        public string Create(string template, string? name = null)
        {
            lock (gate)
            {
                name ??= $"fm_{++made}";
                var exists = Admin($"SELECT count(*) FROM pg_database WHERE datname = '{name}'") is long and > 0;
                if (!exists)
                {
                    Admin($"CREATE DATABASE \"{name}\" TEMPLATE {template}");
                }
            }

            return ConnectionString(name);
        }

        public void Drop(string name) => Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

        private object? Admin(string sql)
        {
            using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            return command.ExecuteScalar();
        }

        private void Stop()
        {
            try
            {
                // Immediate shutdown: the data is thrown away, nothing needs a checkpoint.
                Run("kill", ["-QUIT", postgres.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                postgres.WaitForExit(10_000);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // The process is ending anyway, and the server goes with it (its parent-death signal); the watcher
                // removes the folder.
            }
        }

        // A test process that was killed (or whose exit handler was cut short) leaves its folder behind; its server went
        // with it. Only a folder whose owner lock is free is removed, or one without a lock untouched for an hour: another
        // test process may be running beside this one, or making its folder now.
        private static void RemoveLeftovers()
        {
            foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
            {
                try
                {
                    var lockFile = Path.Combine(folder, "owner.lock");
                    if (File.Exists(lockFile))
                    {
                        using (new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                        {
                        }
                    }
                    else if (Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow.AddHours(-1))
                    {
                        continue;
                    }

                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // In use, or half made by a process starting now: left to its owner.
                }
            }
        }

        private static void Run(string program, string[] arguments)
        {
            var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output.Result}{errors}");
            }
        }
    }
}
