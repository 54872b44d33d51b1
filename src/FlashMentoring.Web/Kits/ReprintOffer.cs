using FlashMentoring.Core.Planning;

namespace FlashMentoring.Web.Kits;

/// <summary>
/// What to print again after a re-plan: the itineraries of everyone told of it (by person id, as the check-in list
/// shows them) and the signs of every table someone left or joined. The console passes both lists to the kit job.
/// </summary>
/// <param name="People">Person ids whose itinerary reads differently now.</param>
/// <param name="Tables">Table numbers whose sign reads differently now.</param>
public sealed record Reprint(IReadOnlyList<long> People, IReadOnlyList<int> Tables)
{
    /// <summary>Nothing to print again.</summary>
    public static readonly Reprint None = new([], []);

    /// <summary>The reprint for a re-plan that told <paramref name="told"/> (identity keys) of <paramref name="changes"/>.</summary>
    public static Reprint Of(IReadOnlyDictionary<string, long> idOfKey, IEnumerable<string> told, IEnumerable<SeatChange> changes)
    {
        ArgumentNullException.ThrowIfNull(idOfKey);
        return new(
            [.. told.Select(k => idOfKey.TryGetValue(k, out var id) ? id : (long?)null).OfType<long>().Order()],
            [.. changes.SelectMany(c => new[] { c.FromTable, c.ToTable }).OfType<int>().Distinct().Order()]);
    }
}
