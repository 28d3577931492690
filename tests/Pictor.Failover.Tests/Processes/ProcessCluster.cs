using Microsoft.Extensions.Logging;
using Pictor.Client.Cluster;
using Pictor.Cluster.Security;

namespace Pictor.Failover.Tests.Processes;

/// <summary>
/// A cluster of <c>pictor silo</c> processes on a throwaway PostgreSQL database, set up the way docs/operations.md
/// tells an operator to.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    /// <summary>Owner wallets (EIP-55) handed to silos in the order they start: each silo is another owner's machine.</summary>
    /// <remarks>Slots of one owner never check each other, so a cluster of one owner and no anchor would wait for a checker.</remarks>
    public static readonly string[] Wallets =
    [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    ];

    private readonly Dictionary<string, string> _wallets = new(StringComparer.Ordinal);

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly List<PictorProcess> _processes = [];

    private ProcessCluster(string connectionString, string directory)
    {
        ConnectionString = connectionString;
        Directory = directory;
    }

    public string ConnectionString { get; }

    public string Directory { get; }

    /// <summary>The flags that point a client verb at this cluster with the client certificate.</summary>
    public string[] ClientFlags =>
    [
        "--cluster", ConnectionString, "--cert", Path.Combine(Directory, "client.crt"), "--key", Path.Combine(Directory, "client.key"),
        "--ca", Path.Combine(Directory, "ca.crt"),
    ];

    /// <summary>Makes the certificates with <c>pictor certs</c> and the schema with <c>pictor db init</c>, run as processes.</summary>
    public static async Task<ProcessCluster> CreateAsync(PostgresFixture postgres)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"pictor-processes-{Guid.NewGuid():N}");
        var cluster = new ProcessCluster(await postgres.CreateDatabaseAsync(), directory);
        var certs = await PictorProcess.RunAsync(StartDeadline, "certs", "--out", directory);
        Assert.True(certs.ExitCode == 0, certs.All);
        var init = await PictorProcess.RunAsync(StartDeadline, "db", "init", "--cluster", cluster.ConnectionString);
        Assert.True(init.ExitCode == 0, init.All);
        return cluster;
    }

    /// <summary>
    /// Starts <c>pictor silo</c> (one CPU slot unless told otherwise) on free ports and waits for its <c>silo: up</c>
    /// line.
    /// </summary>
    /// <param name="host">The worker host (and process name).</param>
    /// <param name="role">core, worker or all.</param>
    /// <param name="devices">The devices.</param>
    /// <param name="siloPort">The silo port, 0 for a free one (a restart on the same port is the same silo, a new generation).</param>
    /// <param name="wallet">The owner wallet (EIP-55); by default the host's own (<see cref="WalletOf"/>).</param>
    /// <param name="environment">More settings as <c>PICTOR_…</c> environment variables, e.g. anchors for a core.</param>
    /// <returns>The process and the silo address it printed (<c>ip:port@generation</c>).</returns>
    /// <remarks>A worker silo gets the worker certificate, the others the core certificate, as operations.md says.</remarks>
    public async Task<(PictorProcess Process, string Address)> StartSiloAsync(
        string host, string role, string devices = "cpu:1", int siloPort = 0, string? wallet = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        string certificate = role == "worker" ? "worker" : "silo";
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Every slot is eligible however slow a loaded test machine benchmarks.
            ["PICTOR_Grid__MinimumMsamplesPerSecond"] = "0",
            ["PICTOR_Grid__MinimumDeviceMemoryBytes"] = "0",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var silo = PictorProcess.Start(
            $"silo {host}",
            variables,
            "silo", "--cluster", ConnectionString, "--role", role, "--wallet", wallet ?? WalletOf(host), "--devices", devices,
            "--host", host, "--silo-port", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--gateway-port", "0",
            "--cert", Path.Combine(Directory, certificate + ".crt"), "--key", Path.Combine(Directory, certificate + ".key"), "--ca",
            Path.Combine(Directory, "ca.crt"));
        _processes.Add(silo);
        string up = await silo.WaitForLineAsync("silo: up ", StartDeadline);
        return (silo, up.Split(' ')[2]);
    }

    /// <summary>The owner wallet of <paramref name="host"/>'s silo: the next of <see cref="Wallets"/> on its first start.</summary>
    public string WalletOf(string host)
    {
        lock (_wallets)
        {
            if (!_wallets.TryGetValue(host, out string? wallet))
            {
                wallet = Wallets[_wallets.Count % Wallets.Length];
                _wallets[host] = wallet;
            }

            return wallet;
        }
    }

    /// <summary>Starts another <c>pictor</c> command as a process of this cluster's set (stopped on dispose).</summary>
    public PictorProcess StartCommand(string name, params string[] arguments)
    {
        var process = PictorProcess.Start(name, new Dictionary<string, string>(), arguments);
        _processes.Add(process);
        return process;
    }

    /// <summary>Connects an SDK client with the client certificate, for the test to watch the cluster.</summary>
    public Task<ClusterConnection> ConnectAsync() => ClusterConnection.ConnectAsync(
        new ClusterConnectionOptions
        {
            ConnectionString = ConnectionString,
            Tls = new ClusterTlsOptions
            {
                Certificate = Path.Combine(Directory, "client.crt"),
                Key = Path.Combine(Directory, "client.key"),
                CaCertificate = Path.Combine(Directory, "ca.crt"),
            },
        },
        logging => logging.ClearProviders());

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Only litter in the temp directory.
        }
    }
}
