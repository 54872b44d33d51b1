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
    /// password in it, no spaces or control characters, at most <see cref="MaxLink"/> characters. The reason when not,
    /// in <paramref name="texts"/>' language (English when null).
    /// </summary>
    public static bool IsSafeLink(string? link, out string problem, Texts? texts = null)
    {
        texts ??= Texts.English;
        problem = "";
        var text = link?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = texts.T("online.problem.linkEmpty");
        }
        else if (text.Length > MaxLink)
        {
            problem = texts.T("online.problem.linkTooLong", ("length", text.Length), ("max", MaxLink));
        }
        else if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problem = texts.T("online.problem.linkSpace");
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host))
        {
            problem = texts.T("online.problem.linkNotHttps", ("link", Shorten(text)));
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = texts.T("online.problem.linkUser");
        }

        return problem.Length == 0;
    }

    /// <summary>
    /// The prompt of a round in <paramref name="texts"/>' language (English when null): a starter (the format's own, or
    /// one the host picked from the list, in whichever language they picked it) is worded in that language; the host's
    /// own words stay as written; null when none.
    /// </summary>
    public static string? PromptFor(EventRecord e, int round, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return PromptKeyFor(e, round) is { } key ? (texts ?? Texts.English).T(key) : RoundPrompts.For(FormatOf(e), e.Prompts, round, texts);
    }

    /// <summary>
    /// The text key of a round's prompt when it is a starter (the format's default for the round, or one the host picked
    /// from the starters), for a page to word in its reader's language; null for the host's own words or none.
    /// </summary>
    public static string? PromptKeyFor(EventRecord e, int round)
    {
        ArgumentNullException.ThrowIfNull(e);
        return RoundPrompts.DefaultKey(FormatOf(e), e.Prompts, round) ?? StarterKey(e.Prompts[round - 1]);
    }

    /// <summary>The key of a starter given as its key or as its text in any language; null for anything else.</summary>
    public static string? StarterKey(string? prompt)
    {
        var text = prompt?.Trim() ?? "";
        return text.Length == 0 ? null : Starters.Value.TryGetValue(text, out var key) ? key : null;
    }

    // Every format's starters, by key and by their text in every language, to their key.
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Starters = new(() =>
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var format in Enum.GetValues<Core.Planning.MentoringFormat>())
        {
            for (var round = 1; round <= RoundPrompts.Defaults(format).Count; round++)
            {
                var key = RoundPrompts.DefaultKey(format, [], round)!;
                keys.TryAdd(key, key);
                foreach (var language in Texts.Languages)
                {
                    keys.TryAdd(Texts.For(language.Code).T(key), key);
                }
            }
        }

        return keys;
    });

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
