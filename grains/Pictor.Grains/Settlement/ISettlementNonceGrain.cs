using Pictor.Contracts.Security;

namespace Pictor.Grains.Settlement;

/// <summary>Durable nonces of one sending account, shared by every settlement grain that signs with it.</summary>
/// <remarks>Keyed by the account's EIP-55 address. Each reservation is written before it is returned.</remarks>
[Alias("pictor.ISettlementNonceGrain")]
public interface ISettlementNonceGrain : IGrainWithStringKey
{
    /// <summary>Reserves the next nonce.</summary>
    /// <param name="chainPendingCount">The node's pending transaction count for the account.</param>
    /// <param name="staleAfter">
    /// When the node knows none of the nonces handed out since this long ago, they were lost (a dropped transaction, a
    /// reset chain): start again from the node's count.
    /// </param>
    /// <returns>The nonce.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Reserve")]
    Task<long> ReserveAsync(long chainPendingCount, TimeSpan staleAfter);

    /// <summary>Hands back a nonce whose transaction the node refused.</summary>
    /// <param name="nonce">The nonce.</param>
    /// <returns>A task that completes when durable.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Release")]
    Task ReleaseAsync(long nonce);
}
