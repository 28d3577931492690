using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Client;
using Pictor.Client.Cluster;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Devices;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Silo.Cluster;
using Xunit.Abstractions;

namespace Pictor.Silo.Tests.Cluster;

/// <summary>A rolling restart, as an operator upgrading a cluster does it: every silo stopped and started again in turn while a job runs.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RollingRestartTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly string[] Hosts = ["alpha", "beta", "gamma"];

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task EverySiloRestartedInTurn_During256TileJob_NoTileLost_NoDoubleCredit()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 256, 256, 4, TileSize: 16, Seed: 5);
        const int Total = 256;
        string jobId = JobIds.New();

        var silos = new ClusterGrid[Hosts.Length];
        for (int i = 0; i < Hosts.Length; i++)
        {
            silos[i] = await StartPacedAsync(bed, Hosts[i]);
        }

        try
        {
            await using var connection = await ClusterConnection.ConnectAsync(bed.Client(), ClusterTestBed.Quiet);
            var sdk = connection.Sdk;
            await WaitAsync(async () => (await sdk.GetWorkersAsync()).Count, n => n == Hosts.Length, "the three worker slots");
            await sdk.SubmitAsync(jobId, spec);

            // Restart each silo once the job has gone a little further, whichever silo holds the job or its tiles.
            var clock = Stopwatch.StartNew();
            int[] thresholds = [24, 72, 120];
            for (int i = 0; i < Hosts.Length; i++)
            {
                var before = await WaitAsync(() => sdk.GetStatusAsync(jobId), s => s.TilesDone >= thresholds[i] || s.IsFinished, $"{thresholds[i]} tiles done");
                Assert.True(before.Phase == JobPhase.Running, $"before restarting {Hosts[i]} the job is {before.Phase} with {before.TilesDone}/{Total} tiles: {before.Error}");
                var restart = Stopwatch.StartNew();
                using (var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
                {
                    await silos[i].StopAsync(graceful.Token);
                }

                await silos[i].DisposeAsync();
                silos[i] = await StartPacedAsync(bed, Hosts[i]);
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F2} s: restarted {Hosts[i]} at {before.TilesDone}/{Total} tiles in {restart.Elapsed.TotalSeconds:F2} s");
            }

            var status = await WaitAsync(() => sdk.GetStatusAsync(jobId), s => s.IsFinished, "the job to finish", TimeSpan.FromMinutes(4));
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F2} s: job {status.Phase} with {status.TilesDone}/{Total} tiles");
            Assert.True(status.Phase == JobPhase.Completed, $"the job ended {status.Phase}: {status.Error}");

            // 0 tiles lost: every tile is in the frame, which is the frame of one device.
            Assert.Equal(Total, status.TilesDone);
            var frame = await WaitAsync(() => sdk.GetFrameAsync(jobId, 0), _ => true, "the frame");
            using (var device = new ManagedCpuDevice("reference", 1))
            {
                Assert.Equal(LocalRenderer.RenderFrame(device, FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, 0)).Pixels, frame.Pixels);
            }

            // 0 double credits: one paid credit per tile however often a tile was rendered again after a restart.
            var journal = await WaitAsync(() => sdk.ReadJournalAsync(), _ => true, "the journal");
            var paid = journal.Where(e => e.Credit.JobId == jobId && e.IsPayable() && !LedgerEntries.IsVerificationWork(e.Credit.TileId)).Select(e => e.Credit).ToList();
            output.WriteLine($"{paid.Count} paid tile credits; {journal.Count(e => e.Credit.JobId == jobId)} journal entries for the job in all");
            Assert.Equal(Total, paid.Count);
            Assert.Equal(Total, paid.Select(c => LedgerEntries.TileOf(c.TileId)).Distinct().Count());
            Assert.Equal(spec.PixelSamplesPerFrame, paid.Sum(c => c.Amount));
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>Polls through a gateway that may be restarting: calls that fail while the client moves gateways are tried again.</summary>
    private static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var (_, value) = await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return (Answered: true, Value: await probe());
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException or ArgumentException)
                {
                    return (Answered: false, Value: default(T)!);
                }
            },
            r => r.Answered && done(r.Value),
            deadline ?? TimeSpan.FromMinutes(2),
            what);
        return value;
    }

    private static Task<ClusterGrid> StartPacedAsync(ClusterTestBed bed, string host) =>
        ClusterTestBed.StartAsync(bed.Silo(host: host), configureSilo: silo => silo.Services.AddSingleton<ILocalDevicePool>(
            new LocalDevicePool([new WorkerSlot($"{host}/cpu-0", new PacedDevice("cpu-0", TimeSpan.FromMilliseconds(120)), MsamplesPerSecond: 1)], ClusterTestBed.Wallet)));
}
