using Pictor.Chain;
using Pictor.Chain.Receipts;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;

namespace Pictor.Grains.Tests.Ledger;

[Collection(GridClusterCollection.Name)]
public sealed class LedgerEpochTests(GridClusterFixture fixture)
{
    private const string Wallet = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private IGrainFactory Core => fixture.Cluster.Core;

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Credit_TileCreditedInAClosedEpoch_IsADuplicateInTheNextEpoch()
    {
        var ledger = Core.GetGrain<ILedgerGrain>(LedgerCredits.NewLedger("epochs"));
        var frame = LedgerCredits.Frame("job-a", 0, 4, "w-1", Wallet);
        Assert.Equal(new CreditOutcome(4, 0), await ledger.CreditAsync(frame));
        var first = await ledger.CloseEpochAsync();
        Assert.Equal(1, first.Epoch);

        Assert.Equal(new CreditOutcome(1, 4), await ledger.CreditAsync([.. frame, LedgerCredits.Tile("job-a", 0, 4, "w-1", Wallet)]));
        var second = await ledger.CloseEpochAsync();
        Assert.Equal(2, second.Epoch);
        Assert.Equal(1, second.Entries);
        Assert.Equal(
            new CreditOutcome(0, 5), await ledger.CreditAsync([.. frame, LedgerCredits.Tile("job-a", 0, 4, "someone-else", string.Empty)]));

        var summary = await ledger.GetSummaryAsync();
        Assert.Equal(5, summary.Entries);
        Assert.Equal(500, summary.TotalAmount);
        Assert.Equal(3, summary.OpenEpoch);
        Assert.Equal([1L, 2L, 3L], (await ledger.GetEpochsAsync()).Select(e => e.Epoch));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task ReadJournal_AcrossEpochs_IsOneContiguousSequence()
    {
        var ledger = Core.GetGrain<ILedgerGrain>(LedgerCredits.NewLedger("journal"));
        await ledger.CreditAsync(LedgerCredits.Frame("job-j", 0, 3, "w-1", Wallet));
        await ledger.CloseEpochAsync();
        await ledger.CloseEpochAsync();
        await ledger.CreditAsync(LedgerCredits.Frame("job-j", 1, 4, "w-2", Wallet));
        await ledger.CloseEpochAsync();
        await ledger.CreditAsync(LedgerCredits.Frame("job-j", 2, 2, "w-1", string.Empty));

        var all = await ledger.ReadJournalAsync(1, 100);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal([1L, 1, 1, 3, 3, 3, 3, 4, 4], all.Select(e => e.Epoch));
        Assert.Equal(all.Skip(3).Take(5), await ledger.ReadJournalAsync(4, 5));
        Assert.Empty(await ledger.ReadJournalAsync(10, 5));
        var epochs = await ledger.GetEpochsAsync();
        Assert.Equal([1L, 4, 4, 8], epochs.Select(e => e.FirstSequence));
        Assert.Equal([3L, 0, 4, 2], epochs.Select(e => e.Entries));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task PendingCredit_PaysOnlyOnceConfirmed_InTheEpochThatConfirmsIt()
    {
        var ledger = Core.GetGrain<ILedgerGrain>(LedgerCredits.NewLedger("verify"));
        var pending = LedgerCredits.Frame("job-v", 0, 4, "w-1", Wallet, amount: 50, pending: true);
        Assert.Equal(
            new CreditOutcome(5, 0), await ledger.CreditAsync([.. pending, LedgerCredits.Tile("job-v", 0, 9, "w-1", Wallet, amount: 7)]));
        var first = await ledger.CloseEpochAsync();
        Assert.Equal(7, first.PayableCredits);
        Assert.Equal(200, first.PendingCredits);
        Assert.Equal(1, first.ReceiptCount);

        var tiles = pending.Select(c => c.TileId).ToList();
        Assert.Equal(new ResolutionOutcome(2, 0, 0, 0), await ledger.ConfirmAsync("job-v", tiles[..2]));
        Assert.Equal(new ResolutionOutcome(1, 0, 0, 0), await ledger.RejectAsync("job-v", [tiles[2]], "differs from the re-render"));
        Assert.Equal(new ResolutionOutcome(0, 2, 1, 1), await ledger.ConfirmAsync("job-v", [tiles[0], tiles[1], tiles[2], "job-v/0/77"]));
        Assert.Equal(new ResolutionOutcome(0, 0, 1, 0), await ledger.ConfirmAsync("job-v", ["job-v/0/9"]));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.ConfirmAsync("job-v", ["other-job/0/1"]));

        var summary = await ledger.GetSummaryAsync();
        Assert.Equal(107, summary.TotalAmount);
        Assert.Equal(50, summary.PendingAmount);
        Assert.Equal(50, summary.RejectedAmount);
        var second = await ledger.CloseEpochAsync();
        Assert.Equal(100, second.PayableCredits);
        Assert.Equal(2, second.ReceiptCount);
        Assert.Equal(50, second.RejectedCredits);
        var journal = await ledger.ReadJournalAsync(1, 100);
        Assert.Equal(
            [
                LedgerEntryKind.Pending, LedgerEntryKind.Pending, LedgerEntryKind.Pending, LedgerEntryKind.Pending, LedgerEntryKind.Credit,
                LedgerEntryKind.Confirmed, LedgerEntryKind.Confirmed, LedgerEntryKind.Rejected,
            ],
            journal.Select(e => e.Kind));
        Assert.Equal("differs from the re-render", journal[^1].Reason);
        var proofs = await Core.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch(ledger.GetPrimaryKeyString(), 2))
            .GetWorkerReceiptProofsAsync("w-1");
        Assert.Equal([ReceiptKind.Confirmed, ReceiptKind.Confirmed], proofs.Select(p => p.Fields.Kind));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task ReceiptProof_OfAWorkersShare_VerifiesAgainstTheRootAndFailsWhenTampered()
    {
        string key = LedgerCredits.NewLedger("proofs");
        var ledger = Core.GetGrain<ILedgerGrain>(key);
        await ledger.CreditAsync(
            [
                .. LedgerCredits.Frame("job-p", 0, 5, "w-1", Wallet),
                .. LedgerCredits.Frame("job-p", 1, 6, "w-2", Wallet.ToLowerInvariant(), amount: 30),
            ]);
        var statement = await ledger.CloseEpochAsync();
        Assert.Equal(11, statement.ReceiptCount);
        Assert.Equal(SettlementIds.ForEpoch(statement.LedgerId, 1).ToString(), statement.SettlementId);
        Assert.Equal([new EpochPayout(Wallet, 680)], statement.Payouts);

        var epoch = Core.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch(key, 1));
        var share = await epoch.GetWorkerReceiptProofsAsync("w-2");
        Assert.Equal(6, share.Count);
        var root = Bytes32.FromHex(statement.ReceiptsRoot);
        foreach (var proof in share)
        {
            var receipt = WorkReceiptCodec.Decode(proof.Receipt);
            Assert.Equal(("w-2", Wallet, 30L, statement.LedgerId), (receipt.WorkerId, receipt.Wallet, receipt.Credits, receipt.LedgerId));
            Assert.True(ReceiptMerkleTree.Verify(proof.Receipt, ToProof(proof), root));
            var tampered = WorkReceiptCodec.Encode(receipt with { Credits = 3000 });
            Assert.False(ReceiptMerkleTree.Verify(tampered, ToProof(proof), root));
        }

        var one = await epoch.GetReceiptProofAsync("job-p/0/3");
        Assert.Equal(("job-p/0/3", 3), (one!.Fields.TileId, one.LeafIndex));
        Assert.Null(await epoch.GetReceiptProofAsync("job-p/9/9"));
        Assert.Null(await Core.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch(key, 2)).GetReceiptProofAsync("job-p/0/3"));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WalletlessWorker_AccruesUntilItRegistersAWallet_ThenItsCreditsAreCarriedOnce()
    {
        var ledger = Core.GetGrain<ILedgerGrain>(LedgerCredits.NewLedger("carry"));
        string worker = $"carry-host-{Guid.NewGuid():N}/cpu-0";
        await ledger.CreditAsync(LedgerCredits.Frame("job-c", 0, 3, worker, string.Empty, amount: 10));
        var first = await ledger.CloseEpochAsync();
        Assert.Empty(first.Payouts);
        Assert.Equal([new EpochWorkerLine(worker, string.Empty, 3, 30, 30, 0)], first.Unassigned);

        // Still no wallet: nothing is carried, and the credits keep waiting.
        Assert.Empty((await ledger.CloseEpochAsync()).Payouts);

        await Core.GetGrain<IWorkerGrain>(worker).RegisterAsync(
            new WorkerRegistration(worker, "carry-host", "silo", new DeviceSpec("cpu", "test", 0, 1, "cpu-managed"), Wallet, 0));
        await ledger.CreditAsync(LedgerCredits.Frame("job-c", 1, 2, worker, Wallet, amount: 10));
        var third = await ledger.CloseEpochAsync();
        Assert.Equal([new EpochPayout(Wallet, 50)], third.Payouts);
        Assert.Equal([new EpochWorkerLine(worker, Wallet, 2, 20, 50, 30)], third.Workers);
        Assert.Empty(third.Unassigned);
        var carry = Assert.Single(
            await Core.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch(ledger.GetPrimaryKeyString(), 3)).GetWorkerReceiptProofsAsync(worker),
            p => p.Fields.Kind == ReceiptKind.Carry);
        Assert.Equal(30, carry.Fields.Credits);
        Assert.Empty((await ledger.CloseEpochAsync()).Payouts);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Credit_TileIdOfAnotherJob_IsRefused()
    {
        var ledger = Core.GetGrain<ILedgerGrain>(LedgerCredits.NewLedger("refuse"));
        var ex = await Assert.ThrowsAsync<ArgumentException>(
            () => ledger.CreditAsync([new CreditRequest("job-b/0/1", "job-a", "w", Wallet, 1, 1)]));
        Assert.Contains("does not start with its job id", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await ledger.GetSummaryAsync()).Entries);
    }

    private static ReceiptMerkleProof ToProof(ReceiptProof proof) =>
        new(proof.LeafIndex, proof.LeafCount, proof.Siblings.Select(Bytes32.FromHex).ToList());
}
