using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Tests.Ledger;

[Collection(GridClusterCollection.Name)]
public sealed class LedgerTests(GridClusterFixture fixture)
{
    private ILedgerGrain Ledger => fixture.Cluster.Core.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);

    private static List<CreditRequest> Credits(string jobId, int count) =>
        Enumerable.Range(0, count).Select(
            i => new CreditRequest($"{jobId}/0/{i}", jobId, $"w-{i % 2}", i % 2 == 0 ? "0xWallet" : string.Empty, 100, 100)).ToList();

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Credit_RepeatedReport_DoesNotDoubleCredit()
    {
        string jobId = $"ledger-{Guid.NewGuid():N}";
        var credits = Credits(jobId, 5);
        var before = await Ledger.GetSummaryAsync();
        Assert.Equal(new CreditOutcome(5, 0), await Ledger.CreditAsync(credits));
        Assert.Equal(new CreditOutcome(0, 5), await Ledger.CreditAsync(credits));
        Assert.Equal(new CreditOutcome(1, 2), await Ledger.CreditAsync([credits[0], credits[1], .. Credits(jobId + "x", 1)]));
        var after = await Ledger.GetSummaryAsync();
        Assert.Equal(before.TotalAmount + 600, after.TotalAmount);
        Assert.Equal(5, (await fixture.Client.ReadJournalAsync()).Count(e => e.Credit.JobId == jobId));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Credit_SameTileInOneBatchTwice_CountsOnce()
    {
        string jobId = $"ledger-{Guid.NewGuid():N}";
        var one = Credits(jobId, 1)[0];
        Assert.Equal(new CreditOutcome(1, 1), await Ledger.CreditAsync([one, one with { WorkerId = "someone-else" }]));
        var entry = Assert.Single(await fixture.Client.ReadJournalAsync(), e => e.Credit.JobId == jobId);
        Assert.Equal("w-0", entry.Credit.WorkerId);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Credit_MalformedBatch_IsRejectedWholeAndRecordsNothing()
    {
        string jobId = $"ledger-{Guid.NewGuid():N}";
        var credits = Credits(jobId, 3);
        credits[2] = credits[2] with { Amount = -1 };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Ledger.CreditAsync(credits));
        Assert.Contains("negative amount", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger.CreditAsync([credits[0] with { TileId = "" }]));
        Assert.DoesNotContain(await fixture.Client.ReadJournalAsync(), e => e.Credit.JobId == jobId);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Summary_DerivesBalancesPerWorkerAndWalletFromTheJournal()
    {
        var journal = await fixture.Client.ReadJournalAsync();
        string jobId = $"ledger-{Guid.NewGuid():N}";
        await Ledger.CreditAsync(Credits(jobId, 4));
        var summary = await Ledger.GetSummaryAsync();
        var all = await fixture.Client.ReadJournalAsync();
        Assert.Equal(journal.Count + 4, all.Count);
        Assert.Equal(all.Count, summary.Entries);
        Assert.Equal(all.Where(e => e.IsPayable()).Sum(e => e.Credit.Amount), summary.TotalAmount);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
        foreach (var worker in summary.Workers)
        {
            Assert.Equal(all.Where(e => e.Credit.WorkerId == worker.Account && e.IsPayable()).Sum(e => e.Credit.Amount), worker.Amount);
        }

        Assert.DoesNotContain(summary.Wallets, w => w.Account.Length == 0);
        Assert.Equal(
            all.Where(e => e.Credit.Wallet == "0xWallet" && e.IsPayable()).Sum(e => e.Credit.Amount),
            summary.Wallets.Single(w => w.Account == "0xWallet").Amount);
    }
}
