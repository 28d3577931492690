using System.Numerics;

namespace Pictor.Chain;

/// <summary>The default <see cref="INonceStore"/>: correct within one process, forgotten on restart.</summary>
/// <remarks>Enough for tests and a single settler; a settler that may move between silos needs a durable store.</remarks>
public sealed class InMemoryNonceStore : INonceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<WalletAddress, AccountNonces> _accounts = [];

    /// <inheritdoc />
    public ValueTask<BigInteger> ReserveAsync(WalletAddress account, BigInteger chainPendingCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var nonces = Get(account);
            // Released nonces below the pending count were used after all (by another sender of this account).
            nonces.Released.RemoveWhere(n => n < chainPendingCount);
            BigInteger nonce;
            if (nonces.Released.Count > 0)
            {
                nonce = nonces.Released.Min;
                nonces.Released.Remove(nonce);
            }
            else
            {
                nonce = BigInteger.Max(nonces.Next, chainPendingCount);
                nonces.Next = nonce + 1;
            }

            return ValueTask.FromResult(nonce);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(WalletAddress account, BigInteger nonce, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var nonces = Get(account);
            if (nonce == nonces.Next - 1)
            {
                nonces.Next = nonce;
            }
            else if (nonce < nonces.Next)
            {
                nonces.Released.Add(nonce);
            }

            return ValueTask.CompletedTask;
        }
    }

    private AccountNonces Get(WalletAddress account)
    {
        if (!_accounts.TryGetValue(account, out var nonces))
        {
            nonces = new AccountNonces();
            _accounts.Add(account, nonces);
        }

        return nonces;
    }

    private sealed class AccountNonces
    {
        public BigInteger Next { get; set; }

        public SortedSet<BigInteger> Released { get; } = [];
    }
}
