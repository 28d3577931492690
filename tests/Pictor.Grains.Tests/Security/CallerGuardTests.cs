using Pictor.Contracts.Ledger;
using Pictor.Contracts.Silos;
using Pictor.Contracts.Workers;
using Pictor.Testing.Cluster;

namespace Pictor.Grains.Tests.Security;

/// <summary>
/// The caller guard at the callee: money and trust move only for the core. Each refusal is checked from an Orleans
/// client (the operator's own tools included) and from a worker silo, and leaves the ledger and the worker's trust as
/// they were.
/// </summary>
public sealed class CallerGuardTests(CallerGuardTests.Grid grid) : IClassFixture<CallerGuardTests.Grid>
{
    private const string WorkerHost = Grid.WorkerHost;
    private readonly GridCluster _cluster = grid.Cluster;
    private readonly string _worker = grid.Worker;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _) in ProtectedCalls.Against("l", "w"))
        {
            data.Add(name, "client");
            data.Add(name, "worker silo");
        }

        return data;
    }


    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Suite", "cluster")]
    public async Task ProtectedCall_IsRefused_AndNothingChanges(string method, string from)
    {
        string ledger = $"guard-{Guid.NewGuid():N}";
        var call = ProtectedCalls.Against(ledger, _worker).Single(c => c.Name == method).Call;
        var trustBefore = await _cluster.Core.GetGrain<IWorkerGrain>(_worker).GetTrustAsync();
        var caller = from == "client" ? (IGrainFactory)_cluster.Client : _cluster.SiloGrains(WorkerHost);

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => call(caller));

        Assert.StartsWith($"refused: {method} may be called only by the core", refused.Message, StringComparison.Ordinal);
        Assert.Contains(from == "client" ? "an Orleans client" : "a worker silo", refused.Message, StringComparison.Ordinal);
        var summary = await _cluster.Core.GetGrain<ILedgerGrain>(ledger).GetSummaryAsync();
        Assert.Equal((0L, 0L, 0L), (summary.Entries, summary.TotalAmount, summary.PendingAmount));
        Assert.Empty(await _cluster.Core.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch(ledger, 1)).ReadAsync(0, 10));
        Assert.Equal(trustBefore, await _cluster.Core.GetGrain<IWorkerGrain>(_worker).GetTrustAsync());
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task TheCore_MayCredit_WhereTheClientMayNot()
    {
        // The same call the theory refuses goes through from the core: the refusal is the guard's, not a broken call.
        string ledger = $"guard-core-{Guid.NewGuid():N}";
        var credit = ProtectedCalls.Against(ledger, _worker).Single(c => c.Name == "ILedgerGrain.CreditAsync").Call;

        await credit(_cluster.Core);

        Assert.Equal(1, (await _cluster.Client.GetGrain<ILedgerGrain>(ledger).GetSummaryAsync()).Entries);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Operator_MayCloseEpochs_WorkerSilo_MayNot()
    {
        string ledger = $"guard-close-{Guid.NewGuid():N}";

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(
            () => _cluster.SiloGrains(WorkerHost).GetGrain<ILedgerGrain>(ledger).CloseEpochAsync());
        Assert.Contains("ILedgerGrain.CloseEpochAsync", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await _cluster.Client.GetGrain<ILedgerGrain>(ledger).GetSummaryAsync()).OpenEpoch);

        var closed = await _cluster.Client.GetGrain<ILedgerGrain>(ledger).CloseEpochAsync();

        Assert.Equal(1, closed.Epoch);
        Assert.Equal(2, (await _cluster.Client.GetGrain<ILedgerGrain>(ledger).GetSummaryAsync()).OpenEpoch);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WorkerSilo_MayNotActForAnotherSilo()
    {
        var silo = _cluster.SiloGrains(WorkerHost);
        var worker = silo.GetGrain<IWorkerGrain>(_worker);
        var info = await worker.GetInfoAsync();
        string coreSilo = _cluster.Silo("core").SiloAddress.ToParsableString();

        var takeOver = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => silo.GetGrain<IWorkerGrain>("core/cpu-9")
            .RegisterAsync(info.Registration with { WorkerId = "core/cpu-9", SiloAddress = coreSilo }));
        var report = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => silo.GetGrain<IDeviceDirectoryGrain>(
            IDeviceDirectoryGrain.DefaultKey).ReportAsync(new SiloCapacity(coreSilo, "core", [], 0, DateTimeOffset.UtcNow)));
        var remove = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => silo.GetGrain<IDeviceDirectoryGrain>(
            IDeviceDirectoryGrain.DefaultKey).RemoveAsync(coreSilo));
        var selfRelease = await Assert.ThrowsAsync<UnauthorizedAccessException>(
            () => worker.SetStatusAsync(WorkerStatus.Online, "lifting my own quarantine"));

        Assert.Contains("only for itself", takeOver.Message, StringComparison.Ordinal);
        Assert.Contains("only for itself", report.Message, StringComparison.Ordinal);
        Assert.Contains("only for itself", remove.Message, StringComparison.Ordinal);
        Assert.Contains("offline or below spec, not Online", selfRelease.Message, StringComparison.Ordinal);
        Assert.Equal(WorkerStatus.Unknown, (await _cluster.Core.GetGrain<IWorkerGrain>("core/cpu-9").GetInfoAsync()).Status);
        Assert.Equal(info.Status, (await worker.GetInfoAsync()).Status);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WorkerSilo_MayTakeItsOwnWorkerOffline()
    {
        // What the worker's own registrar does when its silo stops: admitted for its own worker.
        string id = $"{WorkerHost}/own-{Guid.NewGuid():N}";
        var silo = _cluster.SiloGrains(WorkerHost);
        var own = (await silo.GetGrain<IWorkerGrain>(_worker).GetInfoAsync()).Registration with { WorkerId = id };
        await silo.GetGrain<IWorkerGrain>(id).RegisterAsync(own);

        await silo.GetGrain<IWorkerGrain>(id).SetStatusAsync(WorkerStatus.Offline, "its silo stopped");

        Assert.Equal(WorkerStatus.Offline, (await _cluster.Client.GetGrain<IWorkerGrain>(id).GetInfoAsync()).Status);
    }

    /// <summary>One core and one worker silo, shared by the class's tests (each works on a ledger of its own).</summary>
    public sealed class Grid : IAsyncLifetime
    {
        /// <summary>The worker silo's host.</summary>
        public const string WorkerHost = "stranger";

        /// <summary>The cluster.</summary>
        public GridCluster Cluster { get; private set; } = null!;

        /// <summary>The worker silo's registered worker.</summary>
        public string Worker { get; private set; } = null!;

        /// <inheritdoc/>
        public async Task InitializeAsync()
        {
            Cluster = await new GridClusterBuilder()
                .AddSilo("core", GridDevices.Cpu(1), SiloRole.Core)
                .AddSilo(WorkerHost, GridDevices.Cpu(1), SiloRole.Worker)
                .StartAsync();
            Worker = (await Cluster.WaitForWorkersAsync(1)).Single().Registration.WorkerId;
        }

        /// <inheritdoc/>
        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }
}
