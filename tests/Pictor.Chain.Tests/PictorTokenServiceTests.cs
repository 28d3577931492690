using System.Diagnostics.Metrics;
using System.Numerics;
using System.Text;
using Nethereum.Contracts;
using Pictor.Chain.Token;

namespace Pictor.Chain.Tests;

[Collection(AnvilCollection.Name)]
[Trait("Suite", "integration")]
public sealed class PictorTokenServiceTests(AnvilFixture anvil) : IDisposable
{
    private static readonly WalletAddress Alice = WalletAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    private static readonly WalletAddress Bob = WalletAddress.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    private static readonly BigInteger OneToken = BigInteger.Pow(10, 18);

    // Bounds every call of a test, so a hung node fails the test instead of the run.
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task SettleAsync_NewSettlementId_MintsEachAmountToItsRecipient()
    {
        var service = await DeployAsync();

        var hash = await service.SettleAsync(Id("new"), Root("new"), [Alice, Bob], [3 * OneToken, 5], Timeout());

        Assert.StartsWith("0x", hash, StringComparison.Ordinal);
        Assert.Equal(3 * OneToken, await service.BalanceOfAsync(Alice, Timeout()));
        Assert.Equal(new BigInteger(5), await service.BalanceOfAsync(Bob, Timeout()));
        Assert.True(await service.IsSettledAsync(Id("new"), Timeout()));
    }

    [Fact]
    public async Task SettleAsync_ReplayedSettlementId_RevertsWithAlreadyRecordedAndMintsNothing()
    {
        var service = await DeployAsync();
        await service.SettleAsync(Id("replay"), Root("replay"), [Alice], [7], Timeout());

        var refused = await Assert.ThrowsAsync<SettlementRefusedException>(
            () => service.SettleAsync(Id("replay"), Root("other receipts"), [Alice, Bob], [7, 9], Timeout()));

        Assert.Equal(SettlementRefusal.AlreadySettled, refused.Refusal);
        Assert.Null(refused.TransactionHash);
        var revert = Assert.IsType<SmartContractCustomErrorRevertException>(refused.InnerException);
        Assert.True(revert.IsCustomErrorFor<SettlementAlreadyRecordedError>());
        Assert.Equal(Id("replay").ToArray(), revert.DecodeError<SettlementAlreadyRecordedError>().SettlementId);
        Assert.Equal(new BigInteger(7), await service.BalanceOfAsync(Alice, Timeout()));
        Assert.Equal(BigInteger.Zero, await service.BalanceOfAsync(Bob, Timeout()));
    }

    [Fact]
    public async Task SettleAsync_SenderWithoutMinterRole_RevertsWithUnauthorizedAccount()
    {
        var owner = await DeployAsync();
        var outsider = Connect(owner.ContractAddress, AnvilFixture.OutsiderKey);

        var refused = await Assert.ThrowsAsync<SettlementRefusedException>(
            () => outsider.SettleAsync(Id("outsider"), Root("outsider"), [Alice], [1], Timeout()));

        Assert.Equal(SettlementRefusal.MissingMinterRole, refused.Refusal);
        var revert = Assert.IsType<SmartContractCustomErrorRevertException>(refused.InnerException);
        var error = revert.DecodeError<AccessControlUnauthorizedAccountError>();
        Assert.Equal(outsider.SenderAddress, WalletAddress.Parse(error.Account.ToLowerInvariant()));
        Assert.Equal(PictorTokenRoles.Minter.ToArray(), error.NeededRole);
        Assert.False(await owner.IsSettledAsync(Id("outsider"), Timeout()));
        Assert.Equal(BigInteger.Zero, await owner.BalanceOfAsync(Alice, Timeout()));
    }

    [Fact]
    public async Task SettleAsync_SenderGrantedMinterRole_Mints()
    {
        var owner = await DeployAsync();
        var settler = Connect(owner.ContractAddress, AnvilFixture.OutsiderKey);

        await owner.GrantMinterRoleAsync(settler.SenderAddress, Timeout());
        await settler.SettleAsync(Id("granted"), Root("granted"), [Bob], [11], Timeout());

        Assert.True(await owner.HasMinterRoleAsync(settler.SenderAddress, Timeout()));
        Assert.Equal(new BigInteger(11), await owner.BalanceOfAsync(Bob, Timeout()));
    }

    [Fact]
    public async Task SettleAsync_MismatchedArrayLengths_RevertsWithLengthMismatch()
    {
        var service = await DeployAsync();

        var refused = await Assert.ThrowsAsync<SettlementRefusedException>(
            () => service.SettleAsync(Id("lengths"), Root("lengths"), [Alice, Bob], [1], Timeout()));

        Assert.Equal(SettlementRefusal.LengthMismatch, refused.Refusal);
        var error = Assert.IsType<SmartContractCustomErrorRevertException>(refused.InnerException)
            .DecodeError<SettlementLengthMismatchError>();
        Assert.Equal(new BigInteger(2), error.Recipients);
        Assert.Equal(BigInteger.One, error.Amounts);
        Assert.False(await service.IsSettledAsync(Id("lengths"), Timeout()));
    }

    [Fact]
    public async Task SettleAsync_ZeroRecipient_RevertsWithZeroRecipientAtItsIndex()
    {
        var service = await DeployAsync();

        var refused = await Assert.ThrowsAsync<SettlementRefusedException>(
            () => service.SettleAsync(Id("zero-recipient"), Root("zero"), [Alice, default], [1, 2], Timeout()));

        Assert.Equal(SettlementRefusal.ZeroRecipient, refused.Refusal);
        var error = Assert.IsType<SmartContractCustomErrorRevertException>(refused.InnerException)
            .DecodeError<SettlementZeroRecipientError>();
        Assert.Equal(BigInteger.One, error.Index);
        Assert.Equal(BigInteger.Zero, await service.BalanceOfAsync(Alice, Timeout()));
    }

    [Fact]
    public async Task SettleAsync_ZeroSettlementId_RevertsWithZeroSettlementId()
    {
        var service = await DeployAsync();

        var refused = await Assert.ThrowsAsync<SettlementRefusedException>(
            () => service.SettleAsync(Bytes32.Zero, Root("zero-id"), [Alice], [1], Timeout()));

        Assert.Equal(SettlementRefusal.ZeroSettlementId, refused.Refusal);
    }

    [Fact]
    public async Task GetSettlementAsync_FromAFreshServiceAfterSettling_ReturnsTheSettledEvent()
    {
        var service = await DeployAsync();
        var hash = await service.SettleAsync(Id("reconcile"), Root("reconcile"), [Alice, Bob], [OneToken, 2 * OneToken], Timeout());
        // A settler that crashed after broadcasting starts over with nothing but the settlement id.
        var restarted = Connect(service.ContractAddress, AnvilFixture.DeployerKey);

        var record = await restarted.GetSettlementAsync(Id("reconcile"), Timeout());

        Assert.NotNull(record);
        Assert.Equal(Id("reconcile"), record.SettlementId);
        Assert.Equal(Root("reconcile"), record.ReceiptsRoot);
        Assert.Equal(3 * OneToken, record.Total);
        Assert.Equal(2, record.Count);
        Assert.Equal(hash, record.TransactionHash);
        Assert.Equal(1UL, record.Confirmations);
    }

    [Fact]
    public async Task GetSettlementAsync_UnknownSettlementId_ReturnsNull()
    {
        var service = await DeployAsync();

        Assert.Null(await service.GetSettlementAsync(Id("never settled"), Timeout()));
        Assert.False(await service.IsSettledAsync(Id("never settled"), Timeout()));
    }

    [Fact]
    public async Task SettleAsync_ConfirmationsNeverReached_ThrowsUnconfirmedAndReconciles()
    {
        var contract = (await DeployAsync()).ContractAddress;
        // Anvil mines a block per transaction and none otherwise, so a second confirmation never comes.
        var service = Connect(contract, AnvilFixture.DeployerKey, confirmations: 2, confirmationTimeout: TimeSpan.FromSeconds(1));

        var unconfirmed = await Assert.ThrowsAsync<TransactionUnconfirmedException>(
            () => service.SettleAsync(Id("slow"), Root("slow"), [Alice], [4], Timeout()));

        var record = await service.GetSettlementAsync(Id("slow"), Timeout());
        Assert.NotNull(record);
        Assert.Equal(unconfirmed.TransactionHash, record.TransactionHash);
        Assert.Equal(new BigInteger(4), await service.BalanceOfAsync(Alice, Timeout()));
    }

    [Fact]
    public async Task SettleAsync_ConfirmationsReachedByLaterBlocks_ReturnsTheHash()
    {
        var contract = (await DeployAsync()).ContractAddress;
        var service = Connect(contract, AnvilFixture.DeployerKey, confirmations: 3, confirmationTimeout: TimeSpan.FromSeconds(30));

        var settling = service.SettleAsync(Id("deep"), Root("deep"), [Bob], [6], Timeout());
        // Bounded by the service's own 30 s confirmation timeout.
        while (!settling.IsCompleted)
        {
            await anvil.MineBlockAsync();
            await Task.WhenAny(settling, Task.Delay(TimeSpan.FromMilliseconds(50), Timeout()));
        }

        var hash = await settling;
        var record = await service.GetSettlementAsync(Id("deep"), Timeout());
        Assert.NotNull(record);
        Assert.Equal(hash, record.TransactionHash);
        Assert.True(record.Confirmations >= 3, $"{record.Confirmations} confirmations");
    }

    [Fact]
    public async Task SettleAsync_SameIdRacedIntoOneBlock_MintsOnceAndRefusesTheMinedLoser()
    {
        // Two activations of a settler can both pass gas estimation before either is mined; the
        // contract, not the settler, must then keep the mint to one.
        var service = await DeployAsync();
        await anvil.SetAutomineAsync(false);
        try
        {
            var first = service.SettleAsync(Id("race"), Root("race"), [Alice], [10], Timeout());
            var second = service.SettleAsync(Id("race"), Root("race"), [Alice], [10], Timeout());
            var both = Task.WhenAll(first, second);
            while (!both.IsCompleted)
            {
                await anvil.MineBlockAsync();
                await Task.WhenAny(both, Task.Delay(TimeSpan.FromMilliseconds(50), Timeout()));
            }

            var outcomes = new[] { first, second };
            var winner = Assert.Single(outcomes, t => t.IsCompletedSuccessfully);
            var loser = Assert.Single(outcomes, t => t.IsFaulted);
            var refused = Assert.IsType<SettlementRefusedException>(loser.Exception!.InnerException);
            Assert.Equal(SettlementRefusal.AlreadySettled, refused.Refusal);
            Assert.NotNull(refused.TransactionHash);
            Assert.NotEqual(await winner, refused.TransactionHash);
            Assert.Equal(new BigInteger(10), await service.BalanceOfAsync(Alice, Timeout()));
            Assert.Equal(await winner, (await service.GetSettlementAsync(Id("race"), Timeout()))!.TransactionHash);
        }
        finally
        {
            await anvil.SetAutomineAsync(true);
        }
    }

    [Fact]
    public async Task SettleAsync_ConfirmedAndRefused_CountsEachOutcomeOnTheMeter()
    {
        var service = await DeployAsync();
        var outcomes = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Pictor.Chain" && instrument.Name == "pictor.chain.settlements")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    lock (outcomes)
                    {
                        outcomes.Add($"{tag.Value}:{value}");
                    }
                }
            }
        });
        listener.Start();

        await service.SettleAsync(Id("metered"), Root("metered"), [Alice], [1], Timeout());
        await Assert.ThrowsAsync<SettlementRefusedException>(
            () => service.SettleAsync(Id("metered"), Root("metered"), [Alice], [1], Timeout()));

        lock (outcomes)
        {
            Assert.Equal(["confirmed:1", "refused:1"], outcomes);
        }
    }

    private async Task<PictorTokenService> DeployAsync()
    {
        var contract = await PictorTokenService.DeployAsync(anvil.RpcUrl, AnvilFixture.DeployerKey, TimeSpan.FromSeconds(30), Timeout());
        return Connect(contract, AnvilFixture.DeployerKey);
    }

    private PictorTokenService Connect(WalletAddress contract, string key, int confirmations = 1, TimeSpan? confirmationTimeout = null) =>
        new(
            new PictorTokenOptions
            {
                RpcUrl = anvil.RpcUrl,
                ContractAddress = contract,
                Confirmations = confirmations,
                ConfirmationTimeout = confirmationTimeout ?? TimeSpan.FromSeconds(30),
                PollInterval = TimeSpan.FromMilliseconds(20),
            },
            key);

    private static Bytes32 Id(string key) => Bytes32.Keccak256(Encoding.UTF8.GetBytes("settlement:" + key));

    private static Bytes32 Root(string key) => Bytes32.Keccak256(Encoding.UTF8.GetBytes("receipts:" + key));

    private CancellationToken Timeout() => _timeout.Token;
}
