using Pictor.Contracts.Workers;

namespace Pictor.Grains.Tests.Workers;

/// <summary>A worker id belongs to one running silo: a second silo that claims it is refused, a restarted one takes it back.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class WorkerIdentityTests(GridClusterFixture fixture)
{
    [Fact]
    [Trait("Suite", "cluster")]
    public async Task ASecondRunningSiloClaimingAWorkerId_IsRefusedByName_AndTheRecordIsUnchanged()
    {
        var silos = fixture.Cluster.TestCluster.Silos.Select(s => s.SiloAddress.ToParsableString()).ToList();
        string id = $"twin-{Guid.NewGuid():N}/cpu-0";
        var worker = fixture.Cluster.Core.GetGrain<IWorkerGrain>(id);
        await worker.RegisterAsync(Registration(id, silos[0], "0xfirst"));

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(
            () => worker.RegisterAsync(Registration(id, silos[1], "0xsecond")));
        Assert.Contains($"Worker id {id} is already registered by the running silo {silos[0]}", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(silos[1], refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--host", refusal.Message, StringComparison.Ordinal);

        var info = await worker.GetInfoAsync();
        Assert.Equal((silos[0], "0xfirst"), (info.Registration.SiloAddress, info.Registration.Wallet));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task ASiloThatIsNoLongerRunning_IsReplaced_AndTheSameSiloMayRegisterAgain()
    {
        var live = fixture.Cluster.TestCluster.Silos[0].SiloAddress;
        var other = fixture.Cluster.TestCluster.Silos[1].SiloAddress;
        var gone = SiloAddress.New(new System.Net.IPEndPoint(other.Endpoint.Address, 1), 7).ToParsableString();
        string id = $"restarted-{Guid.NewGuid():N}/cpu-0";
        var worker = fixture.Cluster.Core.GetGrain<IWorkerGrain>(id);
        await worker.RegisterAsync(Registration(id, gone, "0xw"));

        // The earlier silo is not in the cluster (a restart gets a new generation): its ids are taken over.
        var info = await worker.RegisterAsync(Registration(id, live.ToParsableString(), "0xw"));
        Assert.Equal(live.ToParsableString(), info.Registration.SiloAddress);
        Assert.Equal(WorkerStatus.Online, (await worker.RegisterAsync(Registration(id, live.ToParsableString(), "0xw"))).Status);

        // The same endpoint in a new generation is that silo restarted, even while its old self still counts as active.
        var restarted = SiloAddress.New(live.Endpoint, live.Generation + 1).ToParsableString();
        Assert.Equal(restarted, (await worker.RegisterAsync(Registration(id, restarted, "0xw"))).Registration.SiloAddress);
    }

    private static WorkerRegistration Registration(string id, string silo, string wallet) =>
        new(id, id.Split('/')[0], silo, new DeviceSpec("cpu", "test", 1 << 30, 1, "cpu-managed"), wallet, 1);
}
