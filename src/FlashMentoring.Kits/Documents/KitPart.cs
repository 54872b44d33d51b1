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
