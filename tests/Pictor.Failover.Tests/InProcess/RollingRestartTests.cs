using System.Diagnostics;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Testing.Cluster;
using Pictor.Testing.Devices;
using Xunit.Abstractions;

namespace Pictor.Failover.Tests.InProcess;

/// <summary>A rolling restart, as an operator upgrading a cluster does it: every silo stopped and started again in turn
/// while a job runs.</summary>
/// <remarks>Grain state and reminders on PostgreSQL, as in cluster mode; the silos are the harness's in-process ones.</remarks>
[Collection(PostgresCollection.Name)]
public sealed class RollingRestartTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly string[] Hosts = ["alpha", "beta", "gamma"];

    // Three owners' machines: slots of one owner never check each other.
    private static readonly string[] Wallets =
    [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
    ];

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task EverySiloRestartedInTurn_During256TileJob_NoTileLost_NoDoubleCredit()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 256, 256, 4, TileSize: 16, Seed: 5);
        const int Total = 256;
        string jobId = JobIds.New();

        // Each silo renders on one paced slot, so that the job outlasts three restarts on any machine.
        var builder = new GridClusterBuilder().UsePostgres(await postgres.CreateDatabaseAsync());
        foreach (var (host, wallet) in Hosts.Zip(Wallets))
        {
            builder.AddSilo(new SiloSpec(host)
            {
                Wallet = wallet,
                Devices = GridDevices.Fake(_ => new PacedDevice("cpu-0", TimeSpan.FromMilliseconds(120))),
            });
        }

        await using var cluster = await builder.StartAsync();
        var sdk = cluster.Sdk;
        await WaitAsync(async () => (await sdk.GetWorkersAsync()).Count, n => n == Hosts.Length, "the three worker slots");
        await sdk.SubmitAsync(jobId, spec);

        // Restart each silo once the job has gone a little further, whichever silo holds the job or its tiles.
        var clock = Stopwatch.StartNew();
        int[] thresholds = [24, 72, 120];
        for (int i = 0; i < Hosts.Length; i++)
        {
            int threshold = thresholds[i];
            var before = await WaitAsync(
                () => sdk.GetStatusAsync(jobId), s => s.TilesDone >= threshold || s.IsFinished, $"{threshold} tiles done");
            Assert.True(
                before.Phase == JobPhase.Running,
                $"before restarting {Hosts[i]} the job is {before.Phase} with {before.TilesDone}/{Total} tiles: {before.Error}");
            var restart = Stopwatch.StartNew();
            await cluster.RestartSiloAsync(Hosts[i]);
            output.WriteLine(
                $"{clock.Elapsed.TotalSeconds,6:F2} s: restarted {Hosts[i]} at {before.TilesDone}/{Total} tiles "
                + $"in {restart.Elapsed.TotalSeconds:F2} s");
        }

        var status = await WaitAsync(() => sdk.GetStatusAsync(jobId), s => s.IsFinished, "the job to finish", TimeSpan.FromMinutes(4));
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F2} s: job {status.Phase} with {status.TilesDone}/{Total} tiles");
        Assert.True(status.Phase == JobPhase.Completed, $"the job ended {status.Phase}: {status.Error}");

        // 0 tiles lost: every tile is in the frame, which is the frame of one device.
        Assert.Equal(Total, status.TilesDone);
        var frame = await WaitAsync(() => sdk.GetFrameAsync(jobId, 0), _ => true, "the frame");
        using (var device = new ManagedCpuDevice("reference", 1))
        {
            var parameters = FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, 0);
            Assert.Equal(LocalRenderer.RenderFrame(device, parameters).Pixels, frame.Pixels);
        }

        // 0 double credits: one paid credit per tile however often a tile was rendered again after a restart.
        var journal = await WaitAsync(() => sdk.ReadJournalAsync(), _ => true, "the journal");
        var paid = PaidCredits.ForTiles(journal, jobId);
        output.WriteLine($"{paid.Count} paid tile credits; {journal.Count(e => e.Credit.JobId == jobId)} journal entries for the job");
        Assert.Equal(Total, paid.Count);
        Assert.Equal(Total, paid.Select(c => LedgerEntries.TileOf(c.TileId)).Distinct().Count());
        Assert.Equal(spec.PixelSamplesPerFrame, paid.Sum(c => c.Amount));
        Assert.All(paid, c => Assert.Equal(Wallets[Array.IndexOf(Hosts, c.WorkerId.Split('/')[0])], c.Wallet));
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
}
