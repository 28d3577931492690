namespace Pictor.Grains.Ledger;

/// <summary>Sums of the ledger's statistics (tiles, pixel-samples, pending and rejected credits) that stop at the range.</summary>
/// <remarks>
/// Money sums are bounded by the ledger's committed total (<see cref="Contracts.Ledger.LedgerAmounts"/>) and never reach
/// it; statistics are not money and are not bounded that way (a tile can be rejected and rendered again any number of
/// times), so they saturate rather than throw: an overflow must never stop an epoch from closing.
/// </remarks>
internal static class Saturating
{
    /// <summary>Adds, stopping at <see cref="long.MaxValue"/> or <see cref="long.MinValue"/>.</summary>
    /// <param name="a">One term.</param>
    /// <param name="b">The other.</param>
    /// <returns>The sum, or the bound it would pass.</returns>
    public static long Add(long a, long b)
    {
        long sum = unchecked(a + b);

        // Overflow happened when both terms have the same sign and the sum's sign differs.
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : sum;
    }

    /// <summary>Sums a sequence, saturating.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The sum.</returns>
    public static long Sum(IEnumerable<long> values) => values.Aggregate(0L, Add);
}
