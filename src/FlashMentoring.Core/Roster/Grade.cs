using System.Globalization;

namespace FlashMentoring.Core.Roster;

/// <summary>
/// A pay grade. General Schedule grades rank 5..15 by number and SES ranks 16, so "two grades above"
/// is plain arithmetic; anything else is kept as text and has no rank.
/// </summary>
/// <param name="Text">The grade as written.</param>
/// <param name="Rank">GS number, 16 for SES, or null when the text is not a grade we know.</param>
public sealed record Grade(string Text, int? Rank)
{
    /// <summary>No grade given.</summary>
    public static readonly Grade Unknown = new("", null);

    /// <summary>Reads <c>GS-13</c>, <c>gs 9</c>, <c>GS13</c>, <c>SES</c>; other text is kept without a rank.</summary>
    public static Grade Parse(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0)
        {
            return Unknown;
        }

        var upper = t.ToUpperInvariant();
        if (upper is "SES" or "SL" or "ST")
        {
            return new Grade(t, 16);
        }

        if (upper.StartsWith("GS", StringComparison.Ordinal))
        {
            var digits = upper[2..].TrimStart('-', ' ', '_');
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 15)
            {
                return new Grade(t, n);
            }
        }

        return new Grade(t, null);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
