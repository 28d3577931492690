using Microsoft.Extensions.Logging;

namespace Pictor.Grains.Settlement;

/// <summary>Durable nonces of one sending account; see <see cref="ISettlementNonceGrain"/> and <c>Pictor.Chain.INonceStore</c>.</summary>
/// <remarks>Storage etags make each reservation atomic: a second activation's write fails instead of handing out a nonce twice.</remarks>
public sealed class SettlementNonceGrain(
    [PersistentState("nonces", StorageNames.Grid)] IPersistentState<SettlementNonceState> state,
    TimeProvider clock,
    ILogger<SettlementNonceGrain> logger) : Grain, ISettlementNonceGrain
{
    async Task<long> ISettlementNonceGrain.ReserveAsync(long chainPendingCount, TimeSpan staleAfter)
    {
        var s = state.State;
        var now = clock.GetUtcNow();

        // Released nonces below the node's count were used after all.
        s.Released.RemoveAll(n => n < chainPendingCount);
        long nonce;
        if (s.Released.Count > 0)
        {
            nonce = s.Released.Min();
            s.Released.Remove(nonce);
        }
        else
        {
            if (s.Next > chainPendingCount && now - s.LastReservedAt > staleAfter)
            {
                // Nonces [pending, Next) were handed out long ago and the node knows none of them: their
                // transactions are gone (dropped, or the chain was reset). Signing above the gap would stall forever.
                logger.LogWarning(
                    "Nonces {From}..{To} of {Account} never reached the node; reusing from {From}", chainPendingCount, s.Next - 1,
                    this.GetPrimaryKeyString(), chainPendingCount);
                s.Next = chainPendingCount;
            }

            nonce = Math.Max(s.Next, chainPendingCount);
            s.Next = nonce + 1;
        }

        s.LastReservedAt = now;
        await state.WriteStateAsync();
        return nonce;
    }

    async Task ISettlementNonceGrain.ReleaseAsync(long nonce)
    {
        var s = state.State;
        if (nonce == s.Next - 1)
        {
            s.Next = nonce;
        }
        else if (nonce < s.Next && !s.Released.Contains(nonce))
        {
            s.Released.Add(nonce);
        }
        else
        {
            return;
        }

        await state.WriteStateAsync();
    }
}
