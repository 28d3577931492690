using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Ledger;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Ledger;

/// <summary>
/// Epochs close by age and by size, and the ledger keeps its epochs, its idempotency and its old journal across
/// restarts.
/// </summary>
[Collection(nameof(LedgerEpochPolicyTests))]
public sealed class LedgerEpochPolicyTests : IDisposable
{
    private const string Wallet = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private readonly TempDirectory _data = TempDirectory.Create("ledger-policy");

    /// <summary>One silo on this test's SQLite directory: a second start of the same builder is a restart.</summary>
    private GridClusterBuilder Grid(Action<LedgerOptions>? ledger = null)
    {
        var builder = new GridClusterBuilder().UseSqlite(_data.Path).AddSilo("ledger-test", GridDevices.Cpu(1));
        return ledger is null ? builder : builder.ConfigureLedger(ledger);
    }

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Epoch_OlderThanItsLength_ClosesOnTheNextCall_AndAnEmptyOneStaysOpen()
    {
        await using var silo = await Grid(o => o.EpochLength = TimeSpan.FromMilliseconds(500)).StartAsync();
        var ledger = silo.Core.GetGrain<ILedgerGrain>("aged");
        var first = LedgerCredits.Tile("job-t", 0, 0, "w", Wallet);
        await ledger.CreditAsync([first]);

        // Any call after the epoch's length closes it before doing its own work; a repeated credit is a duplicate.
        var epochs = await Eventually.WaitAsync(
            async () =>
            {
                Assert.Equal(new CreditOutcome(0, 1), await ledger.CreditAsync([first]));
                return await ledger.GetEpochsAsync();
            },
            e => e.Count == 2,
            TimeSpan.FromSeconds(10),
            "the first epoch to close by age");
        Assert.Equal((false, 1L), (epochs[0].IsOpen, epochs[0].Entries));
        Assert.Equal((true, 0L), (epochs[1].IsOpen, epochs[1].Entries));

        // Nothing to close: an empty epoch is left open however old it gets.
        await Eventually.WaitAsync(
            () => Task.FromResult(DateTimeOffset.UtcNow), t => t - epochs[1].OpenedAt > TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10),
            "time to pass");
        Assert.Equal(new CreditOutcome(0, 1), await ledger.CreditAsync([first]));
        Assert.Equal(2, (await ledger.GetEpochsAsync()).Count);
    }

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Epoch_AtItsMaxEntries_Closes_AndARestartKeepsEpochsAndIdempotency()
    {
        var grid = Grid(o => o.EpochMaxEntries = 5);
        var credits = LedgerCredits.Frame("job-r", 0, 12, "w", Wallet);
        EpochStatement second;
        await using (var silo = await grid.StartAsync())
        {
            var ledger = silo.Core.GetGrain<ILedgerGrain>("sized");
            foreach (var chunk in credits.Chunk(3))
            {
                await ledger.CreditAsync(chunk);
            }

            Assert.Equal([6L, 6, 0], (await ledger.GetEpochsAsync()).Select(e => e.Entries));
            second = await silo.Core.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch("sized", 2)).GetStatementAsync();
        }

        await using (var silo = await grid.StartAsync())
        {
            var ledger = silo.Core.GetGrain<ILedgerGrain>("sized");
            Assert.Equal(new CreditOutcome(1, 12), await ledger.CreditAsync([.. credits, LedgerCredits.Tile("job-r", 0, 12, "w", Wallet)]));
            Assert.Equal([6L, 6, 1], (await ledger.GetEpochsAsync()).Select(e => e.Entries));
            var again = await silo.Core.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch("sized", 2)).GetStatementAsync();
            Assert.Equal(
                (second.ReceiptsRoot, second.SettlementId, second.ClosedAt), (again.ReceiptsRoot, again.SettlementId, again.ClosedAt));
            Assert.Equal(second.Workers, again.Workers);
            var summary = await ledger.GetSummaryAsync();
            Assert.Equal((13L, 1300L, 3L), (summary.Entries, summary.TotalAmount, summary.OpenEpoch));
            Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), (await ledger.ReadJournalAsync(1, 100)).Select(e => e.Sequence));
        }
    }

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Ledger_StoredAsOneJournalBeforeEpochs_MovesItIntoTheFirstEpochOnce()
    {
        var legacy = LedgerCredits.Frame("job-old", 0, 4, "w", Wallet, amount: 25)
            .Select((c, i) => new LedgerEntry(i + 1, c, DateTimeOffset.UnixEpoch.AddDays(i)))
            .ToList();
        await using var silo = await Grid().StartAsync();
        var storage = silo.Services("ledger-test").GetRequiredKeyedService<IGrainStorage>(StorageNames.Grid);
        await storage.WriteStateAsync(
            "ledger", GrainId.Create("ledger", "old"), new GrainState<LedgerState>(new LedgerState { Journal = legacy }));

        var ledger = silo.Core.GetGrain<ILedgerGrain>("old");
        var summary = await ledger.GetSummaryAsync();
        Assert.Equal((4L, 100L, 1L), (summary.Entries, summary.TotalAmount, summary.OpenEpoch));
        var journal = await ledger.ReadJournalAsync(1, 100);
        Assert.Equal(legacy.Select(e => e.Credit), journal.Select(e => e.Credit));
        Assert.All(journal, e => Assert.Equal(1, e.Epoch));
        Assert.Equal(new CreditOutcome(0, 4), await ledger.CreditAsync(legacy.Select(e => e.Credit).ToList()));
        var stored = new GrainState<LedgerState>();
        await storage.ReadStateAsync("ledger", GrainId.Create("ledger", "old"), stored);
        Assert.Empty(stored.State!.Journal);
    }

    [Fact]
    [Trait("Suite", "integration")]
    public async Task Epoch_StoredInPages_AppendsWriteOnePage_AndARestartReadsThemAllBack()
    {
        var grid = Grid(o =>
        {
            o.EpochPageEntries = 4;
            o.EpochMaxEntries = 0;
            o.EpochLength = null;
        });
        var credits = LedgerCredits.Frame("job-p", 0, 31, "w", Wallet);
        string epochKey = LedgerKeys.Epoch("paged", 1);
        await using (var silo = await grid.StartAsync())
        {
            var ledger = silo.Core.GetGrain<ILedgerGrain>("paged");
            foreach (var chunk in credits.Take(21).Chunk(3))
            {
                await ledger.CreditAsync(chunk);
            }

            // A batch larger than a page gets a page of its own.
            Assert.Equal(new CreditOutcome(10, 0), await ledger.CreditAsync(credits.Skip(21).ToList()));

            var pages = new List<int>();
            for (int page = 0; ; page++)
            {
                var entries = await silo.Core.GetGrain<ILedgerEpochPageGrain>($"{epochKey}/p{page}").ReadAsync();
                if (entries.Count == 0)
                {
                    break;
                }

                pages.Add(entries.Count);
            }

            // Pages of 4: a batch of 3 fills one, the next would overflow it and starts the next page; the 10 get their own.
            Assert.Equal([3, 3, 3, 3, 3, 3, 3, 10], pages);

            // A page only grows: rewriting one of its entries is refused and changes nothing.
            var first = silo.Core.GetGrain<ILedgerEpochPageGrain>($"{epochKey}/p0");
            var stored = await first.ReadAsync();
            await Assert.ThrowsAsync<InvalidOperationException>(
                () => first.WriteAsync([stored[0] with { Credit = stored[0].Credit with { Amount = 1 } }, .. stored.Skip(1)]));
            await Assert.ThrowsAsync<InvalidOperationException>(() => first.WriteAsync(stored.Take(2).ToList()));
            Assert.Equal(stored, await first.ReadAsync());
        }

        await using (var silo = await grid.StartAsync())
        {
            var ledger = silo.Core.GetGrain<ILedgerGrain>("paged");
            Assert.Equal(new CreditOutcome(1, 31), await ledger.CreditAsync([.. credits, LedgerCredits.Tile("job-p", 0, 31, "w", Wallet)]));
            var journal = await ledger.ReadJournalAsync(1, 100);
            Assert.Equal(Enumerable.Range(1, 32).Select(i => (long)i), journal.Select(e => e.Sequence));
            Assert.Equal(Enumerable.Range(0, 32).Select(t => TilePlanTileId("job-p", t)), journal.Select(e => e.Credit.TileId));
            var summary = await ledger.GetSummaryAsync();
            Assert.Equal((32L, 3200L), (summary.Entries, summary.TotalAmount));
            var closed = await ledger.CloseEpochAsync();
            Assert.Equal(32, closed.Entries);
        }
    }

    private static string TilePlanTileId(string job, int tile) => Pictor.Contracts.Jobs.TilePlan.TileId(job, 0, tile);

    [Fact]
    [Trait("Suite", "fast")]
    public void Options_EmptyEpochLength_MeansNoAgeLimit()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?> { ["Ledger:EpochLength"] = string.Empty, ["Ledger:EpochMaxEntries"] = "7" })
            .Build();
        using var services = new ServiceCollection().AddPictorLedger(configuration).BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<LedgerOptions>>().Value;
        Assert.Null(options.EpochLength);
        Assert.Equal(7, options.EpochMaxEntries);
    }

    public void Dispose() => _data.Dispose();
}
