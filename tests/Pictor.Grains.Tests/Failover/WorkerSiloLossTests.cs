using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Devices;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Xunit.Abstractions;

namespace Pictor.Grains.Tests.Failover;

public sealed class WorkerSiloLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"pictor-failover-{Guid.NewGuid():N}");
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = RoleClusterConfigurator.Builder(3, _data).Build();
        await _cluster.DeployAsync();

        // A client learns which silo hosts which grain class from the cluster manifest, which converges a moment
        // after the silos start (worker silos host no worker records): wait until the four worker slots are visible.
        var client = new PictorClient(_cluster.Client);
        await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return (await client.GetWorkersAsync()).Count;
                }
                catch (ArgumentException)
                {
                    return -1;
                }
            },
            n => n == 4,
            TimeSpan.FromSeconds(60),
            "four registered worker slots");
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        TempDirectories.Delete(_data);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WorkerSiloKilledMidJob_JobCompletesBitIdenticalWithExactlyOneCreditPerTile()
    {
        var client = new PictorClient(_cluster.Client);
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 128, 128, 4096, TileSize: 16, Seed: 9);
        string jobId = $"failover-{Guid.NewGuid():N}";
        var events = new ConcurrentQueue<(TimeSpan At, JobProgressEvent Event)>();
        var clock = Stopwatch.StartNew();
        await using var watch = await client.WatchAsync(jobId, e =>
        {
            events.Enqueue((clock.Elapsed, e));
            return Task.CompletedTask;
        });
        await client.SubmitAsync(jobId, spec);
        await Eventually.WaitAsync(() => client.GetStatusAsync(jobId), s => s.TilesDone >= 6, TimeSpan.FromMinutes(2), "six tiles done");

        // Both worker silos render: kill the one that is not the first secondary's twin of the core.
        var victim = _cluster.Silos.Single(s => s.Name == "Secondary_2");

        // The kill must catch the victim rendering, so that it takes tiles in flight with it.
        var victimPool = ((InProcessSiloHandle)victim).SiloHost.Services.GetRequiredService<ILocalDevicePool>();
        await Eventually.WaitAsync(() => Task.FromResult(victimPool.Slots.Count(s => victimPool.IsBusy(s.WorkerId))), n => n > 0, TimeSpan.FromMinutes(1), "the victim silo rendering");
        var survivorsWorkers = (await client.GetWorkersAsync()).Where(w => !w.Registration.WorkerId.StartsWith("secondary_2/", StringComparison.Ordinal)).ToList();
        var killedAt = clock.Elapsed;
        int doneAtKill = (await client.GetStatusAsync(jobId)).TilesDone;
        await _cluster.KillSiloAsync(victim);
        Assert.True(doneAtKill < 64, "the job finished before the kill: make it heavier");

        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(100), new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token);
        Assert.Equal(JobPhase.Completed, status.Phase);

        var paid = PaidCredits.ForTiles(await client.ReadJournalAsync(), jobId);
        Assert.Equal(64, paid.Count);
        Assert.Equal(64, paid.Select(c => LedgerEntries.TileOf(c.TileId)).Distinct().Count());
        Assert.Equal(spec.PixelSamplesPerFrame, paid.Sum(c => c.Amount));

        var frame = await client.GetFrameAsync(jobId, 0);
        using var device = new ManagedCpuDevice("reference", 2);
        Assert.Equal(LocalRenderer.RenderFrame(device, FrameParameters.Create(128, 128, 4096, 9, 0)).Pixels, frame.Pixels);

        var retried = events.Where(e => e.Event.Kind == JobProgressKind.TileRetried).ToList();
        Assert.NotEmpty(retried);
        var reissue = retried.Min(e => e.At) - killedAt;
        output.WriteLine($"kill at {killedAt.TotalSeconds:F2} s with {doneAtKill}/64 tiles done; first tile re-issued {reissue.TotalSeconds:F2} s after the kill; {retried.Count} tile(s) re-issued; job done {(clock.Elapsed - killedAt).TotalSeconds:F2} s after the kill");

        var offline = await Eventually.WaitAsync(
            async () => (await client.GetWorkersAsync()).Where(w => w.Registration.WorkerId.StartsWith("secondary_2/", StringComparison.Ordinal)).ToList(),
            ws => ws.Count == 2 && ws.All(w => w.Status == WorkerStatus.Offline),
            TimeSpan.FromSeconds(30),
            "the killed silo's workers to be marked offline");
        output.WriteLine($"killed silo's workers offline {(clock.Elapsed - killedAt).TotalSeconds:F2} s after the kill: {offline[0].StatusReason}");
        Assert.All(survivorsWorkers, w => Assert.NotEqual(WorkerStatus.Offline, w.Status));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task CoreSilo_HostsNoTiles_AndWorkerSilosHostNoJobs()
    {
        var client = new PictorClient(_cluster.Client);
        string jobId = $"roles-{Guid.NewGuid():N}";
        await client.SubmitAsync(jobId, new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 2, TileSize: 16));
        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        Assert.Equal(JobPhase.Completed, status.Phase);
        var workers = await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return await client.GetWorkersAsync();
                }
                catch (ArgumentException)
                {
                    return [];
                }
            },
            ws => ws.Count == 4,
            TimeSpan.FromSeconds(30),
            "the four worker slots (the client's view of the cluster manifest converges)");
        Assert.DoesNotContain(workers, w => w.Registration.WorkerId.StartsWith("primary/", StringComparison.Ordinal));
        var journal = (await client.ReadJournalAsync()).Where(e => e.Credit.JobId == jobId).ToList();
        Assert.Equal(16, PaidCredits.ForTiles(journal, jobId).Count);
        Assert.All(journal, e => Assert.StartsWith("secondary_", e.Credit.WorkerId, StringComparison.Ordinal));

        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var primary = _cluster.Primary!.SiloAddress;
        var jobSilo = await management.GetActivationAddress(_cluster.Client.GetGrain<IRenderJobGrain>(jobId));
        Assert.Equal(primary, jobSilo);
    }
}
