using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace FlashMentoring.Web.Tests.Mail;

/// <summary>A message the SMTP server received: the envelope's recipients and the message as sent.</summary>
public sealed record Received(string File, IReadOnlyList<string> Recipients, MimeMessage Message)
{
    /// <summary>The plain-text body.</summary>
    public string Text => Message.TextBody ?? "";

    /// <summary>The attached calendar file's part, or null.</summary>
    public MimePart? Calendar => Message.Attachments.OfType<MimePart>().FirstOrDefault(p => p.ContentType.IsMimeType("text", "calendar"));

    /// <summary>The calendar file's text, or null.</summary>
    public string? CalendarText()
    {
        if (Calendar is not { } part)
        {
            return null;
        }

        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd (python3-aiosmtpd) running Mail/smtp_sink.py, which writes every
/// message it receives to a folder, one .eml file each. It can be stopped and started again on the same port (a relay
/// going away and coming back), refuse addresses containing a given text with 550, and take only so many messages
/// before answering 421 to the rest (a relay going down mid-queue).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly string? refuse;
    private readonly string root = Directory.CreateTempSubdirectory("smtp-sink-").FullName;
    private Process? server;

    private SmtpSink(string? refuse)
    {
        this.refuse = refuse;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>Where the received messages are written.</summary>
    public string Folder => Path.Combine(root, "received");

    /// <summary>The app's settings to send through this server.</summary>
    public Dictionary<string, string> MailSettings(double retrySeconds = 30) => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "none",
        ["Mail:From"] = "mentoring@agency.gov",
        ["Mail:FromName"] = "Flash mentoring",
        ["Mail:RetrySeconds"] = retrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Starts a server on a free port; addresses containing <paramref name="refuse"/> are refused with 550; with
    /// <paramref name="take"/>, it takes that many messages, then answers 421 to each further one and hangs up.
    /// </summary>
    public static async Task<SmtpSink> StartAsync(string? refuse = null, int? take = null)
    {
        var sink = new SmtpSink(refuse);
        await sink.StartAsync(take);
        return sink;
    }

    /// <summary>
    /// (Re)starts the server on its port and waits until the port takes connections; with <paramref name="take"/>,
    /// this run takes that many messages, then answers 421.
    /// </summary>
    public async Task StartAsync(int? take = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Mail", "smtp_sink.py");
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(Folder);
        if (refuse is not null || take is not null)
        {
            info.ArgumentList.Add(refuse ?? "");
        }

        if (take is { } count)
        {
            info.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        server = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Python} {script}.");
        using var limit = new CancellationTokenSource(StartTimeout);
        var line = await server.StandardOutput.ReadLineAsync(limit.Token);
        if (line != "ready")
        {
            var error = await server.StandardError.ReadToEndAsync(limit.Token);
            throw new InvalidOperationException($"The SMTP server did not start (is python3-aiosmtpd installed?): {line} {error}");
        }

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, limit.Token);
    }

    /// <summary>Stops the server (SIGTERM, as a relay shutting down) and waits until it has exited.</summary>
    public async Task StopAsync()
    {
        if (server is null || server.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(StartTimeout);
        await server.WaitForExitAsync(limit.Token);
        server.Dispose();
        server = null;
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<Received> Messages() =>
        !Directory.Exists(Folder)
            ? []
            : new DirectoryInfo(Folder).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => Read(f.FullName)).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived (watching the folder), then returns them all.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(Folder);
        using var arrived = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Folder, "*.eml") { EnableRaisingEvents = true };
        watcher.Created += (_, _) => arrived.Release();
        watcher.Renamed += (_, _) => arrived.Release();
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            var now = Directory.GetFiles(Folder, "*.eml").Length;
            if (now >= count)
            {
                return Messages();
            }

            var left = limit - deadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{now} of {count} messages arrived within {limit.TotalSeconds} s: {string.Join("; ", Messages().Select(m => $"{string.Join(",", m.Recipients)}: {m.Message.Subject}"))}");
            }

            // Woken by the next file; the second's cap only guards against an event the watcher missed.
            await arrived.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Runs Python's standard e-mail parser on a received file; returns what the script prints.</summary>
    public static async Task<string> PythonParse(Received message, string script)
    {
        ArgumentNullException.ThrowIfNull(message);
        var info = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var python = Process.Start(info)!;
        await python.StandardInput.BaseStream.WriteAsync(await File.ReadAllBytesAsync(message.File));
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        python.ExitCode.Should().Be(0, error);
        return output;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind harms nobody.
        }
    }

    private static Received Read(string file)
    {
        var message = MimeMessage.Load(file);
        var recipients = (message.Headers["X-Sink-Rcpt-To"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new Received(file, recipients, message);
    }
}
