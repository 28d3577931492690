using Microsoft.Extensions.DependencyInjection;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Silos;
using Pictor.Grains.Placement;
using Pictor.Rendering.Devices;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Jobs;

/// <summary>Slots of one owner never check each other; with no independent checker the job waits and says so.</summary>
public sealed class IndependentCheckerTests
{
    private const string Owner = "0x1111111111111111111111111111111111111111";

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task OneOwnersSlotsOnly_TheJobWaitsForAnIndependentChecker_NothingUnverifiedIsPaid_AndItDoesNotFail()
    {
        await using var grid = await new GridClusterBuilder()
            .AddSilo("core", GridDevices.None, SiloRole.Core)
            .AddSilo(new SiloSpec("box")
            {
                Role = SiloRole.Worker,
                Wallet = Owner,
                Devices = GridDevices.Fake(i => new ManagedCpuDevice($"cpu-{i}", 1), count: 2),
            })
            // Were the check sent anyway, it would come back misplaced and fail the job as an unreachable silo at once.
            .ConfigureGrid(o => o.SiloLossRetryWindow = TimeSpan.FromSeconds(1))
            .StartAsync();
        await grid.WaitForWorkersAsync(2);
        var view = grid.Services("core").GetRequiredService<DeviceDirectoryCache>();
        await Eventually.WaitAsync(() => Task.FromResult(view.EligibleSlots), n => n == 2, TimeSpan.FromSeconds(30), "both slots in view");
        var sdk = grid.Sdk;
        string job = $"one-owner-{Guid.NewGuid():N}";
        var events = new List<JobProgressEvent>();
        await using var watch = await sdk.WatchAsync(job, e =>
        {
            lock (events)
            {
                events.Add(e);
            }

            return Task.CompletedTask;
        });
        await sdk.SubmitAsync(job, new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 1, TileSize: 16));

        var waiting = await Eventually.WaitAsync(
            () => sdk.GetStatusAsync(job), s => s.Waiting is not null || s.IsFinished, TimeSpan.FromSeconds(60), "the job to wait");
        Assert.Equal(JobPhase.Running, waiting.Phase);
        Assert.StartsWith("waiting for an independent checker", waiting.Waiting, StringComparison.Ordinal);
        await Eventually.WaitAsync(
            () => Task.FromResult(events.ToList()), e => e.Any(x => x.Kind == JobProgressKind.Waiting), TimeSpan.FromSeconds(30),
            "a waiting event");

        Assert.DoesNotContain(events.ToList(), e => e.Kind is JobProgressKind.TileRetried or JobProgressKind.JobFailed);

        // The newcomers rendered their first tiles and wait for verdicts: none of it is paid, none of it is final. (The
        // pending credits reach the ledger once the batch is Grid:LedgerBatchDelay old, waiting or not.)
        var journal = await Eventually.WaitAsync(
            async () => (await sdk.ReadJournalAsync()).Where(e => e.Credit.JobId == job).ToList(), j => j.Count > 0,
            TimeSpan.FromSeconds(30), "the pending credits");
        Assert.All(journal, e => Assert.Equal(LedgerEntryKind.Pending, e.Kind));
        Assert.True(journal.Count <= 8, $"{journal.Count} tiles rendered: more than the two newcomers' bound");
        Assert.Equal(0, (await sdk.GetStatusAsync(job)).TilesDone);
        Assert.Equal(JobPhase.Cancelled, (await sdk.CancelAsync(job)).Phase);
    }
}
