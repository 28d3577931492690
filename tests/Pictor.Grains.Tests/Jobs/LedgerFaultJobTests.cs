using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Ledger;
using Pictor.Grains.Tests.Ledger;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Jobs;

/// <summary>A job whose ledger calls fail now and then, credits, refusals and confirmations alike, still completes and pays once.</summary>
public sealed class LedgerFaultJobTests
{
    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Job_WithTransientLedgerFaultsOnEveryKindOfCall_CompletesAndPaysEveryTileOnce()
    {
        // Every fifth call fails after its entries are durable, and every seventh after its claims are (periods that do
        // not line up with a step's credit-then-confirm calls): the job's retries must be safe for credits, confirmations
        // and refusals alike. One-tile units and one batch per verification step, so there are many calls.
        var afterCommit = new EveryNthLedgerFault(LedgerFaultPoint.AfterCommit, 5, 3);
        var afterClaim = new EveryNthLedgerFault(LedgerFaultPoint.AfterClaim, 7, 4);
        await using var grid = await new GridClusterBuilder()
            .AddSilo("faulty-ledger", GridDevices.Cpu(2))
            .ConfigureGrid(o =>
            {
                o.LedgerBatchTiles = 1;
                o.MaxCreditAttempts = 8;
                o.WorkUnitSeconds = 0.0001;
            })
            .UseLedgerFaults(new LedgerFaultSet(afterCommit, afterClaim))
            .StartAsync();
        await grid.WaitForWorkersAsync(2);

        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 2, TileSize: 16, FrameCount: 3, Seed: 3);
        string jobId = $"faulty-{Guid.NewGuid():N}";
        await grid.Sdk.SubmitAsync(jobId, spec);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var status = await grid.Sdk.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), deadline.Token);
        Assert.True(status.Phase == JobPhase.Completed, status.Error);

        var journal = await grid.Sdk.ReadJournalAsync();
        var paid = PaidCredits.ForTiles(journal, jobId);
        Assert.Equal(48, paid.Count);
        Assert.Equal(48, paid.Select(c => LedgerEntries.TileOf(c.TileId)).Distinct().Count());
        Assert.Contains(journal, e => e.Credit.JobId == jobId && e.Kind == LedgerEntryKind.Confirmed);
        Assert.True(afterCommit.Thrown + afterClaim.Thrown >= 10, $"only {afterCommit.Thrown + afterClaim.Thrown} faults were injected");
    }
}
