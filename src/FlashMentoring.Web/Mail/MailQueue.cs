using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using Microsoft.Extensions.Options;

namespace FlashMentoring.Web.Mail;

/// <summary>
/// Puts e-mails in the queue (the Mail table, saved with the change that caused them); the sender takes them from there.
/// Requests never wait for a relay.
/// </summary>
public sealed class MailQueue(IOptions<MailOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>True when an SMTP relay is configured.</summary>
    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// Adds a message to <paramref name="db"/> (the caller saves, then calls <see cref="Wake"/>); null, and nothing
    /// added, when e-mail is off.
    /// </summary>
    public MailRecord? Add(AppDb db, Guid eventId, long? personId, string to, string kind, string subject, string text, string? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Enabled)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var domain = options.Value.From!.Split('@', 2) is [_, var d] ? d : "flashmentoring.local";
        var mail = new MailRecord
        {
            EventId = eventId,
            PersonId = personId,
            To = to,
            Kind = kind,
            Subject = subject,
            Text = text,
            Calendar = calendar,
            CreatedAt = now,
            NextAttemptAt = now,
            MessageId = $"{Secrets.Random(12)}@{domain}",
        };
        db.Mail.Add(mail);
        return mail;
    }

    /// <summary>Tells the sender that new messages were saved.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken: one wake-up covers every message saved before it is taken.
            }
        }
    }

    /// <summary>Waits until <see cref="Wake"/> is called or <paramref name="delay"/> passes (on the app's clock).</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(delay, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The delay passed: look at the queue anyway.
        }
    }
}

/// <summary>Registers e-mail: options, the queue and (later) its sender.</summary>
public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration("Mail");
        services.AddSingleton<MailQueue>();
        return services;
    }

    /// <summary>The host's view of the e-mail queue and the invitations (routes come with the sender).</summary>
    public static IEndpointRouteBuilder MapMail(this IEndpointRouteBuilder app) => app;
}
