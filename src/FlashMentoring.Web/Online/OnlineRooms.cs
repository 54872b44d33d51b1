using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;

namespace FlashMentoring.Web.Online;

/// <summary>Who meets where: in the room or online, and which video room an online table uses.</summary>
public static class OnlineRooms
{
    /// <summary>The event modes a host can pick.</summary>
    public static readonly IReadOnlyList<string> Modes = [EventRecord.InPerson, EventRecord.Online, EventRecord.Hybrid];

    /// <summary>The longest room link kept.</summary>
    public const int MaxLink = 500;

    /// <summary>in-person or online for this person at this event: the event's mode decides, in a hybrid event the person's own.</summary>
    public static string Attends(EventRecord e, PersonProfile profile)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(profile);
        return e.Mode switch
        {
            EventRecord.Online => EventRecord.Online,
            EventRecord.Hybrid => profile.Attends == EventRecord.Online ? EventRecord.Online : EventRecord.InPerson,
            _ => EventRecord.InPerson,
        };
    }

    /// <summary>The video room of a table, or null when the table is not online or has no room yet.</summary>
    /// <param name="e">The event.</param>
    /// <param name="table">The table's number (its mentor's place among the mentors, from 1).</param>
    /// <param name="online">Whether that table meets online (its mentor attends online).</param>
    public static string? LinkFor(EventRecord e, int table, bool online)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!online)
        {
            return null;
        }

        if (e.Rooms.Links.FirstOrDefault(l => l.Table == table) is { } own)
        {
            return own.Link;
        }

        return e.Rooms.Pattern is { } pattern && e.Rooms.Secret is { } secret
            ? pattern.Replace("{event}", RoomName(e.Title, secret), StringComparison.Ordinal)
                .Replace("{table}", table.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            : null;
    }

    /// <summary>A fresh random part for room names: 12 lower-case letters and digits, 60 bits.</summary>
    public static string NewSecret() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 12);

    /// <summary>
    /// Whether a link may be handed to participants as a room: an absolute https address with a host, no user name or
    /// password in it, no spaces or control characters, at most <see cref="MaxLink"/> characters. The reason when not.
    /// </summary>
    public static bool IsSafeLink(string? link, out string problem)
    {
        problem = "";
        var text = link?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "The link is empty.";
        }
        else if (text.Length > MaxLink)
        {
            problem = $"The link is {text.Length} characters long; at most {MaxLink}.";
        }
        else if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problem = "The link has a space or a control character in it.";
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host))
        {
            problem = $"\"{Shorten(text)}\" is not an https:// link; only https links to your video service can be rooms.";
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = "The link has a user name or password in it; use the room's plain link.";
        }

        return problem.Length == 0;
    }

    /// <summary>The prompt of a round, as the host chose it or the format's default; null when none.</summary>
    public static string? PromptFor(EventRecord e, int round, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return RoundPrompts.For(FormatOf(e), e.Prompts, round, texts);
    }

    /// <summary>The key of a round's prompt when it is the format's default, for a page to word in its reader's language; null for the host's own.</summary>
    public static string? PromptKeyFor(EventRecord e, int round)
    {
        ArgumentNullException.ThrowIfNull(e);
        return RoundPrompts.DefaultKey(FormatOf(e), e.Prompts, round);
    }

    private static Core.Planning.MentoringFormat FormatOf(EventRecord e) => RosterUpload.ParseFormat(e.Format) ?? Core.Planning.MentoringFormat.Open;

    // "Autumn Flash Mentoring" with secret k7x2... becomes autumn-flash-mentoring-k7x2...: people recognise their event's
    // room by its name, and the secret part makes it unguessable.
    private static string RoomName(string title, string secret)
    {
        var slug = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-' && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                slug.Append('-');
            }

            if (slug.Length >= 30)
            {
                break;
            }
        }

        var name = slug.ToString().Trim('-');
        return name.Length == 0 ? secret : $"{name}-{secret}";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
