using System.Globalization;
using Humanizer;

namespace FlashMentoring.Core.Wording;

/// <summary>
/// Counts and durations in words, through Humanizer rather than "mentor(s)" or hand-made plurals: the numbers follow
/// the current culture, and durations come from Humanizer's locale resources, so a language added later (its
/// Humanizer.Core.xx package) says "2 minutos" without a change here. The nouns themselves are English until the
/// texts around them move to resource files.
/// </summary>
public static class Say
{
    /// <summary>"1 mentor", "3 mentors", "1,200 mentees": <paramref name="noun"/> is the English singular.</summary>
    public static string Count(int count, string noun) =>
        noun.ToQuantity(count, "N0", CultureInfo.CurrentCulture);

    /// <summary>"20 seconds", "1 minute", "2 hours": how long someone waits, in the largest unit that fits.</summary>
    public static string Wait(TimeSpan wait) =>
        wait.Humanize(precision: 1, culture: CultureInfo.CurrentUICulture, maxUnit: TimeUnit.Hour, minUnit: TimeUnit.Second);

    /// <summary>"5 minutes ago", "2 minutes from now": an instant against <paramref name="now"/>.</summary>
    public static string Since(DateTimeOffset instant, DateTimeOffset now) =>
        instant.Humanize(now, CultureInfo.CurrentUICulture);
}
