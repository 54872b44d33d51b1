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

    public static string Time(DateTimeOffset t) => t.ToString("h:mm tt", English);

    public static string Date(DateTimeOffset t) => t.ToString("dddd, MMMM d, yyyy", English);

    public static string List(IReadOnlyList<string> items) => string.Join(", ", items);

    public static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;

    /// <summary>A line to write on in a blank kit.</summary>
    public const string Blank = "______________________________";
}
