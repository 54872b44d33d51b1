using System.Text.Json.Serialization;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;

namespace FlashMentoring.Web.Online;

/// <summary>One table of the current plan: its mentor, whether it meets online, and its video room.</summary>
/// <param name="Table">The table's number (its mentor's place in the plan, from 1).</param>
/// <param name="Source">Where the link comes from: pattern, csv, replaced (mid-event); null when none.</param>
public sealed record OnlineTable(int Table, string Mentor, bool Online, string? Link, string? Source);

/// <summary>A round's conversation starter; <c>IsDefault</c> when it is the format's own for that round.</summary>
/// <param name="Text">The prompt, a starter in the reader's language; null for none.</param>
/// <param name="Key">The starter's text key (a page words it with t()); null for the host's own words or none.</param>
public sealed record RoundPromptView(int Round, string? Text, bool IsDefault, string? Key = null);

/// <summary>A CSV line of rooms that was not stored, and why.</summary>
public sealed record RoomProblem(int Line, string Text);

/// <summary>The host's online page: the event's mode, its rooms per table and its prompts per round.</summary>
/// <param name="Format">The event's format by its one name (open, senior-to-junior, peer-to-peer, reverse), a key of <paramref name="Defaults"/> however the host typed it.</param>
/// <param name="Defaults">Each format's starters, in the reader's language.</param>
/// <param name="DefaultKeys">The same starters' text keys, in the same order: the host page offers them by key.</param>
public sealed record OnlineView(
    string Mode,
    string Format,
    string? Pattern,
    IReadOnlyList<OnlineTable> Tables,
    IReadOnlyList<RoundPromptView> Prompts,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Defaults,
    IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultKeys)
{
    /// <summary>Only in the answer to a CSV of rooms: the lines left out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RoomProblem>? Problems { get; init; }
}

/// <summary>Which tables of the plan exist and which meet online, read from the stored people.</summary>
public static class OnlineTables
{
    private static readonly IReadOnlyDictionary<MentoringFormat, string> FormatNames = new Dictionary<MentoringFormat, string>
    {
        [MentoringFormat.Open] = "open",
        [MentoringFormat.SeniorToJunior] = "senior-to-junior",
        [MentoringFormat.PeerToPeer] = "peer-to-peer",
        [MentoringFormat.Reverse] = "reverse",
    };

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultKeys =
        FormatNames.ToDictionary(f => f.Value, f => (IReadOnlyList<string>)[.. Enumerable.Range(1, RoundPrompts.Defaults(f.Key).Count).Select(r => RoundPrompts.DefaultKey(f.Key, [], r)!)]);

    /// <summary>
    /// Whether each table meets online, table 1 first: its mentor's Online in the plan, which the plan store maps from
    /// the stored profile under the event's mode (a change of who is online re-plans, so a held plan is never stale).
    /// </summary>
    public static IReadOnlyList<bool> OnlineByTable(EventPlan? plan) =>
        plan is null ? [] : plan.Plan.Rotation.Mentors.Select(m => m.Online).ToList();

    /// <summary>The host's view of the event's rooms and prompts; starters in <paramref name="texts"/>' language (English when null).</summary>
    public static OnlineView View(EventRecord e, EventPlan? plan, Texts? texts = null)
    {
        texts ??= Texts.English;
        ArgumentNullException.ThrowIfNull(e);
        var online = OnlineByTable(plan);
        var tables = plan is null ? [] : plan.Plan.Rotation.Mentors.Select((m, j) =>
        {
            var table = j + 1;
            var link = OnlineRooms.LinkFor(e, table, online[j]);
            return new OnlineTable(table, m.Name, online[j], link, link is null ? null : Source(e, table));
        }).ToList();
        var format = RosterUpload.ParseFormat(e.Format) ?? MentoringFormat.Open;
        var prompts = Enumerable.Range(1, e.Rounds).Select(r =>
        {
            var key = OnlineRooms.PromptKeyFor(e, r);
            return new RoundPromptView(r, OnlineRooms.PromptFor(e, r, texts), key is not null && key == RoundPrompts.DefaultKey(format, [], r), key);
        }).ToList();
        var defaults = FormatNames.ToDictionary(f => f.Value, f => RoundPrompts.Defaults(f.Key, texts));
        return new OnlineView(e.Mode, FormatNames[format], e.Rooms.Pattern, tables, prompts, defaults, DefaultKeys);
    }

    private static string Source(EventRecord e, int table) =>
        e.Rooms.Links.FirstOrDefault(l => l.Table == table) is { } own ? own.ReplacedAt is null ? "csv" : "replaced" : "pattern";
}
