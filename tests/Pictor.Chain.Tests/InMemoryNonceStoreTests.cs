using System.Numerics;

namespace Pictor.Chain.Tests;

[Trait("Suite", "fast")]
public sealed class InMemoryNonceStoreTests
{
    private static readonly WalletAddress Account = WalletAddress.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    [Fact]
    public async Task ReserveAsync_RepeatedWithoutBroadcasts_HandsOutConsecutiveNonces()
    {
        var store = new InMemoryNonceStore();

        Assert.Equal(new BigInteger(5), await store.ReserveAsync(Account, 5, CancellationToken.None));
        Assert.Equal(new BigInteger(6), await store.ReserveAsync(Account, 5, CancellationToken.None));
        Assert.Equal(new BigInteger(7), await store.ReserveAsync(Account, 6, CancellationToken.None));
    }

    [Fact]
    public async Task ReserveAsync_ChainAheadOfStore_FollowsTheChain()
    {
        var store = new InMemoryNonceStore();
        await store.ReserveAsync(Account, 0, CancellationToken.None);

        Assert.Equal(new BigInteger(9), await store.ReserveAsync(Account, 9, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_EarlierNonce_IsReusedBeforeNewOnes()
    {
        var store = new InMemoryNonceStore();
        var first = await store.ReserveAsync(Account, 0, CancellationToken.None);
        var second = await store.ReserveAsync(Account, 0, CancellationToken.None);
        await store.ReserveAsync(Account, 0, CancellationToken.None);

        await store.ReleaseAsync(Account, second, CancellationToken.None);

        Assert.Equal(first + 1, await store.ReserveAsync(Account, 0, CancellationToken.None));
        Assert.Equal(new BigInteger(3), await store.ReserveAsync(Account, 0, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_LatestNonce_RollsBack()
    {
        var store = new InMemoryNonceStore();
        var nonce = await store.ReserveAsync(Account, 4, CancellationToken.None);

        await store.ReleaseAsync(Account, nonce, CancellationToken.None);

        Assert.Equal(nonce, await store.ReserveAsync(Account, 4, CancellationToken.None));
    }
}
