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
    /// <remarks>
    /// Each credit draws from its job's reservation (<see cref="ReserveAsync"/>): a pending one holds its amount there
    /// until it is confirmed (then drawn) or rejected (then freed). A credit the reservation cannot cover is not recorded
    /// and counted as <see cref="CreditOutcome.Unfunded"/>.
    /// </remarks>
    /// <param name="credits">The credits; those with <see cref="CreditRequest.Pending"/> wait for <see cref="ConfirmAsync"/>.</param>
    /// <returns>How many were applied and how many were duplicates.</returns>
    /// <exception cref="ArgumentException">
    /// A credit is malformed (empty ids, a tile id that does not start with <c>{jobId}/</c>, an amount outside 0 to
    /// <see cref="LedgerAmounts.Max"/>), its job holds no open reservation, or the epoch's sums would overflow; nothing is
    /// recorded.
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
    /// <remarks>
    /// The credit becomes payable in the epoch open now, whichever epoch recorded it, and is drawn from the job's
    /// reservation (which it held while pending).
    /// </remarks>
    /// <exception cref="ArgumentException">The job holds no open reservation; nothing is confirmed.</exception>
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

    /// <summary>Grants a creator account credits; each grant id is applied once per account.</summary>
    /// <param name="grant">The grant.</param>
    /// <returns>Whether it was applied now (false: the grant id was applied before), and the account after it.</returns>
    /// <exception cref="ArgumentException">
    /// A malformed account or grant id, an amount outside 1 to <see cref="LedgerAmounts.Max"/>, a grant id reused with
    /// another amount, the operator's (unlimited) account, or a balance that would exceed <see cref="LedgerAmounts.Max"/>;
    /// nothing is granted.
    /// </exception>
    [Alias("Grant")]
    [CallableBy(Callers.Operator | Callers.Core)]
    Task<GrantOutcome> GrantAsync(CreditGrant grant);

    /// <summary>Reserves a job's cost on its creator's account, once per job: a repeat returns the same reservation.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="account">The account; empty for the operator's account (<c>Ledger:OperatorAccount</c>).</param>
    /// <param name="amount">Credits (<see cref="CreditPricing.Reservation"/>), 1 to <see cref="LedgerAmounts.Max"/>.</param>
    /// <returns>The reservation.</returns>
    /// <exception cref="ArgumentException">
    /// The account cannot cover the amount (the message says what it has available), the job already reserved another
    /// amount or account or was released, an argument is malformed, or the ledger's committed total would exceed
    /// <see cref="LedgerAmounts.Max"/>; nothing is reserved.
    /// </exception>
    [Alias("Reserve")]
    [CallableBy(Callers.Core)]
    Task<JobReservation> ReserveAsync(string jobId, string account, long amount);

    /// <summary>
    /// Ends a job's reservation: its credits still pending are rejected with <paramref name="reason"/> (never verified,
    /// never paid), what it drew stays drawn, and the rest goes back to the account. Repeating it changes nothing.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="account">The account it charges; empty for the operator's account.</param>
    /// <param name="reason">Why the pending credits are rejected, kept in the journal.</param>
    /// <returns>The released reservation (amount 0 when the job never reserved).</returns>
    /// <remarks>From the first call on, the job's credits and confirmations are refused.</remarks>
    [Alias("Release")]
    [CallableBy(Callers.Core)]
    Task<JobReservation> ReleaseAsync(string jobId, string account, string reason);

    /// <summary>The credit keys of a job's credits still pending (recorded, neither confirmed nor rejected).</summary>
    /// <param name="jobId">The job.</param>
    /// <returns>The keys, in journal order.</returns>
    [Alias("FindPending")]
    [CallableBy(Callers.Core | Callers.Operator)]
    Task<IReadOnlyList<string>> FindPendingAsync(string jobId);

    /// <summary>Returns a creator account's balance.</summary>
    /// <param name="account">The account; empty for the operator's account.</param>
    /// <returns>The account (all zero when it was never granted or charged).</returns>
    [Alias("GetAccount")]
    [CallableBy(Callers.Anyone)]
    Task<AccountInfo> GetAccountAsync(string account);

    /// <summary>Returns every account that was granted credits or charged for a job, sorted by id.</summary>
    /// <returns>The accounts.</returns>
    [Alias("GetAccounts")]
    [CallableBy(Callers.Anyone)]
    Task<IReadOnlyList<AccountInfo>> GetAccountsAsync();
}
