using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pictor.Client;
using Pictor.Contracts.Workers;

namespace Pictor.Testing.Cluster;

/// <summary>A running test grid: its silos by worker host, a client, and the SDK over it.</summary>
public sealed class GridCluster : IAsyncDisposable
{
    private readonly TempDirectory? _ownedData;
    private readonly IReadOnlyList<SiloSpec> _specs;
    private bool _disposed;

    internal GridCluster(InProcessTestCluster cluster, IReadOnlyList<SiloSpec> specs, string dataDirectory, TempDirectory? ownedData)
    {
        TestCluster = cluster;
        _specs = specs;
        DataDirectory = dataDirectory;
        _ownedData = ownedData;
    }

    /// <summary>Orleans' cluster underneath, for what this class does not wrap.</summary>
    public InProcessTestCluster TestCluster { get; }

    /// <summary>The cluster's client (with the grid's stream provider).</summary>
    public IClusterClient Client => TestCluster.Client;

    /// <summary>
    /// The grain factory of the first running core (or role <c>all</c>) silo: calls made through it come from that
    /// silo's own services, which the caller guard counts as the core. Tests that play the core's part (crediting the
    /// ledger directly, say) call through this; calls through <see cref="Client"/> are an Orleans client's.
    /// </summary>
    public IGrainFactory Core => (TestCluster.Silos
            .FirstOrDefault(s => _specs[SpecIndex(s)].Role is Contracts.Silos.SiloRole.Core or Contracts.Silos.SiloRole.All)
            ?? throw new InvalidOperationException("No core silo is running."))
        .SiloHost.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The grain factory of the silo of worker host <paramref name="host"/>: calls come from that silo's services.</summary>
    public IGrainFactory SiloGrains(string host) => Services(host).GetRequiredService<IGrainFactory>();

    /// <summary>The client SDK over <see cref="Client"/>.</summary>
    public PictorClient Sdk => new(Client);

    /// <summary>The directory holding the SQLite database (unused on PostgreSQL).</summary>
    public string DataDirectory { get; }

    /// <summary>The running silos' worker hosts.</summary>
    public IReadOnlyList<string> Hosts => [.. TestCluster.Silos.Select(s => HostOf(s))];

    /// <summary>The running silo of worker host <paramref name="host"/>.</summary>
    public InProcessSiloHandle Silo(string host) =>
        TestCluster.Silos.SingleOrDefault(s => HostOf(s) == host)
        ?? throw new ArgumentException($"No silo {host} is running.", nameof(host));

    /// <summary>The services of the silo of <paramref name="host"/> (its device pool, storage, options).</summary>
    public IServiceProvider Services(string host) => Silo(host).SiloHost.Services;

    /// <summary>The worker host of a silo.</summary>
    public string HostOf(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return _specs[SpecIndex(silo)].Host;
    }

    private static int SpecIndex(SiloHandle silo)
    {
        int separator = silo.Name.LastIndexOf('_');
        return int.Parse(silo.Name.AsSpan(separator + 1), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The worker host of the silo at <paramref name="address"/>.</summary>
    public string HostOf(SiloAddress address) =>
        HostOf(TestCluster.Silos.Single(s => s.SiloAddress.Equals(address)));

    /// <summary>Kills a silo: no hand-off of its grains, what a crash does (the other silos find out through membership).</summary>
    public Task KillSiloAsync(string host) => TestCluster.KillSiloAsync(Silo(host));

    /// <summary>Stops a silo gracefully: it leaves membership and hands its grains off.</summary>
    public Task StopSiloAsync(string host) => TestCluster.StopSiloAsync(Silo(host));

    /// <summary>Stops a silo gracefully and starts it again with the same spec (fresh devices, same storage).</summary>
    public async Task RestartSiloAsync(string host) => await TestCluster.RestartSiloAsync(Silo(host));

    /// <summary>Waits until the client sees <paramref name="count"/> registered workers.</summary>
    /// <remarks>
    /// A client learns which silo hosts which grain class from the cluster manifest, which converges a moment after
    /// the silos start (core silos host no work units, worker silos no worker records): until then a call may be
    /// refused with an <see cref="ArgumentException"/>, which is waited out here.
    /// </remarks>
    public async Task<IReadOnlyList<WorkerInfo>> WaitForWorkersAsync(int count, TimeSpan? deadline = null)
    {
        var (_, workers) = await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return (Answered: true, Workers: await Sdk.GetWorkersAsync());
                }
                catch (ArgumentException)
                {
                    return (Answered: false, Workers: (IReadOnlyList<WorkerInfo>)[]);
                }
            },
            r => r.Answered && r.Workers.Count == count,
            deadline ?? TimeSpan.FromSeconds(60),
            $"{count} registered workers");
        return workers;
    }

    /// <summary>Kills every silo at once (a power cut): nothing is handed off; the storage is kept for a restart.</summary>
    public async Task KillAsync()
    {
        if (_disposed)
        {
            return;
        }

        await TestCluster.KillClientAsync();
        await Task.WhenAll(TestCluster.Silos.Select(TestCluster.KillSiloAsync));
        await DisposeAsync();
    }

    /// <summary>Stops the client and the silos gracefully; the data directory is deleted only if the cluster made it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await TestCluster.StopAllSilosAsync();
        }
        finally
        {
            await TestCluster.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _ownedData?.Dispose();
        }
    }
}
