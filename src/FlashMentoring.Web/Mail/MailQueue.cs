using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

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

/// <summary>Registers e-mail: options, the queue, its sender and the re-plan updates.</summary>
public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration("Mail")
            .Validate(o => o.Security.Trim().ToLowerInvariant() is "none" or "starttls" or "ssl" or "auto", "Mail:Security must be none, starttls, ssl or auto.")
            .Validate(o => o.Port is > 0 and < 65536 && o.MaxAttempts > 0 && o.RetrySeconds >= 0, "Mail:Port must be 1 to 65535, Mail:MaxAttempts at least 1 and Mail:RetrySeconds not negative.")
            // Checked here, not per message: a bad sender address would fail every message with a parse error.
            .Validate(o => string.IsNullOrWhiteSpace(o.From) || MailboxAddress.TryParse(o.From, out _), "Mail:From must be one e-mail address, e.g. mentoring@agency.gov.")
            .ValidateOnStart();
        services.AddSingleton<MailQueue>();
        services.AddScoped<PlanUpdates>();
        services.AddSingleton<PlanChangeWake>();
        // Every save that re-plans an event wakes the sender, so its updates go out at once (nothing to wake when off).
        services.ConfigureDbContext<AppDb>((provider, db) =>
        {
            if (provider.GetRequiredService<IOptions<MailOptions>>().Value.Enabled)
            {
                db.AddInterceptors(provider.GetRequiredService<PlanChangeWake>());
            }
        });
        services.AddHostedService<MailSender>();
        return services;
    }

    /// <summary>The host's view of the e-mail queue, the invitations, and each person's calendar file.</summary>
    public static IEndpointRouteBuilder MapMail(this IEndpointRouteBuilder app) => app.MapMailRoutes();
}
