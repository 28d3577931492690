using System.Globalization;

namespace Pictor.Contracts.Ledger;

/// <summary>The range of the ledger's amounts, and the checked sums that keep every total inside it.</summary>
/// <remarks>
/// A grant, a reservation (a job's cost) and a credit are each at most <see cref="Max"/>; so is an account's granted
/// total, and so is the ledger's committed total (open reservations plus what released jobs drew), which bounds every
/// sum of payable credits the ledger keeps: per epoch, per worker, per wallet and over its whole life. No money sum can
/// therefore overflow a 64-bit integer; an operation that would take one past <see cref="Max"/> is refused and changes
/// nothing. See docs/chain.md ("Amounts and overflow").
/// </remarks>
public static class LedgerAmounts
{
    /// <summary>The largest amount, in credits: 2⁶² (4,611,686,018,427,387,904).</summary>
    public const long Max = 1L << 62;

    /// <summary>Whether an amount is one the ledger takes: 1 to <see cref="Max"/>.</summary>
    /// <param name="amount">The amount.</param>
    /// <returns>True when in range.</returns>
    public static bool IsValid(long amount) => amount is > 0 and <= Max;

    /// <summary>Adds two amounts of a total that must stay within <see cref="Max"/>.</summary>
    /// <param name="total">The total so far (0 to <see cref="Max"/>).</param>
    /// <param name="amount">What to add (0 to <see cref="Max"/>).</param>
    /// <param name="sum">The new total, when it fits.</param>
    /// <returns>False when the sum would exceed <see cref="Max"/>; <paramref name="sum"/> is then 0.</returns>
    public static bool TryAdd(long total, long amount, out long sum)
    {
        if (total < 0 || amount < 0 || total > Max || amount > Max - total)
        {
            sum = 0;
            return false;
        }

        sum = total + amount;
        return true;
    }

    /// <summary>An amount as the ledger's messages print it: digits grouped by commas.</summary>
    /// <param name="amount">The amount.</param>
    /// <returns>For example <c>4,611,686,018,427,387,904</c>.</returns>
    public static string Format(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture);
}
