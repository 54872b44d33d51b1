using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;
using FlashMentoring.Kits;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Live;

namespace FlashMentoring.Web.Mail;

/// <summary>One round of a person's day with its clock times, as an e-mail and a calendar file say it.</summary>
/// <param name="Row">Table, mentor and who else is there (Live/Itineraries).</param>
/// <param name="Starts">The round's start, on the person's clock (their time zone, else the event's).</param>
/// <param name="Ends">The round's end.</param>
/// <param name="Room">The table's video room, for someone online at an online table that has one.</param>
public sealed record TimedRound(ItineraryRow Row, DateTimeOffset Starts, DateTimeOffset Ends, string? Room = null);

/// <summary>A planned person's itinerary for e-mail: their rounds, and the signature an update is decided by.</summary>
/// <param name="Mentor">They host a table (and stay there).</param>
/// <param name="Signature">Per round, the table and a short hash of whom they meet there (<see cref="MailItinerary.Sign"/>).</param>
public sealed record PersonItinerary(bool Mentor, IReadOnlyList<TimedRound> Rounds, string Signature)
{
    /// <summary>They take part online, from video rooms.</summary>
    public bool Online { get; init; }

    /// <summary>The time zone their times are in: their own when known, else the event's; null: the start's offset.</summary>
    public string? Zone { get; init; }

    /// <summary>The first round they sit at a table, or null (resting all day).</summary>
    public TimedRound? First => Rounds.FirstOrDefault(r => r.Row.Table is not null);
}

/// <summary>
/// Itineraries as e-mails and calendar files tell them: clock times in the event's time zone, and a signature per
/// person so a re-plan is mailed only to those whose day it changed.
/// </summary>
public static class MailItinerary
{
    internal static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The person's itinerary in <paramref name="plan"/>; null when the plan does not seat them.</summary>
    /// <param name="record">The event.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="key">The person's identity key in the plan.</param>
    /// <param name="ids">Everyone's person id by key: whom they meet is signed by id (<see cref="Sign"/>).</param>
    public static PersonItinerary? For(EventRecord record, PlanResult plan, string key, IReadOnlyDictionary<string, long> ids)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(plan);
        var rotation = plan.Rotation;
        var mentor = rotation.MentorIndex(key) >= 0;
        if (!mentor && rotation.MenteeIndex(key) < 0)
        {
            return null;
        }

        var person = mentor ? rotation.Mentors[rotation.MentorIndex(key)] : rotation.Mentees[rotation.MenteeIndex(key)];
        var zone = Clocks.Known(person.TimeZone) ?? Zone(record);
        // The phone's rows carry each table's room already; the mail says the same.
        var rows = Itineraries.For(plan, key, record);
        var rounds = rows.Select(r =>
        {
            var starts = Clocks.In(RoundStart(record, r.Round), zone);
            return new TimedRound(r, starts, starts.AddMinutes(record.RoundMinutes), r.Room);
        }).ToList();
        return new PersonItinerary(mentor, rounds, Sign(plan, key, ids, rows)) { Online = person.Online, Zone = zone };
    }

    /// <summary>
    /// "7.Xb3k2Q 3.9aZ0cd 0": per round the table (0: none) and a hash of whom they meet there (a mentee's mentor, a
    /// mentor's mentees) and, for someone online, the table's room: a room changed before the event is mailed as an
    /// update. Plain table numbers let an update say which table a round used to be.
    /// </summary>
    /// <remarks>
    /// Partners are hashed by person id, not by key: a key is the e-mail, and the host correcting a mentor's address
    /// must not make every one of her mentees look moved.
    /// </remarks>
    /// <param name="plan">The plan.</param>
    /// <param name="key">The person's identity key.</param>
    /// <param name="ids">Everyone's person id by key.</param>
    /// <param name="rows">The person's itinerary rows, one per round, whose rooms are signed; null: no rooms.</param>
    public static string Sign(PlanResult plan, string key, IReadOnlyDictionary<string, long> ids, IReadOnlyList<ItineraryRow>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(ids);
        // A key without a row cannot happen for a plan written with its people; the key itself still signs it then.
        string Id(string partner) => ids.TryGetValue(partner, out var id) ? id.ToString(CultureInfo.InvariantCulture) : partner;
        var rotation = plan.Rotation;
        var mentor = rotation.MentorIndex(key);
        var mentee = rotation.MenteeIndex(key);
        var parts = new List<string>(rotation.Rounds);
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            var (table, partners) = mentor >= 0
                ? (plan.Attendance.MentorThere(mentor, round) ? mentor + 1 : 0, rotation.MenteesAt(round, mentor).Select(i => Id(rotation.Mentees[i].Key)).Order(StringComparer.Ordinal))
                : rotation.MentorOf(round, mentee) is var at && at >= 0 ? (at + 1, [Id(rotation.Mentors[at].Key)]) : (0, Enumerable.Empty<string>());
            // Without a room the hash is what it always was, so nobody in the room is mailed an update for nothing.
            var signed = string.Join('\n', partners) + (table > 0 && rows?[round - 1].Room is { } link ? "\nroom " + link : "");
            parts.Add(table == 0 ? "0" : $"{table.ToString(CultureInfo.InvariantCulture)}.{Hash(signed)}");
        }

        return string.Join(' ', parts);
    }

    /// <summary>The rounds whose table or company differ between two signatures (1-based), with the old table (0: none).</summary>
    public static IReadOnlyList<(int Round, int OldTable)> Changed(string? before, string now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var old = (before ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var current = now.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var changed = new List<(int, int)>();
        for (var i = 0; i < current.Length; i++)
        {
            var was = i < old.Length ? old[i] : "";
            if (was != current[i])
            {
                changed.Add((i + 1, int.TryParse(was.Split('.')[0], CultureInfo.InvariantCulture, out var table) ? table : 0));
            }
        }

        return changed;
    }

    /// <summary>When a round starts, in the event's time zone.</summary>
    public static DateTimeOffset RoundStart(EventRecord record, int round)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Local(record, record.StartsAt.AddMinutes((round - 1) * (record.RoundMinutes + record.TransitionMinutes)));
    }

    /// <summary>When the event ends: every round and every change of tables.</summary>
    public static DateTimeOffset EventEnd(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Local(record, record.StartsAt.AddMinutes(record.Rounds * (record.RoundMinutes + record.TransitionMinutes)));
    }

    /// <summary>The event's IANA time zone when it names one this machine knows; null otherwise (times keep the start's offset).</summary>
    public static string? Zone(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Clocks.Known(record.TimeZone);
    }

    /// <summary>An instant as the event's clocks show it.</summary>
    public static DateTimeOffset Local(EventRecord record, DateTimeOffset instant) => Clocks.In(instant, Zone(record));

    /// <summary>"Tuesday, December 1, 2026", "martes, 1 de diciembre de 2026": the culture's long date (English when none).</summary>
    public static string Date(DateTimeOffset t, CultureInfo? culture = null)
    {
        culture ??= English;
        return t.ToString(culture.DateTimeFormat.LongDatePattern, culture);
    }

    /// <summary>"9:00 AM", "9:00": the culture's short time (English when none).</summary>
    public static string Time(DateTimeOffset t, CultureInfo? culture = null)
    {
        culture ??= English;
        // ICU's English pattern puts a narrow no-break space before AM/PM, which some mail readers show as a box.
        return t.ToString(culture.DateTimeFormat.ShortTimePattern.Replace('\u202F', ' '), culture);
    }

    /// <summary>
    /// "Eastern Time (America/New_York)", "hora del Este (America/New_York)" or "UTC-05:00": which clock the times are
    /// on, in <paramref name="texts"/>' language (English when none). The system's zone names come in one language
    /// only, so zones without a name in the mail texts are given by their id outside English.
    /// </summary>
    public static string ZoneName(EventRecord record, string? zone, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        texts ??= Texts.English;
        var at = Clocks.In(record.StartsAt, zone);
        if (Clocks.Known(zone) is not { } id)
        {
            return Clocks.Name(zone, at);
        }

        if (texts.Entries.ContainsKey("mail.zone." + id))
        {
            return texts.T("mail.zoneNamed", ("name", texts.T("mail.zone." + id)), ("id", id));
        }

        return texts.Code == Texts.Default ? Clocks.Name(zone, at) : id;
    }

    private static string Hash(string text) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 6));
}
