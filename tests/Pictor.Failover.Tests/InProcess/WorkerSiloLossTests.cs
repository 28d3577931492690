using Pictor.Contracts.Silos;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Devices;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Testing.Cluster;
using Xunit.Abstractions;

namespace Pictor.Failover.Tests.InProcess;

/// <summary>A core silo and two worker silos in this process; one worker silo is killed while a job renders.</summary>
public sealed class WorkerSiloLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Victim = "worker-2";
    private GridCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await new GridClusterBuilder()
            .AddSilo("core", GridDevices.Cpu(2), SiloRole.Core)
            .AddSilo("worker-1", GridDevices.Cpu(2), SiloRole.Worker)
            .AddSilo(Victim, GridDevices.Cpu(2), SiloRole.Worker)
            .StartAsync();
        await _cluster.WaitForWorkersAsync(4);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WorkerSiloKilledMidJob_JobCompletesBitIdenticalWithExactlyOneCreditPerTile()
    {
        var client = _cluster.Sdk;
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

        // The kill must catch the victim rendering, so that it takes tiles in flight with it.
        var victimPool = _cluster.Services(Victim).GetRequiredService<ILocalDevicePool>();
        await Eventually.WaitAsync(
            () => Task.FromResult(victimPool.Slots.Count(s => victimPool.IsBusy(s.WorkerId))),
            n => n > 0,
            TimeSpan.FromMinutes(1),
            "the victim silo rendering");
        var survivorsWorkers = (await client.GetWorkersAsync()).Where(w => !OnVictim(w)).ToList();
        var killedAt = clock.Elapsed;
        int doneAtKill = (await client.GetStatusAsync(jobId)).TilesDone;
        await _cluster.KillSiloAsync(Victim);
        Assert.True(doneAtKill < 64, "the job finished before the kill: make it heavier");

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(100), deadline.Token);
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
        output.WriteLine(
            $"kill at {killedAt.TotalSeconds:F2} s with {doneAtKill}/64 tiles done; "
            + $"first tile re-issued {reissue.TotalSeconds:F2} s after the kill; "
            + $"{retried.Count} tile(s) re-issued; job done {(clock.Elapsed - killedAt).TotalSeconds:F2} s after the kill");

        var offline = await Eventually.WaitAsync(
            async () => (await client.GetWorkersAsync()).Where(OnVictim).ToList(),
            ws => ws.Count == 2 && ws.All(w => w.Status == WorkerStatus.Offline),
            TimeSpan.FromSeconds(30),
            "the killed silo's workers to be marked offline");
        var offlineAfter = clock.Elapsed - killedAt;
        output.WriteLine($"killed silo's workers offline {offlineAfter.TotalSeconds:F2} s after the kill: {offline[0].StatusReason}");
        Assert.All(survivorsWorkers, w => Assert.NotEqual(WorkerStatus.Offline, w.Status));
    }

    private static bool OnVictim(WorkerInfo worker) => worker.Registration.WorkerId.StartsWith(Victim + "/", StringComparison.Ordinal);
}
