namespace FlashMentoring.Web.Mail;

/// <summary>
/// The organisation's SMTP relay (section <c>Mail</c>). Without a host and a sender nothing is sent, and the host
/// console says so; the app works as without e-mail.
/// </summary>
public sealed class MailOptions
{
    /// <summary>The relay's host name, e.g. smtp.agency.gov; unset: e-mail is off.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>none, starttls, ssl or auto (STARTTLS when the relay offers it).</summary>
    public string Security { get; set; } = "auto";

    /// <summary>The account to sign in with, when the relay asks for one.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. mentoring@agency.gov.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "Flash mentoring";

    /// <summary>Seconds before the first retry of a failed message; each retry waits twice as long.</summary>
    public double RetrySeconds { get; set; } = 30;

    /// <summary>Attempts before a message is marked failed for good.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>True when there is a relay to send through.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}
