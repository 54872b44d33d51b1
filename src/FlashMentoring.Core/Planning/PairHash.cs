namespace FlashMentoring.Core.Planning;

/// <summary>
/// A hash for packed pairs (two indices in one long). The default one xors the two halves, which puts the pairs of
/// 10,000 mentees into 16,384 hash codes and makes every look-up walk a long chain.
/// </summary>
internal sealed class PairHash : IEqualityComparer<long>
{
    public static readonly PairHash Instance = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long obj) => (int)(((ulong)obj * 0x9E3779B97F4A7C15UL) >> 32);
}
