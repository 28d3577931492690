using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pictor.Client;
using Pictor.Client.Cluster;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Devices;
using Pictor.Grains.Placement;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Silo.Cluster;
using Xunit.Abstractions;

namespace Pictor.Silo.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed class ClusterGridTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task TwoSilos_JobThroughPostgresMembership_FrameMatchesLocalRender()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        var watch = Stopwatch.StartNew();
        await using var first = await ClusterTestBed.StartAsync(bed.Silo(host: "alpha"));
        await using var second = await ClusterTestBed.StartAsync(bed.Silo(host: "beta"));
        output.WriteLine($"two silos up in {watch.Elapsed.TotalSeconds:F2} s");

        // Each silo learns the other's role from its metadata.
        var roles = first.Services.GetRequiredService<ISiloRoles>();
        await Eventually.WaitAsync(() => Task.FromResult(roles.GetRole(second.SiloAddress)), r => r is not null, Deadline, "the second silo's role");
        Assert.True(roles.IsCore(second.SiloAddress));
        Assert.True(roles.IsWorker(second.SiloAddress));

        watch.Restart();
        await using var connection = await ClusterConnection.ConnectAsync(bed.Client(), ClusterTestBed.Quiet);
        output.WriteLine($"client connected in {watch.Elapsed.TotalSeconds:F2} s");
        var client = connection.Sdk;
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 8, TileSize: 16, Seed: 7);
        string jobId = JobIds.New();
        await client.SubmitAsync(jobId, spec);
        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(25), new CancellationTokenSource(Deadline).Token);
        Assert.Equal(JobPhase.Completed, status.Phase);

        var frame = await client.GetFrameAsync(jobId, 0);
        Assert.Equal(LocalFrame(spec), frame.Pixels);
        // One payable credit per tile render (verification renders are paid under their own keys and left out here).
        var credits = (await client.ReadJournalAsync()).Where(e => e.Credit.JobId == jobId && e.IsPayable() && !LedgerEntries.IsVerificationWork(e.Credit.TileId)).ToList();
        Assert.Equal(16, credits.Count);
        Assert.Equal(16, credits.Select(e => LedgerEntries.TileOf(e.Credit.TileId)).Distinct().Count());
        Assert.All(credits, e => Assert.Equal(ClusterTestBed.Wallet, e.Credit.Wallet));
        var workers = await client.GetWorkersAsync();
        Assert.Equal(["alpha/cpu-0", "beta/cpu-0"], workers.Select(w => w.Registration.WorkerId).Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WholeCluster_StoppedAndStartedMidJob_ResumesAndCompletes()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 128, 128, 8, TileSize: 16, Seed: 3);
        string jobId = JobIds.New();
        const int Total = 64;

        // The first generation renders through a gate. Closing it freezes the job mid-way whatever the machine's
        // speed; the abrupt stop then takes the cluster down like a power cut (no hand-off of grains).
        using var gate = new ManualResetEventSlim(true);
        JobStatus before;
        var first = await StartGatedAsync(bed, "alpha", gate);
        var second = await StartGatedAsync(bed, "beta", gate);
        await using (var connection = await ClusterConnection.ConnectAsync(bed.Client(), ClusterTestBed.Quiet))
        {
            await connection.Sdk.SubmitAsync(jobId, spec);
            await Eventually.WaitAsync(() => connection.Sdk.GetStatusAsync(jobId), s => s.TilesDone >= 4 || s.IsFinished, Deadline, "a few tiles done");
            gate.Reset();

            // The job's resume reminder is durable: it sits in PostgreSQL, not in a silo's memory.
            Assert.Equal(1L, await ScalarAsync(bed.ConnectionString, $"SELECT count(*) FROM grid_reminders WHERE reminder_name = 'resume' AND grain_id LIKE '%{jobId}%'"));
            before = await connection.Sdk.GetStatusAsync(jobId);
        }

        var stop = Stopwatch.StartNew();
        await Task.WhenAll(first.StopAsync(new CancellationToken(canceled: true)), second.StopAsync(new CancellationToken(canceled: true)));
        output.WriteLine($"stopped the whole cluster with {before.TilesDone}/{Total} tiles done in {stop.Elapsed.TotalSeconds:F2} s");
        Assert.True(before.Phase == JobPhase.Running, $"before the stop the job is {before.Phase}: {before.Error}");
        Assert.InRange(before.TilesDone, 4, Total - 1);

        var restart = Stopwatch.StartNew();
        await using var third = await ClusterTestBed.StartAsync(bed.Silo(host: "alpha"));
        await using var fourth = await ClusterTestBed.StartAsync(bed.Silo(host: "beta"));
        await using var again = await ClusterConnection.ConnectAsync(bed.Client(), ClusterTestBed.Quiet);
        output.WriteLine($"cluster and client back in {restart.Elapsed.TotalSeconds:F2} s");
        var status = await again.Sdk.WaitAsync(jobId, TimeSpan.FromMilliseconds(25), new CancellationTokenSource(Deadline).Token);
        output.WriteLine($"job completed {restart.Elapsed.TotalSeconds:F2} s after the restart began");
        Assert.True(status.Phase == JobPhase.Completed, $"the job ended {status.Phase}: {status.Error}");
        Assert.Equal(Total, status.TilesDone);
        Assert.Equal(LocalFrame(spec), (await again.Sdk.GetFrameAsync(jobId, 0)).Pixels);
        var credits = (await again.Sdk.ReadJournalAsync()).Where(e => e.Credit.JobId == jobId && e.IsPayable() && !LedgerEntries.IsVerificationWork(e.Credit.TileId)).ToList();
        Assert.Equal(Total, credits.Count);
        Assert.Equal(Total, credits.Select(e => LedgerEntries.TileOf(e.Credit.TileId)).Distinct().Count());

        // Let the stopped generation's blocked renders finish; whatever they answer goes nowhere.
        gate.Set();
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    // One tile per work unit, so that closing the gate stops the job after a few tiles rather than after a few
    // units that may hold the whole frame.
    private static Task<ClusterGrid> StartGatedAsync(ClusterTestBed bed, string host, ManualResetEventSlim gate) =>
        ClusterTestBed.StartAsync(bed.Silo(host: host), [new("Grid:WorkUnitSeconds", "0.0001")], configureSilo: silo => silo.Services.AddSingleton<ILocalDevicePool>(
            new LocalDevicePool([new WorkerSlot($"{host}/cpu-0", new GatedDevice("cpu-0", gate), MsamplesPerSecond: 1)], ClusterTestBed.Wallet)));

    private static float[] LocalFrame(RenderJobSpec spec)
    {
        using var device = new ManagedCpuDevice("cpu-local", 1);
        return LocalRenderer.RenderFrame(device, FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, spec.FirstFrame)).Pixels;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
