using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Client;
using Pictor.Client.Cluster;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Placement;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
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
        await using var second = await ClusterTestBed.StartAsync(bed.Silo(host: "beta", wallet: ClusterTestBed.OtherWallet));
        output.WriteLine($"two silos up in {watch.Elapsed.TotalSeconds:F2} s");

        // Each silo learns the other's role from its metadata.
        var roles = first.Services.GetRequiredService<ISiloRoles>();
        await Eventually.WaitAsync(
            () => Task.FromResult(roles.GetRole(second.SiloAddress)), r => r is not null, Deadline, "the second silo's role");
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
        var credits = (await client.ReadJournalAsync())
            .Where(e => e.Credit.JobId == jobId && e.IsPayable() && !LedgerEntries.IsVerificationWork(e.Credit.TileId)).ToList();
        Assert.Equal(16, credits.Count);
        Assert.Equal(16, credits.Select(e => LedgerEntries.TileOf(e.Credit.TileId)).Distinct().Count());
        Assert.All(credits, e => Assert.Equal(
            e.Credit.WorkerId.StartsWith("alpha/", StringComparison.Ordinal) ? ClusterTestBed.Wallet : ClusterTestBed.OtherWallet,
            e.Credit.Wallet));
        var workers = await client.GetWorkersAsync();
        Assert.Equal(["alpha/cpu-0", "beta/cpu-0"], workers.Select(w => w.Registration.WorkerId).Order(StringComparer.Ordinal));
    }

    private static float[] LocalFrame(RenderJobSpec spec)
    {
        using var device = new ManagedCpuDevice("cpu-local", 1);
        return LocalRenderer.RenderFrame(
            device, FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, spec.FirstFrame)).Pixels;
    }
}
