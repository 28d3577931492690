namespace Pictor.Contracts.Ledger;

/// <summary>The credit journal: one entry per credited tile; balances are derived from it.</summary>
/// <remarks>Keyed by ledger name (<see cref="DefaultKey"/>). Credits are idempotent by tile id.</remarks>
[Alias("pictor.ILedgerGrain")]
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>The key of the grid's ledger.</summary>
    const string DefaultKey = "default";

    /// <summary>Records credits; a tile already credited is counted as a duplicate and changes nothing.</summary>
    /// <param name="credits">The credits.</param>
    /// <returns>How many were applied and how many were duplicates.</returns>
    /// <exception cref="ArgumentException">A credit is malformed (empty ids, negative amounts); nothing is recorded.</exception>
    [Alias("Credit")]
    Task<CreditOutcome> CreditAsync(IReadOnlyList<CreditRequest> credits);

    /// <summary>Returns balances per worker and wallet.</summary>
    /// <returns>The summary.</returns>
    [Alias("GetSummary")]
    Task<LedgerSummary> GetSummaryAsync();

    /// <summary>Reads the journal in order.</summary>
    /// <param name="fromSequence">The first sequence number to return (from 1).</param>
    /// <param name="maxCount">The most entries to return.</param>
    /// <returns>The entries.</returns>
    [Alias("ReadJournal")]
    Task<IReadOnlyList<LedgerEntry>> ReadJournalAsync(long fromSequence, int maxCount);
}
