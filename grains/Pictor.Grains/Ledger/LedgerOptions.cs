namespace Pictor.Grains.Ledger;

/// <summary>Epoch policy of the ledger; bound from configuration section <see cref="Section"/>.</summary>
public sealed class LedgerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ledger";

    /// <summary>An epoch that has entries closes once it is this old; null closes epochs only by count or on request.</summary>
    /// <remarks>Checked on every ledger call and by a one-minute reminder, so an epoch closes within a minute of its due time.</remarks>
    public TimeSpan? EpochLength { get; set; } = TimeSpan.FromHours(1);

    /// <summary>An epoch closes once it holds this many entries; 0 for no limit.</summary>
    /// <remarks>Closing an epoch builds its receipts tree over all its entries; settlement mints per epoch.</remarks>
    public int EpochMaxEntries { get; set; } = 10_000;

    /// <summary>
    /// Most entries in one stored page of an epoch; a credit batch rewrites only its page (a larger batch gets a page
    /// of its own).
    /// </summary>
    public int EpochPageEntries { get; set; } = 256;

    /// <summary>
    /// The operator's account: it has an unlimited grant, and a job that names no account charges it. Empty for none:
    /// then every job must name an account with a balance.
    /// </summary>
    public string OperatorAccount { get; set; } = Contracts.Ledger.AccountIds.Operator;
}
