using System.Numerics;
using Pictor.Chain;

namespace Pictor.Grains.Settlement;

/// <summary>
/// An <see cref="INonceStore"/> over <see cref="ISettlementNonceGrain"/>: nonces persist in grain state and follow the
/// account, not the silo.
/// </summary>
/// <param name="grains">The grain factory.</param>
/// <param name="staleAfter">See <see cref="ISettlementNonceGrain.ReserveAsync"/>.</param>
public sealed class GrainNonceStore(IGrainFactory grains, TimeSpan staleAfter) : INonceStore
{
    /// <inheritdoc/>
    public async ValueTask<BigInteger> ReserveAsync(
        WalletAddress account, BigInteger chainPendingCount, CancellationToken cancellationToken) =>
        await grains.GetGrain<ISettlementNonceGrain>(account.Value).ReserveAsync((long)chainPendingCount, staleAfter)
            .WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask ReleaseAsync(WalletAddress account, BigInteger nonce, CancellationToken cancellationToken) =>
        await grains.GetGrain<ISettlementNonceGrain>(account.Value).ReleaseAsync((long)nonce).WaitAsync(cancellationToken);
}
