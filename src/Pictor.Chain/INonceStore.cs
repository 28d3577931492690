using System.Numerics;

namespace Pictor.Chain;

/// <summary>Hands out transaction nonces for a sending account; implement it over durable storage.</summary>
/// <remarks>
/// <para>
/// Nethereum's default nonce service lives in one process and never rolls back. The settler runs in
/// a grain, which can move to another silo (or, briefly, run twice), so the next nonce must come from
/// state that moves with it: a store backed by grain state with an etag keeps two activations from
/// signing two transactions with one nonce, where one would silently replace the other.
/// </para>
/// <para>
/// Contract for implementations: <see cref="ReserveAsync"/> never returns a nonce below
/// <c>chainPendingCount</c> (the node already holds those) and never returns the same nonce twice
/// unless it was handed back with <see cref="ReleaseAsync"/>; released nonces are reused first, so
/// a transaction that was never broadcast does not leave a gap that stalls every later one.
/// </para>
/// </remarks>
public interface INonceStore
{
    /// <summary>Reserves the nonce for the next transaction of <paramref name="account"/>.</summary>
    /// <param name="account">Sending account.</param>
    /// <param name="chainPendingCount">The node's <c>eth_getTransactionCount(account, "pending")</c>.</param>
    /// <param name="cancellationToken">Cancels the reservation.</param>
    /// <returns>The nonce to sign with.</returns>
    ValueTask<BigInteger> ReserveAsync(WalletAddress account, BigInteger chainPendingCount, CancellationToken cancellationToken);

    /// <summary>Hands back a reserved nonce whose transaction the node certainly did not accept.</summary>
    /// <param name="account">Sending account.</param>
    /// <param name="nonce">The nonce that was reserved.</param>
    /// <param name="cancellationToken">Cancels the release.</param>
    /// <returns>A task that completes when the nonce is reusable.</returns>
    ValueTask ReleaseAsync(WalletAddress account, BigInteger nonce, CancellationToken cancellationToken);
}
