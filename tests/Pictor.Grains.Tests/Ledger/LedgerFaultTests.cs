using Pictor.Contracts.Ledger;
using Pictor.Grains.Ledger;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Ledger;

/// <summary>Credits survive faults between the ledger's durable steps: retried calls neither lose nor double a credit.</summary>
[Collection(nameof(LedgerFaultTests))]
public sealed class LedgerFaultTests : IDisposable
{
    private const string Wallet = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private readonly TempDirectory _data = TempDirectory.Create("ledger-faults");

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Credit_FaultsAfterCommitAndAfterClaimOnTenPercentOfCalls_WithRetries_ConservesEveryTotal()
    {
        var afterCommit = new EveryNthLedgerFault(LedgerFaultPoint.AfterCommit, 10, 3);
        var afterClaim = new EveryNthLedgerFault(LedgerFaultPoint.AfterClaim, 10, 7);
        var afterEpochClose = new EveryNthLedgerFault(LedgerFaultPoint.AfterEpochClose, 2, 1);
        await using var silo = await new GridClusterBuilder()
            .UseSqlite(_data.Path)
            .AddSilo("ledger-test", GridDevices.Cpu(1))
            .ConfigureLedger(o => o.EpochMaxEntries = 40)
            .UseLedgerFaults(new LedgerFaultSet(afterCommit, afterClaim, afterEpochClose))
            .StartAsync();
        var ledger = silo.Core.GetGrain<ILedgerGrain>("faults");

        // 12 jobs x 3 frames x 8 tiles, reported in batches of 1..6 tiles, a third of them reported twice
        // (as a job does after a timeout), by 3 callers at once.
        var random = new Random(5);
        var tiles = new List<CreditRequest>();
        for (int job = 0; job < 12; job++)
        {
            for (int frame = 0; frame < 3; frame++)
            {
                tiles.AddRange(
                    LedgerCredits.Frame($"job-{job}", frame, 8, $"w-{job % 4}", job % 4 == 3 ? string.Empty : Wallet, amount: 10 + job));
            }
        }

        var batches = new List<List<CreditRequest>>();
        for (int i = 0; i < tiles.Count;)
        {
            int n = Math.Min(random.Next(1, 7), tiles.Count - i);
            batches.Add(tiles.GetRange(i, n));
            if (random.Next(3) == 0)
            {
                batches.Add(tiles.GetRange(i, n));
            }

            i += n;
        }

        var queue = new Queue<List<CreditRequest>>(batches);
        int attempts = 0;
        async Task CallerAsync()
        {
            while (true)
            {
                List<CreditRequest> batch;
                lock (queue)
                {
                    if (!queue.TryDequeue(out batch!))
                    {
                        return;
                    }
                }

                for (int attempt = 1; ; attempt++)
                {
                    Interlocked.Increment(ref attempts);
                    try
                    {
                        await ledger.CreditAsync(batch);
                        break;
                    }
                    catch (InvalidOperationException) when (attempt < 20)
                    {
                        // The client cannot tell whether a failed call recorded anything: it retries the same credits.
                    }
                }
            }
        }

        await Task.WhenAll(CallerAsync(), CallerAsync(), CallerAsync());

        Assert.True(
            afterCommit.Thrown >= attempts / 10 - 1 && afterClaim.Thrown >= attempts / 10 - 1,
            $"{afterCommit.Thrown} + {afterClaim.Thrown} faults in {attempts} calls");
        Assert.True(afterEpochClose.Thrown >= 2, $"{afterEpochClose.Thrown} faults after an epoch closed");
        var summary = await ledger.GetSummaryAsync();
        Assert.Equal(tiles.Count, summary.Entries);
        Assert.Equal(tiles.Sum(t => t.Amount), summary.TotalAmount);
        var journal = await ledger.ReadJournalAsync(1, 10_000);
        Assert.Equal(
            tiles.Select(t => t.TileId).Order(StringComparer.Ordinal), journal.Select(e => e.Credit.TileId).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, tiles.Count).Select(i => (long)i), journal.Select(e => e.Sequence));
        foreach (var worker in summary.Workers)
        {
            Assert.Equal(tiles.Where(t => t.WorkerId == worker.Account).Sum(t => t.Amount), worker.Amount);
        }

        // Faults at every step of a close, too: the epochs' statements add up to the ledger.
        var epochs = await ledger.GetEpochsAsync();
        Assert.True(epochs.Count >= tiles.Count / 40, $"{epochs.Count} epochs");
        Assert.Equal(summary.TotalAmount, epochs.Sum(e => e.PayableCredits));
        Assert.Equal(tiles.Count, epochs.Sum(e => e.Entries));
    }

    [Fact]
    [Trait("Suite", "integration")]
    public async Task ConfirmAndReject_FaultsOnTenPercentOfCalls_WithRetries_PayEachConfirmedTileOnce()
    {
        var afterCommit = new EveryNthLedgerFault(LedgerFaultPoint.AfterCommit, 10, 2);
        var afterClaim = new EveryNthLedgerFault(LedgerFaultPoint.AfterClaim, 10, 6);
        await using var silo = await new GridClusterBuilder()
            .UseSqlite(_data.Path)
            .AddSilo("ledger-test", GridDevices.Cpu(1))
            .ConfigureLedger(o => o.EpochMaxEntries = 25)
            .UseLedgerFaults(new LedgerFaultSet(afterCommit, afterClaim))
            .StartAsync();
        var ledger = silo.Core.GetGrain<ILedgerGrain>("verify-faults");
        var pending = Enumerable.Range(0, 6)
            .SelectMany(f => LedgerCredits.Frame("job-v", f, 10, $"w-{f % 3}", Wallet, amount: 5, pending: true)).ToList();
        foreach (var chunk in pending.Chunk(7))
        {
            await RetryAsync(() => ledger.CreditAsync(chunk));
        }

        var confirmed = pending.Where((_, i) => i % 4 != 0).Select(c => c.TileId).ToList();
        var rejected = pending.Where((_, i) => i % 4 == 0).Select(c => c.TileId).ToList();
        foreach (var chunk in confirmed.Chunk(5))
        {
            await RetryAsync(() => ledger.ConfirmAsync("job-v", chunk));
            await RetryAsync(() => ledger.ConfirmAsync("job-v", chunk));
        }

        foreach (var chunk in rejected.Chunk(4))
        {
            await RetryAsync(() => ledger.RejectAsync("job-v", chunk, "mismatch"));
        }

        Assert.True(afterCommit.Thrown > 0 && afterClaim.Thrown > 0);
        var summary = await ledger.GetSummaryAsync();
        Assert.Equal(5L * confirmed.Count, summary.TotalAmount);
        Assert.Equal(5L * rejected.Count, summary.RejectedAmount);
        Assert.Equal(0, summary.PendingAmount);
        Assert.Equal(2 * pending.Count, summary.Entries);
        var journal = await ledger.ReadJournalAsync(1, 10_000);
        Assert.Equal(
            confirmed.Order(StringComparer.Ordinal),
            journal.Where(e => e.Kind == LedgerEntryKind.Confirmed).Select(e => e.Credit.TileId).Order(StringComparer.Ordinal));
        Assert.Equal(
            rejected.Order(StringComparer.Ordinal),
            journal.Where(e => e.Kind == LedgerEntryKind.Rejected).Select(e => e.Credit.TileId).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _data.Dispose();

    private static async Task RetryAsync<T>(Func<Task<T>> call)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (InvalidOperationException) when (attempt < 20)
            {
                // Retry the same call, as a client that saw an error must.
            }
        }
    }
}
