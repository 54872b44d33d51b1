using System.Globalization;
using Humanizer;

namespace FlashMentoring.Core.Wording;

/// <summary>
/// Counts and durations in words, through Humanizer rather than "mentor(s)" or hand-made plurals. The sentences around
/// them are English, so the words are too whatever the server's own language is (a Spanish laptop must not print
/// "10 segundos" inside an English sentence); once a text is translated, its caller passes the reader's culture, and
/// Humanizer's locale packages (Humanizer.Core.es ships) give "2 minutos" with no change here.
/// </summary>
public static class Say
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"1 mentor", "3 mentors", "1,200 mentees": <paramref name="noun"/> is the English singular.</summary>
    public static string Count(int count, string noun, CultureInfo? culture = null) =>
        noun.ToQuantity(count, "N0", culture ?? English);

    /// <summary>"20 seconds", "1 minute", "2 hours": how long someone waits, in the largest unit that fits.</summary>
    public static string Wait(TimeSpan wait) => Texts.English.Duration(wait);
}
