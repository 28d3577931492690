using System.Collections.Concurrent;
using System.Globalization;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Xunit.Abstractions;

namespace Pictor.Failover.Tests.Processes;

/// <summary>Two <c>pictor silo</c> processes with real devices of different measured speed: how the job's tiles split.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TileSplitTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    [Trait("Suite", "process")]
    public async Task TwoDevicesOfDifferentMeasuredSpeed_TilesFollowTheBenchmark()
    {
        // The managed CPU kernel and ILGPU's CPU accelerator (which runs the GPU kernel's code) are both real devices
        // a worker can offer; their standard benchmarks differ several-fold on any CPU.
        await using var cluster = await ProcessCluster.CreateAsync(postgres);
        // Both devices are the operator's own, named anchors on the core: the split follows speed from the first tile.
        // (Newcomers would get their first tiles a few at a time, whatever their speed, until their verdicts are back.)
        var anchors = new Dictionary<string, string>
        {
            ["PICTOR_Grid__Verification__Anchors__0"] = "managed/*",
            ["PICTOR_Grid__Verification__Anchors__1"] = "ilgpu/*",
        };
        var (core, _) = await cluster.StartSiloAsync("managed", "all", "cpu:1", environment: anchors);
        var (accelerator, _) = await cluster.StartSiloAsync("ilgpu", "worker", "ilgpu-cpu");
        await using var watcher = await cluster.ConnectAsync();
        var sdk = watcher.Sdk;
        var workers = await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return await sdk.GetWorkersAsync();
                }
                catch (ArgumentException)
                {
                    return []; // The client's cluster manifest has not converged yet.
                }
            },
            ws => ws.Count(w => w.Status is WorkerStatus.Online or WorkerStatus.Busy) == 2,
            TimeSpan.FromSeconds(60),
            "both worker slots online");
        var speeds = workers.ToDictionary(w => w.Registration.WorkerId, w => w.Registration.BenchmarkMsamplesPerSecond);

        string jobId = JobIds.New();
        var tiles = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using (await sdk.WatchAsync(jobId, e =>
        {
            if (e.Kind == JobProgressKind.TileCompleted && e.WorkerId is { } worker)
            {
                tiles.AddOrUpdate(worker, 1, (_, n) => n + 1);
            }

            return Task.CompletedTask;
        }))
        {
            // 256 spp: seconds of work for the fast device. At 64 spp the whole job took it about 0.2 s, less than the slow
            // device's first unit call, so the slow device sometimes finished nothing before the fast one had done it all.
            await sdk.SubmitAsync(jobId, new RenderJobSpec(RenderJobSpec.CornellSpheres, 256, 256, 256, TileSize: 16, Seed: 11));
            var status = await sdk.WaitAsync(
                jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
            Assert.True(status.Phase == JobPhase.Completed, $"the job ended {status.Phase}: {status.Error}");
            await Eventually.WaitAsync(
                () => Task.FromResult(tiles.Values.Sum()), n => n == status.TilesTotal, TimeSpan.FromSeconds(10),
                "every tile's completion event");
        }

        string fast = speeds.MaxBy(s => s.Value).Key;
        string slow = speeds.MinBy(s => s.Value).Key;
        double speedRatio = speeds[fast] / speeds[slow];
        double tileRatio = tiles.GetValueOrDefault(fast) / (double)Math.Max(1, tiles.GetValueOrDefault(slow));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured {fast} {speeds[fast]:F2} and {slow} {speeds[slow]:F2} Msamples/s ({speedRatio:F2}x); tiles " +
            $"{tiles.GetValueOrDefault(fast)} : {tiles.GetValueOrDefault(slow)} ({tileRatio:F2}x) of {tiles.Values.Sum()}"));

        // Both devices work whenever the slower one's fair share is worth a tile or two, and when one measures several
        // times faster it takes several times the tiles. (A device so slow that its one tile would finish after the
        // rest of the job rightly gets none: on a loaded machine ILGPU's CPU benchmark once measured 352x slower,
        // a share of 0.7 tiles of 256.)
        double slowShare = tiles.Values.Sum() * speeds[slow] / (speeds[fast] + speeds[slow]);
        if (slowShare >= 2)
        {
            Assert.All(
                speeds.Keys,
                w => Assert.True(
                    tiles.GetValueOrDefault(w) > 0,
                    $"{w} rendered no tile although its share is {slowShare:F1} tiles: {string.Join(", ", tiles)}"));
        }

        if (speedRatio >= 3)
        {
            Assert.True(tileRatio >= speedRatio / 3, $"the {speedRatio:F1}x faster device took only {tileRatio:F2}x the tiles");
        }

        foreach (var silo in new[] { accelerator, core })
        {
            await silo.TerminateAsync();
            Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
    }
}
