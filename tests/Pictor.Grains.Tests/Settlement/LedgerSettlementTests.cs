using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Pictor.Chain;
using Pictor.Chain.Token;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Ledger;
using Pictor.Grains.Tests.Ledger;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Settlement;

/// <summary>Epochs minted on a local anvil: balances equal the ledger, and crashes never mint an epoch twice.</summary>
[Collection(LedgerChainCollection.Name)]
[Trait("Suite", "integration")]
public sealed class LedgerSettlementTests(AnvilFixture anvil) : IDisposable
{
    private const long Rate = 1_000_000_000_000;
    private static readonly WalletAddress Alice = WalletAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    private static readonly WalletAddress Bob = WalletAddress.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    private static readonly WalletAddress Carol = WalletAddress.Parse("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _data = TempDirectory.Create("ledger-chain");

    [Fact]
    public async Task CloseEpoch_MintsEachWalletItsCredits_CarriesWalletlessCreditsOnce_AndAReplayReverts()
    {
        var token = await DeployAsync();
        await using var silo = await Grid(token).StartAsync();
        var ledger = silo.Core.GetGrain<ILedgerGrain>("mint");
        string walletless = $"host-{Guid.NewGuid():N}/cpu-0";
        await ledger.CreditAsync(
        [
            .. LedgerCredits.Frame("job-1", 0, 4, "alice/cpu-0", Alice.Value, amount: 100),
            .. LedgerCredits.Frame("job-1", 1, 3, "bob/cuda-0", Bob.Value.ToLowerInvariant(), amount: 250),
            .. LedgerCredits.Frame("job-1", 2, 2, walletless, string.Empty, amount: 40),
        ]);

        var first = await ledger.CloseEpochAsync();
        var settled = await SettleUntilFinalAsync(silo, "mint", 1);
        Assert.Equal(SettlementStatus.Confirmed, settled.Status);
        Assert.Equal([Alice.Value, Bob.Value], settled.Recipients);
        Assert.Equal(new BigInteger(400 * Rate), await BalanceAsync(token, Alice));
        Assert.Equal(new BigInteger(750 * Rate), await BalanceAsync(token, Bob));
        var record = await Service(token).GetSettlementAsync(Bytes32.FromHex(first.SettlementId));
        Assert.Equal(
            (Bytes32.FromHex(first.ReceiptsRoot), settled.TransactionHash, settled.BlockNumber),
            (record!.ReceiptsRoot, record.TransactionHash, (long)record.BlockNumber));
        Assert.Equal(1, await SettledEventsAsync(token, first.SettlementId));

        // The walletless worker registers a wallet: its 80 credits are carried into the next epoch's mint.
        await silo.Core.GetGrain<IWorkerGrain>(walletless).RegisterAsync(
            new WorkerRegistration(walletless, "host", "silo", new DeviceSpec("cpu", "test", 0, 1, "cpu-managed"), Carol.Value, 0));
        await ledger.CreditAsync([LedgerCredits.Tile("job-2", 0, 0, walletless, Carol.Value, amount: 10)]);
        var second = await ledger.CloseEpochAsync();
        Assert.Equal(SettlementStatus.Confirmed, (await SettleUntilFinalAsync(silo, "mint", 2)).Status);
        Assert.Equal(new BigInteger(90 * Rate), await BalanceAsync(token, Carol));
        Assert.Equal(SettlementStatus.NothingToMint, (await CloseAndSettleAsync(silo, ledger)).Status);

        var summary = await ledger.GetSummaryAsync();
        BigInteger onChain = await BalanceAsync(token, Alice) + await BalanceAsync(token, Bob) + await BalanceAsync(token, Carol);
        Assert.Equal(new BigInteger(summary.TotalAmount) * Rate, onChain);

        // Replaying an epoch's settlement is refused by the contract and mints nothing.
        var replay = await Assert.ThrowsAsync<SettlementRefusedException>(() => Service(token).SettleAsync(
            Bytes32.FromHex(second.SettlementId), Bytes32.FromHex(second.ReceiptsRoot), [Carol], [new BigInteger(90 * Rate)]));
        Assert.Equal(SettlementRefusal.AlreadySettled, replay.Refusal);
        Assert.Equal(new BigInteger(90 * Rate), await BalanceAsync(token, Carol));
    }

    [Fact]
    public async Task SiloKilledBetweenSendAndReceipt_AfterRestart_TheEpochIsMintedExactlyOnce()
    {
        var token = await DeployAsync();
        string sentHash;
        EpochStatement statement;
        await anvil.SetAutomineAsync(false);
        try
        {
            var silo = await Grid(token).StartAsync();
            var ledger = silo.Core.GetGrain<ILedgerGrain>("kill");
            await ledger.CreditAsync(LedgerCredits.Frame("job-k", 0, 5, "alice/cpu-0", Alice.Value, amount: 20));
            statement = await ledger.CloseEpochAsync();
            var sent = await WaitForAsync(silo, "kill", 1, i => i.Status == SettlementStatus.Sent);
            sentHash = sent.TransactionHash;
            Assert.Equal(0, sent.BlockNumber);
            await silo.KillAsync();
            await anvil.MineBlockAsync();
        }
        finally
        {
            await anvil.SetAutomineAsync(true);
        }

        await using var restarted = await Grid(token).StartAsync();
        Assert.Equal(2, (await restarted.Core.GetGrain<ILedgerGrain>("kill").GetSummaryAsync()).OpenEpoch);
        var confirmed = await WaitForAsync(restarted, "kill", 1, i => i.IsFinal);
        Assert.Equal((SettlementStatus.Confirmed, sentHash), (confirmed.Status, confirmed.TransactionHash));
        Assert.Equal(1, await SettledEventsAsync(token, statement.SettlementId));
        Assert.Equal(new BigInteger(100 * Rate), await BalanceAsync(token, Alice));
        Assert.Equal(
            new BigInteger((await restarted.Core.GetGrain<ILedgerGrain>("kill").GetSummaryAsync()).TotalAmount) * Rate,
            await BalanceAsync(token, Alice));
    }

    [Fact]
    public async Task SiloKilledAfterBroadcastBeforeRecordingIt_AfterRestart_TheLostTransactionIsFoundAndNothingMintsTwice()
    {
        var token = await DeployAsync();
        var hang = new HangingLedgerFault(LedgerFaultPoint.AfterBroadcast);
        string lostHash;
        EpochStatement statement;
        GridCluster? restarted = null;
        await anvil.SetAutomineAsync(false);
        try
        {
            var silo = await Grid(token).UseLedgerFaults(hang).StartAsync();
            var ledger = silo.Core.GetGrain<ILedgerGrain>("lost");
            await ledger.CreditAsync(LedgerCredits.Frame("job-l", 0, 3, "bob/cpu-0", Bob.Value, amount: 70));
            statement = await ledger.CloseEpochAsync();
            lostHash = await hang.Reached.WaitAsync(Deadline);
            var planned = await silo.Core.GetGrain<ISettlementGrain>(LedgerKeys.Epoch("lost", 1)).GetInfoAsync();
            Assert.Equal((SettlementStatus.Planned, string.Empty), (planned.Status, planned.TransactionHash));
            await silo.KillAsync();

            // The restarted silo finds no mint yet (the transaction is still pending) and tries again, with the same id.
            restarted = await Grid(token).StartAsync();
            await restarted.Core.GetGrain<ILedgerGrain>("lost").GetSummaryAsync();
            await restarted.Core.GetGrain<ISettlementGrain>(LedgerKeys.Epoch("lost", 1)).SettleAsync(TimeSpan.FromSeconds(1));
            await anvil.MineBlockAsync();
        }
        finally
        {
            await anvil.SetAutomineAsync(true);
        }

        await using (restarted)
        {
            var confirmed = await WaitForAsync(restarted, "lost", 1, i => i.IsFinal);
            Assert.Equal((SettlementStatus.Confirmed, lostHash), (confirmed.Status, confirmed.TransactionHash));
            Assert.Equal(1, await SettledEventsAsync(token, statement.SettlementId));
            Assert.Equal(new BigInteger(210 * Rate), await BalanceAsync(token, Bob));
        }
    }

    [Fact]
    public async Task EpochClosedWithoutAChain_IsMintedOnceAChainIsConfigured_AndAForeignMintOfItsIdIsAConflict()
    {
        var token = await DeployAsync();
        EpochStatement first;
        EpochStatement second;
        await using (var offline = await Grid(null).StartAsync())
        {
            var ledger = offline.Core.GetGrain<ILedgerGrain>("offline");
            await ledger.CreditAsync(LedgerCredits.Frame("job-o", 0, 2, "alice/cpu-0", Alice.Value, amount: 5));
            first = await ledger.CloseEpochAsync();
            await ledger.CreditAsync(LedgerCredits.Frame("job-o", 1, 2, "alice/cpu-0", Alice.Value, amount: 5));
            second = await ledger.CloseEpochAsync();
            var waiting = await offline.Core.GetGrain<ISettlementGrain>(LedgerKeys.Epoch("offline", 1))
                .SettleAsync(TimeSpan.FromSeconds(1));
            Assert.Equal(SettlementStatus.Planned, waiting.Status);
            Assert.Contains("no chain is configured", waiting.LastError, StringComparison.Ordinal);
        }

        // Someone mints epoch 2's id with another root first (a second grid sharing the ledger id, say).
        await Service(token).SettleAsync(Bytes32.FromHex(second.SettlementId), Bytes32.Keccak256([1, 2, 3]), [Bob], [1]);

        await using var online = await Grid(token).StartAsync();
        await online.Core.GetGrain<ILedgerGrain>("offline").GetSummaryAsync();
        Assert.Equal(SettlementStatus.Confirmed, (await WaitForAsync(online, "offline", 1, i => i.IsFinal)).Status);
        var conflict = await WaitForAsync(online, "offline", 2, i => i.IsFinal);
        Assert.Equal(SettlementStatus.Conflict, conflict.Status);
        Assert.Contains("with root", conflict.LastError, StringComparison.Ordinal);
        Assert.Equal(new BigInteger(10 * Rate), await BalanceAsync(token, Alice));
        Assert.Equal(BigInteger.One, await BalanceAsync(token, Bob));
        Assert.Equal(1, await SettledEventsAsync(token, first.SettlementId));
    }

    public void Dispose() => _data.Dispose();

    /// <summary>One silo on this test's SQLite directory, minting on <paramref name="token"/> (none: no chain configured).</summary>
    private GridClusterBuilder Grid(WalletAddress? token)
    {
        var builder = new GridClusterBuilder().UseSqlite(_data.Path).AddSilo("ledger-test", GridDevices.Cpu(1));
        return token is not { } address ? builder : builder.ConfigureChain(o =>
        {
            o.RpcUrl = anvil.RpcUrl;
            o.TokenAddress = address.Value;
            o.PrivateKey = AnvilFixture.DeployerKey;
            o.PollInterval = TimeSpan.FromMilliseconds(50);
            o.ConfirmationTimeout = TimeSpan.FromSeconds(5);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
            o.BaseUnitsPerCredit = Rate;
        });
    }

    private Task<WalletAddress> DeployAsync() =>
        PictorTokenService.DeployAsync(anvil.RpcUrl, AnvilFixture.DeployerKey, TimeSpan.FromSeconds(30));

    private PictorTokenService Service(WalletAddress token) => new(
        new PictorTokenOptions
        {
            RpcUrl = anvil.RpcUrl,
            ContractAddress = token,
            PollInterval = TimeSpan.FromMilliseconds(50),
            ConfirmationTimeout = TimeSpan.FromSeconds(20),
        },
        AnvilFixture.DeployerKey);

    private Task<BigInteger> BalanceAsync(WalletAddress token, WalletAddress account) => Service(token).BalanceOfAsync(account);

    private async Task<int> SettledEventsAsync(WalletAddress token, string settlementId)
    {
        var settled = new Web3(anvil.RpcUrl).Eth.GetEvent<SettledEventDTO>(token.Value);
        var filter = settled.CreateFilterInput(
            new object[] { Bytes32.FromHex(settlementId).ToArray() }, BlockParameter.CreateEarliest(), BlockParameter.CreateLatest());
        return (await settled.GetAllChangesAsync(filter)).Count;
    }

    private static async Task<SettlementInfo> CloseAndSettleAsync(GridCluster silo, ILedgerGrain ledger)
    {
        var statement = await ledger.CloseEpochAsync();
        return await SettleUntilFinalAsync(silo, ledger.GetPrimaryKeyString(), statement.Epoch);
    }

    private static async Task<SettlementInfo> SettleUntilFinalAsync(GridCluster silo, string ledgerKey, long epoch)
    {
        var settlement = silo.Core.GetGrain<ISettlementGrain>(LedgerKeys.Epoch(ledgerKey, epoch));
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var info = await settlement.SettleAsync(TimeSpan.FromSeconds(5));
            if (info.IsFinal || DateTime.UtcNow > until)
            {
                return info;
            }
        }
    }

    private static Task<SettlementInfo> WaitForAsync(GridCluster silo, string ledgerKey, long epoch, Func<SettlementInfo, bool> done) =>
        Eventually.WaitAsync(
            () => silo.Core.GetGrain<ISettlementGrain>(LedgerKeys.Epoch(ledgerKey, epoch)).GetInfoAsync(), done, Deadline,
            $"settlement {ledgerKey}/{epoch}");
}
