using Pictor.Contracts.Security;

namespace Pictor.Contracts.Ledger;

/// <summary>One epoch's share of the journal: its entries, and once closed its statement and Merkle receipts.</summary>
/// <remarks>
/// Keyed by <see cref="LedgerKeys.Epoch"/>. Only the ledger grain writes to it; clients read statements and
/// proofs here directly. A closed epoch never changes.
/// </remarks>
[Alias("pictor.ILedgerEpochGrain")]
public interface ILedgerEpochGrain : IGrainWithStringKey
{
    /// <summary>Returns the epoch's statement; for the open epoch, a preview without root or carries.</summary>
    /// <returns>The statement.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetStatement")]
    Task<EpochStatement> GetStatementAsync();

    /// <summary>Reads the epoch's entries in order.</summary>
    /// <param name="offset">Entries to skip, from 0.</param>
    /// <param name="maxCount">The most entries to return.</param>
    /// <returns>The entries.</returns>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("Read")]
    Task<IReadOnlyList<LedgerEntry>> ReadAsync(int offset, int maxCount);

    /// <summary>Returns the receipt that pays <paramref name="tileId"/> in this closed epoch, with its Merkle proof.</summary>
    /// <param name="tileId">The tile.</param>
    /// <returns>The proof; null when the epoch is open or pays no receipt for the tile.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetReceiptProof")]
    Task<ReceiptProof?> GetReceiptProofAsync(string tileId);

    /// <summary>
    /// Returns every receipt of <paramref name="workerId"/> in this closed epoch, each with its Merkle proof: the
    /// worker's share.
    /// </summary>
    /// <param name="workerId">The worker.</param>
    /// <returns>The proofs in receipt order; empty when the epoch is open or pays the worker nothing.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetWorkerReceiptProofs")]
    Task<IReadOnlyList<ReceiptProof>> GetWorkerReceiptProofsAsync(string workerId);
}
