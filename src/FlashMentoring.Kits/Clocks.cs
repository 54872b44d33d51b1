using System.Globalization;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Kits;

/// <summary>
/// Clock times as a reader in a given time zone reads them: the kit and the e-mails print each person's times on their
/// own clock, from the event's instants, so a daylight-saving change in one place and not the other is right.
/// </summary>
public static partial class Clocks
{
    /// <summary>
    /// The IANA id of the place's zone (a Windows name becomes its place); null for null, blank, unknown ids and
    /// abbreviations such as EST, whose clock ignores daylight saving time (<see cref="PersonFields.ReadTimeZone"/>).
    /// </summary>
    public static string? Known(string? zone) => PersonFields.KnownTimeZone(zone);

    /// <summary>The instant on the zone's clock; unchanged when the zone is not known.</summary>
    public static DateTimeOffset In(DateTimeOffset instant, string? zone) =>
        Known(zone) is { } id ? TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(id)) : instant;

    /// <summary>
    /// "Mountain Time (America/Denver)": the zone's everyday name, and its id for anyone who sets a clock by it; for a
    /// time without a zone, its offset ("UTC-05:00").
    /// </summary>
    public static string Name(string? zone, DateTimeOffset at)
    {
        if (Known(zone) is not { } id)
        {
            var offset = at.Offset;
            return offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }

        // The display name reads "(UTC-07:00) Mountain Time (Denver)": the middle is the name people use all year.
        var display = TimeZoneInfo.FindSystemTimeZoneById(id).DisplayName;
        var everyday = Bracketed().Replace(display, "").Trim();
        return everyday.Length == 0 || everyday == id ? id : $"{everyday} ({id})";
    }

    [GeneratedRegex(@"^\(UTC[^)]*\)\s*|\s*\([^()]*\)$")]
    private static partial Regex Bracketed();
}
