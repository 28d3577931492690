using Pictor.Contracts.Silos;
using Pictor.Contracts.Jobs;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Placement;

/// <summary>Heterogeneous silos: a core silo hosts jobs and the ledger, worker silos host the work units.</summary>
public sealed class SiloRoleTests : IAsyncLifetime
{
    private GridCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await new GridClusterBuilder()
            .AddSilo("core", GridDevices.Cpu(2), SiloRole.Core)
            .AddSilo("worker-1", GridDevices.Cpu(2), SiloRole.Worker)
            .AddSilo("worker-2", GridDevices.Cpu(2), SiloRole.Worker)
            .StartAsync();
        await _cluster.WaitForWorkersAsync(4);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task CoreSilo_HostsNoTiles_AndWorkerSilosHostNoJobs()
    {
        var client = _cluster.Sdk;
        string jobId = $"roles-{Guid.NewGuid():N}";
        await client.SubmitAsync(jobId, new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 2, TileSize: 16));
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), deadline.Token);
        Assert.Equal(JobPhase.Completed, status.Phase);
        var workers = await _cluster.WaitForWorkersAsync(4, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(workers, w => w.Registration.WorkerId.StartsWith("core/", StringComparison.Ordinal));
        var journal = (await client.ReadJournalAsync()).Where(e => e.Credit.JobId == jobId).ToList();
        Assert.Equal(16, PaidCredits.ForTiles(journal, jobId).Count);
        Assert.All(journal, e => Assert.StartsWith("worker-", e.Credit.WorkerId, StringComparison.Ordinal));

        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var jobSilo = await management.GetActivationAddress(_cluster.Client.GetGrain<IRenderJobGrain>(jobId));
        Assert.NotNull(jobSilo);
        Assert.Equal("core", _cluster.HostOf(jobSilo));
    }
}
