using Microsoft.Extensions.DependencyInjection;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Silos;
using Pictor.Contracts.Workers;
using Pictor.Grains.Placement;
using Pictor.Rendering.Devices;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Workers;

/// <summary>Anchors exist only by the operator's configuration on the core: a worker silo cannot make itself one.</summary>
public sealed class AnchorConfigurationTests
{
    [Fact]
    [Trait("Suite", "cluster")]
    public async Task ASiloThatDeclaresItselfAnAnchor_IsNotOne_AnAnchorNamedInTheCoresConfigurationIs()
    {
        await using var grid = await new GridClusterBuilder()
            .AddSilo("core", GridDevices.None, SiloRole.Core)
            .AddSilo("self", GridDevices.Fake(i => new ManagedCpuDevice($"cpu-{i}", 1)), SiloRole.Worker)
            .AddSilo("named", GridDevices.Fake(i => new ManagedCpuDevice($"cpu-{i}", 1)), SiloRole.Worker)
            .ConfigureGrid(o => o.Verification.Anchors.Add("named/*"))
            .StartAsync();
        await grid.WaitForWorkersAsync(2);

        // The "self" silo registers its slot again, this time claiming on the wire to be an anchor.
        var grains = grid.Services("self").GetRequiredService<IGrainFactory>();
        var self = grains.GetGrain<IWorkerGrain>("self/cpu-0");
        var claim = (await self.GetInfoAsync()).Registration with { Anchor = true };
        var registered = await self.RegisterAsync(claim);

        Assert.False(registered.Registration.Anchor);
        Assert.False(registered.Trust!.Anchor);
        Assert.Equal(1.0, registered.Trust.CheckProbability);
        var trust = await self.GetTrustAsync();
        Assert.False(trust.Anchor);
        var named = await grid.Client.GetGrain<IWorkerGrain>("named/cpu-0").GetTrustAsync();
        Assert.True(named.Anchor);
        Assert.Equal(0.0, named.CheckProbability);

        // The job sees both slots before it starts (else the anchor would render all of so small a job).
        var view = grid.Services("core").GetRequiredService<DeviceDirectoryCache>();
        await Eventually.WaitAsync(() => Task.FromResult(view.EligibleSlots), n => n == 2, TimeSpan.FromSeconds(30), "both slots in view");

        // In a job the claimed anchor's tiles are checked, by the named anchor only; the anchor's own are not.
        var sdk = grid.Sdk;
        string job = $"anchors-{Guid.NewGuid():N}";
        await sdk.SubmitAsync(job, new RenderJobSpec(RenderJobSpec.CornellSpheres, 128, 64, 1, TileSize: 16));
        var status = await sdk.WaitAsync(job, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        Assert.True(status.Phase == JobPhase.Completed, status.Error);
        var journal = (await sdk.ReadJournalAsync()).Where(e => e.Credit.JobId == job).ToList();
        var checks = journal.Where(e => LedgerEntries.IsVerificationWork(e.Credit.TileId)).ToList();
        var selfTiles = journal.Where(e => e.Credit.WorkerId == "self/cpu-0" && e.Kind == LedgerEntryKind.Pending)
            .Select(e => e.Credit.TileId).ToHashSet(StringComparer.Ordinal);
        var anchorTiles = journal.Where(e => e.Credit.WorkerId == "named/cpu-0" && !LedgerEntries.IsVerificationWork(e.Credit.TileId))
            .ToList();
        Assert.NotEmpty(selfTiles);
        Assert.NotEmpty(anchorTiles);
        Assert.All(anchorTiles, e => Assert.Equal(LedgerEntryKind.Credit, e.Kind));
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Equal("named/cpu-0", c.Credit.WorkerId));
        Assert.All(checks, c => Assert.Contains(LedgerEntries.TileOf(c.Credit.TileId), selfTiles));
        Assert.DoesNotContain(journal, e => e.Kind == LedgerEntryKind.Rejected);
    }
}
