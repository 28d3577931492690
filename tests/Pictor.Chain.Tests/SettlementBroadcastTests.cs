using System.Numerics;
using System.Text;

namespace Pictor.Chain.Tests;

[Collection(AnvilCollection.Name)]
[Trait("Suite", "integration")]
public sealed class SettlementBroadcastTests(AnvilFixture anvil) : IDisposable
{
    private static readonly WalletAddress Alice = WalletAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Broadcast_ThenWait_ReturnsBeforeTheBlockAndConfirmsAfterIt()
    {
        var service = await DeployAsync();
        await anvil.SetAutomineAsync(false);
        SettlementBroadcast sent;
        try
        {
            sent = await service.BroadcastSettlementAsync(Id("two-step"), Root("two-step"), [Alice], [42], _timeout.Token);
            Assert.Null(await service.GetSettlementAsync(Id("two-step"), _timeout.Token));
            await anvil.MineBlockAsync();
        }
        finally
        {
            await anvil.SetAutomineAsync(true);
        }

        var confirmed = await service.WaitForSettlementAsync(Id("two-step"), sent.TransactionHash, _timeout.Token);
        Assert.Equal(sent.TransactionHash, confirmed.TransactionHash);
        var record = await service.GetSettlementAsync(Id("two-step"), _timeout.Token);
        Assert.Equal(confirmed.BlockNumber, record!.BlockNumber);
        Assert.Equal(new BigInteger(42), await service.BalanceOfAsync(Alice, _timeout.Token));
    }

    [Fact]
    public async Task Broadcast_SameIdWhileTheFirstIsPending_IsRefusedAtEstimationAndMintsOnce()
    {
        var service = await DeployAsync();
        await anvil.SetAutomineAsync(false);
        SettlementBroadcast first;
        try
        {
            first = await service.BroadcastSettlementAsync(Id("twice"), Root("twice"), [Alice], [7], _timeout.Token);

            // The node estimates against its pending block, which already holds the first transaction.
            var refused = await Assert.ThrowsAsync<SettlementRefusedException>(
                () => service.BroadcastSettlementAsync(Id("twice"), Root("twice"), [Alice], [7], _timeout.Token));
            Assert.Equal(SettlementRefusal.AlreadySettled, refused.Refusal);
            Assert.Null(refused.TransactionHash);
            await anvil.MineBlockAsync();
        }
        finally
        {
            await anvil.SetAutomineAsync(true);
        }

        await service.WaitForSettlementAsync(Id("twice"), first.TransactionHash, _timeout.Token);
        Assert.Equal(new BigInteger(7), await service.BalanceOfAsync(Alice, _timeout.Token));
    }

    [Fact]
    public async Task Broadcast_AlreadySettledId_IsRefusedBeforeSending()
    {
        var service = await DeployAsync();
        await service.SettleAsync(Id("done"), Root("done"), [Alice], [1], _timeout.Token);

        var refused = await Assert.ThrowsAsync<SettlementRefusedException>(
            () => service.BroadcastSettlementAsync(Id("done"), Root("done"), [Alice], [1], _timeout.Token));
        Assert.Equal(SettlementRefusal.AlreadySettled, refused.Refusal);
        Assert.Null(refused.TransactionHash);
    }

    private async Task<PictorTokenService> DeployAsync()
    {
        var contract = await PictorTokenService.DeployAsync(
            anvil.RpcUrl, AnvilFixture.DeployerKey, TimeSpan.FromSeconds(30), _timeout.Token);
        return new PictorTokenService(
            new PictorTokenOptions
            {
                RpcUrl = anvil.RpcUrl,
                ContractAddress = contract,
                PollInterval = TimeSpan.FromMilliseconds(20),
                ConfirmationTimeout = TimeSpan.FromSeconds(30),
            },
            AnvilFixture.DeployerKey);
    }

    private static Bytes32 Id(string key) => Bytes32.Keccak256(Encoding.UTF8.GetBytes("broadcast-settlement:" + key));

    private static Bytes32 Root(string key) => Bytes32.Keccak256(Encoding.UTF8.GetBytes("broadcast-receipts:" + key));
}
