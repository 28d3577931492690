using Orleans.Concurrency;
using Pictor.Contracts.Security;

namespace Pictor.Contracts.Ledger;

/// <summary>The persisted outbox of one epoch's mint: planned → sent(tx, nonce) → confirmed(block), reconciled against the chain.</summary>
/// <remarks>
/// Keyed by <see cref="LedgerKeys.Epoch"/>. The ledger plans it when the epoch closes. Each epoch has one
/// settlement id, so however often this grain crashes, moves or retries, the token contract mints it at most
/// once; before every send the grain asks the chain whether the id is already minted.
/// </remarks>
[Alias("pictor.ISettlementGrain")]
public interface ISettlementGrain : IGrainWithStringKey
{
    /// <summary>Returns the settlement's current state without waiting.</summary>
    /// <returns>The state; <see cref="SettlementStatus.None"/> when the epoch is not closed.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetInfo")]
    [AlwaysInterleave]
    Task<SettlementInfo> GetInfoAsync();

    /// <summary>Drives the settlement toward a final state and waits for it, at most <paramref name="maxWait"/>.</summary>
    /// <param name="maxWait">Longest wait; keep it under the grain call timeout (30 s by default) and call again.</param>
    /// <returns>
    /// The state when it became final or the wait ended. Without a configured chain it stays
    /// <see cref="SettlementStatus.Planned"/>.
    /// </returns>
    /// <remarks>Interleaves with every other call: it only starts the grain's own settling loop and waits on it.</remarks>
    [CallableBy(Callers.Core | Callers.Operator)]
    [Alias("Settle")]
    [AlwaysInterleave]
    Task<SettlementInfo> SettleAsync(TimeSpan maxWait);
}
