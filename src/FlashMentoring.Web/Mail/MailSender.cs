using System.Text;
using FlashMentoring.Web.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FlashMentoring.Web.Mail;

/// <summary>
/// Sends the queue (the Mail table) through the organisation's SMTP relay: due messages oldest first, a batch per
/// connection, each marked sent the moment the relay took it; a failure is retried later, twice as late each time,
/// and given up after <see cref="MailOptions.MaxAttempts"/>; after a batch could not be sent at all, the rest of the queue
/// waits for that retry too. Between batches it looks for re-plans to mail
/// (<see cref="PlanUpdates"/>). Requests only add rows and wake it, so a slow or dead relay never holds one up.
/// </summary>
/// <remarks>
/// One sender per process. On several nodes (<c>Live:Redis</c>), every node's sender looks at the one queue, so each
/// row is claimed before it is sent: a conditional update moves its NextAttemptAt <see cref="ClaimFor"/> ahead, and only
/// the sender whose update changed the row sends it. A node that dies while sending leaves its claimed rows to be sent
/// after the claim runs out (the relay may then see a message twice, with the same Message-ID).
/// </remarks>
public sealed class MailSender(IServiceScopeFactory scopes, MailQueue queue, IOptions<MailOptions> options, IOptions<Live.LiveOptions> live, TimeProvider time, ILogger<MailSender> log) : BackgroundService
{
    /// <summary>How long a claimed row is left to the sender that claimed it.</summary>
    internal static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>Messages sent over one connection.</summary>
    internal const int BatchSize = 20;

    /// <summary>How often re-plans are looked for when nothing wakes the sender (a save that changed a plan does).</summary>
    internal static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    // A relay that accepts the connection and then says nothing must not hold the queue: MailKit's own I/O timeout.
    private static readonly TimeSpan RelayTimeout = TimeSpan.FromSeconds(30);

    // After a batch could not be sent, the relay is not tried again before that batch's retry: a relay that drops packets
    // would otherwise cost a timeout per batch across the whole queue. Only the ExecuteAsync loop reads and sets it.
    private DateTimeOffset relayBackAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            log.LogInformation("E-mail is off: set Mail:Host and Mail:From to send invitations.");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<PlanUpdates>().QueueAsync(stoppingToken);
                }

                while (time.GetUtcNow() >= relayBackAt && await SendBatchAsync(stoppingToken))
                {
                    // A full batch: there may be more due.
                }

                wait = await UntilNextDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database was busy or gone for a moment: the queue is still there at the next look. Only stopping ends
                // the loop; a timeout of the database's own must not stop the sender (or the host).
                log.LogError(ex, "Mail: the sender failed; trying again in {Wait}.", CheckEvery);
                wait = CheckEvery;
            }

            await queue.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Sends one batch of due messages; true when the batch was full and the relay took it.</summary>
    internal async Task<bool> SendBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = time.GetUtcNow();
        // SQLite cannot compare or sort DateTimeOffset columns: the queued rows' times are read and sorted here.
        var queued = await db.Mail.AsNoTracking().Where(m => m.Status == "queued").Select(m => new { m.Id, m.NextAttemptAt, m.CreatedAt }).ToListAsync(cancellationToken);
        var dueRows = queued.Where(m => m.NextAttemptAt <= now).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(BatchSize).ToList();
        if (dueRows.Count == 0)
        {
            return false;
        }

        var due = dueRows.Select(m => m.Id).ToList();
        if (live.Value.Clustered)
        {
            // Another node's sender sees the same rows: send only those this one claimed.
            var claimed = new List<long>();
            foreach (var row in dueRows)
            {
                var seen = row.NextAttemptAt;
                var changed = await db.QueuedWriteAsync(
                    () => db.Mail.Where(m => m.Id == row.Id && m.Status == "queued" && m.NextAttemptAt == seen)
                        .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now + ClaimFor), cancellationToken),
                    cancellationToken);
                if (changed == 1)
                {
                    claimed.Add(row.Id);
                }
            }

            if (claimed.Count == 0)
            {
                // All taken by another node meanwhile; there may be more due.
                return dueRows.Count == BatchSize;
            }

            due = claimed;
        }

        var batch = (await db.Mail.Where(m => due.Contains(m.Id)).ToListAsync(cancellationToken)).OrderBy(m => due.IndexOf(m.Id)).ToList();
        var ids = batch.Where(m => m.PersonId != null).Select(m => m.PersonId!.Value).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        using var client = new SmtpClient { Timeout = (int)RelayTimeout.TotalMilliseconds };
        for (var i = 0; i < batch.Count; i++)
        {
            var mail = batch[i];
            MimeMessage message;
            try
            {
                message = Message(mail, mail.PersonId is { } person ? names.GetValueOrDefault(person) : null);
            }
            catch (ParseException)
            {
                await FailedAsync(db, [mail], $"'{mail.To}' is not an e-mail address.", true, cancellationToken);
                continue;
            }

            var connecting = !client.IsConnected;
            try
            {
                if (connecting)
                {
                    await ConnectAsync(client, cancellationToken);
                    connecting = false;
                }

                await client.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Whatever went wrong is written on the messages, where the host console shows it: an exception left to
                // the loop would retry every few seconds for ever, with the rows queued and no error to see.
                if (ex is SmtpCommandException refused && !connecting)
                {
                    // The relay refused this message (a recipient, say) and is still talking: the others go on.
                    await FailedAsync(db, [mail], Describe(refused), Permanent(refused), cancellationToken);
                    continue;
                }

                // No relay, no sign-in, or it hung up: every message left in this batch waits for the next attempt, and
                // the rest of the queue waits with them.
                var left = batch.Skip(i).ToList();
                await FailedAsync(db, left, Describe(ex, connecting), false, cancellationToken);
                relayBackAt = left.Where(m => m.Status == "queued").Select(m => m.NextAttemptAt).DefaultIfEmpty(time.GetUtcNow() + Backoff(1)).Min();
                return false;
            }

            // Taken: recorded before anything else can go wrong, so it is never sent twice.
            mail.Status = "sent";
            mail.SentAt = time.GetUtcNow();
            mail.LastError = null;
            mail.Attempts++;
            await SaveAsync(db, cancellationToken);
        }

        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(true, cancellationToken);
            }
            catch (Exception ex) when (ex is SmtpProtocolException or IOException or System.Net.Sockets.SocketException)
            {
                // Every message is recorded already; a relay that drops the goodbye changes nothing.
            }
        }

        return dueRows.Count == BatchSize;
    }

    /// <summary>The MIME message for a queued row: text, and the calendar file when there is one.</summary>
    internal MimeMessage Message(MailRecord mail, string? name)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.Value;
        var message = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId, Date = time.GetUtcNow() };
        message.From.Add(new MailboxAddress(settings.FromName, settings.From!));
        var to = MailboxAddress.Parse(mail.To);
        to.Name = name;
        message.To.Add(to);
        var text = new TextPart("plain") { Text = mail.Text };
        if (mail.Calendar is null)
        {
            message.Body = text;
            return message;
        }

        var calendar = new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(mail.Calendar))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = ItineraryCalendar.FileName,
        };
        calendar.ContentType.Charset = "utf-8";
        calendar.ContentType.Parameters.Add("method", "PUBLISH");
        message.Body = new Multipart("mixed") { text, calendar };
        return message;
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var security = settings.Security.Trim().ToLowerInvariant() switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "ssl" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        // Connecting has no I/O timeout of its own in every case: a relay whose address drops packets is given up too.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RelayTimeout);
        // Our own socket, to turn Nagle's algorithm off: with it on, each message's last small write waited for the
        // relay's delayed acknowledgement, about 40 ms a message (120 invitations took 6 s instead of under one).
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.Host!, settings.Port, limit.Token);
            await client.ConnectAsync(socket, settings.Host!, settings.Port, security, limit.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", limit.Token);
        }
    }

    private async Task FailedAsync(AppDb db, IEnumerable<MailRecord> mails, string error, bool permanent, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        foreach (var mail in mails)
        {
            mail.Attempts++;
            mail.LastError = error.Length > 1000 ? error[..1000] : error;
            if (permanent || mail.Attempts >= settings.MaxAttempts)
            {
                mail.Status = "failed";
                continue;
            }

            mail.NextAttemptAt = now + Backoff(mail.Attempts);
        }

        // The relay's words can name the recipient: the log says what kind of failure, the host console says the rest.
        log.LogWarning("Mail: a message was not sent ({Kind}).", permanent ? "refused for good" : "will retry");
        await SaveAsync(db, cancellationToken);
    }

    // At least a second: a relay that fails at once must not turn the sender into a busy loop.
    private TimeSpan Backoff(int attempts)
    {
        var backoff = TimeSpan.FromSeconds(Math.Max(1, options.Value.RetrySeconds) * Math.Pow(2, attempts - 1));
        return backoff > LongestWait ? LongestWait : backoff;
    }

    private async Task SaveAsync(AppDb db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The event (and its mail) was deleted while this was being sent: nothing left to record.
            db.ChangeTracker.Clear();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>How long until the next retry is due, or the next look for re-plans, whichever comes first.</summary>
    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var next = (await db.Mail.AsNoTracking().Where(m => m.Status == "queued").Select(m => m.NextAttemptAt).ToListAsync(cancellationToken))
            .DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        if (next < relayBackAt)
        {
            next = relayBackAt; // Due, but the relay failed a moment ago: its retry comes first.
        }

        var wait = next == DateTimeOffset.MaxValue ? CheckEvery : next - time.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > CheckEvery ? CheckEvery : wait;
    }

    // A 5xx answer will be the same next time (no such mailbox, sender not allowed); a 4xx may not.
    private static bool Permanent(SmtpCommandException refused) => (int)refused.StatusCode is >= 500 and < 600;

    private static string Describe(Exception ex, bool connecting = false) => ex switch
    {
        SmtpCommandException refused when !connecting => $"The relay refused it: {(int)refused.StatusCode} {refused.Message.Trim()}",
        OperationCanceledException => $"The relay did not answer within {RelayTimeout.TotalSeconds} seconds.",
        // Mail:User is set, and the relay offers no sign-in (NotSupportedException) or turned it down.
        AuthenticationException or NotSupportedException => $"Could not sign in to the relay as Mail:User: {ex.Message.Trim()}",
        ServiceNotAuthenticatedException => $"The relay wants a sign-in: set Mail:User and Mail:Password. {ex.Message.Trim()}",
        IOException or System.Net.Sockets.SocketException or SmtpProtocolException or SslHandshakeException or ServiceNotConnectedException or SmtpCommandException =>
            $"Could not reach the relay: {ex.Message.Trim()}",
        _ => $"Could not send through the relay: {ex.Message.Trim()}",
    };
}
