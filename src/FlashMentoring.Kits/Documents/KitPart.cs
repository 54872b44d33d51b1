using System.Globalization;
using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Documents;

/// <summary>One printable of the kit: composes its pages into the writer.</summary>
public interface IKitPart
{
    /// <summary>Short name used in URLs: guide, grid, signs, itineraries, badges, feedback, roster.</summary>
    string Key { get; }

    /// <summary>Title printed in each page's footer.</summary>
    string Title { get; }

    /// <summary>Writes the part's pages.</summary>
    void Compose(KitWriter writer);
}

/// <summary>Wording shared by the parts.</summary>
internal static class Words
{
    public static readonly CultureInfo English = new("en-US");

    /// <summary>Family names sort as a reader expects: case and accents aside (Ávila with Avila), in English order.</summary>
    public static readonly StringComparer Alphabetical = StringComparer.Create(English, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);

    public static string Time(DateTimeOffset t) => t.ToString("h:mm tt", English);

    /// <summary>"9:00-9:15 AM", or "11:50 AM-12:05 PM" across noon.</summary>
    public static string Span(DateTimeOffset from, DateTimeOffset to) =>
        from.ToString("tt", English) == to.ToString("tt", English) ? $"{from.ToString("h:mm", English)}-{Time(to)}" : $"{Time(from)}-{Time(to)}";

    public static string Date(DateTimeOffset t) => t.ToString("dddd, MMMM d, yyyy", English);

    public static string List(IReadOnlyList<string> items) => string.Join(", ", items);

    public static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;

    /// <summary>A line to write on in a blank kit.</summary>
    public const string Blank = "______________________________";
}
