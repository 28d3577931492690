using Pictor.Contracts.Security;

namespace Pictor.Contracts.Ledger;

/// <summary>The credit journal: one entry per credited tile; balances are derived from it.</summary>
/// <remarks>
/// Keyed by ledger name (<see cref="DefaultKey"/>). Credits are idempotent by tile id, across epochs. The
/// journal is sharded by epoch (<see cref="ILedgerEpochGrain"/>); this grain is the index of epochs and holds
/// the open one's number. Closing an epoch fixes its statement and receipts root and plans its mint
/// (<see cref="ISettlementGrain"/>).
/// </remarks>
[Alias("pictor.ILedgerGrain")]
public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>The key of the grid's ledger.</summary>
    const string DefaultKey = "default";

    /// <summary>Records credits; a tile already credited, in any epoch, is counted as a duplicate and changes nothing.</summary>
    /// <param name="credits">The credits; those with <see cref="CreditRequest.Pending"/> wait for <see cref="ConfirmAsync"/>.</param>
    /// <returns>How many were applied and how many were duplicates.</returns>
    /// <exception cref="ArgumentException">
    /// A credit is malformed (empty ids, a tile id that does not start with <c>{jobId}/</c>, negative amounts); nothing
    /// is recorded.
    /// </exception>
    /// <remarks>A call that fails or times out may have recorded some credits: retry it with the same tile ids.</remarks>
    [CallableBy(Callers.Core)]
    [Alias("Credit")]
    Task<CreditOutcome> CreditAsync(IReadOnlyList<CreditRequest> credits);

    /// <summary>Returns balances per worker and wallet.</summary>
    /// <returns>The summary.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetSummary")]
    Task<LedgerSummary> GetSummaryAsync();

    /// <summary>Reads the journal in order.</summary>
    /// <param name="fromSequence">The first sequence number to return (from 1).</param>
    /// <param name="maxCount">The most entries to return.</param>
    /// <returns>The entries.</returns>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("ReadJournal")]
    Task<IReadOnlyList<LedgerEntry>> ReadJournalAsync(long fromSequence, int maxCount);

    /// <summary>Makes pending credits payable: verification accepted these tiles.</summary>
    /// <param name="jobId">The job the tiles belong to.</param>
    /// <param name="tileIds">The tiles.</param>
    /// <returns>What changed; repeating the call changes nothing.</returns>
    /// <remarks>The credit becomes payable in the epoch open now, whichever epoch recorded it.</remarks>
    [CallableBy(Callers.Core)]
    [Alias("Confirm")]
    Task<ResolutionOutcome> ConfirmAsync(string jobId, IReadOnlyList<string> tileIds);

    /// <summary>Drops pending credits for good: verification refused these tiles.</summary>
    /// <param name="jobId">The job the tiles belong to.</param>
    /// <param name="tileIds">The tiles.</param>
    /// <param name="reason">Why, kept in the journal.</param>
    /// <returns>What changed; repeating the call changes nothing.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Reject")]
    Task<ResolutionOutcome> RejectAsync(string jobId, IReadOnlyList<string> tileIds, string reason);

    /// <summary>Closes the open epoch now: fixes its statement and receipts root, opens the next and plans the mint.</summary>
    /// <returns>The closed epoch's statement.</returns>
    /// <remarks>Epochs also close by themselves when <c>Ledger:EpochLength</c> or <c>Ledger:EpochMaxEntries</c> is reached.</remarks>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("CloseEpoch")]
    Task<EpochStatement> CloseEpochAsync();

    /// <summary>Lists every epoch, the open one last.</summary>
    /// <returns>The epochs in order.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetEpochs")]
    Task<IReadOnlyList<EpochInfo>> GetEpochsAsync();
}
