using Pictor.Contracts.Ledger;
using Pictor.Contracts.Security;

namespace Pictor.Grains.Ledger;

/// <summary>The ledger grain's side of an epoch grain: open, append, look up, close.</summary>
/// <remarks>Only <see cref="LedgerGrain"/> calls these; it is the single writer of its epochs.</remarks>
[Alias("pictor.ILedgerEpochWriter")]
public interface ILedgerEpochWriter : IGrainWithStringKey
{
    /// <summary>Creates the epoch if it does not exist yet; otherwise changes nothing.</summary>
    /// <param name="ledgerId">The ledger's stable id.</param>
    /// <param name="epoch">The epoch number.</param>
    /// <param name="firstSequence">Journal sequence of its first entry.</param>
    /// <param name="openedAt">When it opened.</param>
    /// <returns>The epoch as stored: a closed one says so.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Open")]
    Task<EpochInfo> OpenAsync(string ledgerId, long epoch, long firstSequence, DateTimeOffset openedAt);

    /// <summary>Appends entries; one already held (same tile, same group: credit or resolution) is skipped.</summary>
    /// <param name="items">The entries.</param>
    /// <returns>Per item, whether it was appended.</returns>
    /// <exception cref="InvalidOperationException">The epoch is closed or was never opened.</exception>
    [CallableBy(Callers.Core)]
    [Alias("Append")]
    Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<EpochAppend> items);

    /// <summary>Finds the entries the epoch holds for tiles.</summary>
    /// <param name="tileIds">The tiles.</param>
    /// <param name="resolutions">False for credit entries (credit, pending); true for confirmations and rejections.</param>
    /// <returns>Per tile, the entry or null.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Find")]
    Task<IReadOnlyList<LedgerEntry?>> FindAsync(IReadOnlyList<string> tileIds, bool resolutions);

    /// <summary>
    /// Closes the epoch: fixes its receipts (with <paramref name="carries"/>), Merkle root and statement. Closing again
    /// returns the first statement.
    /// </summary>
    /// <param name="closedAt">When.</param>
    /// <param name="carries">Earlier credits of walletless workers that this epoch pays to their wallets now.</param>
    /// <returns>The statement.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Close")]
    Task<EpochStatement> CloseAsync(DateTimeOffset closedAt, IReadOnlyList<CarryLine> carries);

    /// <summary>Returns the balances derived from the epoch's entries.</summary>
    /// <returns>The totals.</returns>
    [CallableBy(Callers.Core)]
    [Alias("GetTotals")]
    Task<EpochTotals> GetTotalsAsync();
}
