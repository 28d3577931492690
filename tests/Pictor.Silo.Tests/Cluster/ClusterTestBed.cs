using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pictor.Client.Cluster;
using Pictor.Cluster.Security;
using Pictor.Contracts.Silos;
using Pictor.Silo.Cluster;
using Pictor.Silo.Hosting;

namespace Pictor.Silo.Tests.Cluster;

/// <summary>Certificates and options for silos and clients of one test cluster on a throwaway database.</summary>
internal sealed class ClusterTestBed : IDisposable
{
    public const string Wallet = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    /// <summary>A second owner's wallet: slots of one owner never check each other's renders.</summary>
    public const string OtherWallet = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private ClusterTestBed(string connectionString, string directory)
    {
        ConnectionString = connectionString;
        Directory = directory;
        using var ca = DevCertificateAuthority.Create("test CA");
        CaPath = Path.Combine(directory, "ca.crt");
        DevCertificateAuthority.WritePem(ca.Certificate, CaPath, null);
        using var silo = ca.IssueSilo("test silo");
        SiloCertificatePath = Path.Combine(directory, "silo.crt");
        DevCertificateAuthority.WritePem(silo, SiloCertificatePath, Path.Combine(directory, "silo.key"));
        using var worker = ca.IssueSilo("test worker", role: CertificateRole.Worker);
        WorkerCertificatePath = Path.Combine(directory, "worker.crt");
        DevCertificateAuthority.WritePem(worker, WorkerCertificatePath, Path.Combine(directory, "worker.key"));
        using var client = ca.IssueClient("test client");
        ClientCertificatePath = Path.Combine(directory, "client.crt");
        DevCertificateAuthority.WritePem(client, ClientCertificatePath, Path.Combine(directory, "client.key"));
    }

    public string ConnectionString { get; }

    public string Directory { get; }

    public string CaPath { get; }

    public string SiloCertificatePath { get; }

    public string ClientCertificatePath { get; }

    public string WorkerCertificatePath { get; }

    public ClusterTlsOptions WorkerTls =>
        new() { Certificate = WorkerCertificatePath, Key = Path.ChangeExtension(WorkerCertificatePath, ".key"), CaCertificate = CaPath };

    public ClusterTlsOptions SiloTls =>
        new() { Certificate = SiloCertificatePath, Key = Path.ChangeExtension(SiloCertificatePath, ".key"), CaCertificate = CaPath };

    public ClusterTlsOptions ClientTls =>
        new() { Certificate = ClientCertificatePath, Key = Path.ChangeExtension(ClientCertificatePath, ".key"), CaCertificate = CaPath };

    public static async Task<ClusterTestBed> CreateAsync(PostgresFixture postgres)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"pictor-cluster-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        return new ClusterTestBed(await postgres.CreateDatabaseAsync(), directory);
    }

    /// <summary>Options of one silo on fresh loopback ports.</summary>
    public SiloHostOptions Silo(
        SiloRole role = SiloRole.All, string devices = "cpu:1", string? host = null, string? connectionString = null,
        string wallet = Wallet) => new()
    {
        Cluster = connectionString ?? ConnectionString,
        Role = role,
        Devices = devices,
        WorkerHost = host ?? $"silo-{Guid.NewGuid().ToString("N")[..6]}",
        Wallet = wallet,
        SiloPort = FreePort(),
        GatewayPort = FreePort(),
        Dashboard = false,
        DashboardPort = 0,
        Tls = SiloTls,
    };

    public ClusterConnectionOptions Client(ClusterTlsOptions? tls = null) => new()
    {
        ConnectionString = ConnectionString,
        Tls = tls ?? ClientTls,
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };

    public static Task<ClusterGrid> StartAsync(
        SiloHostOptions options, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<ISiloBuilder>? configureSilo = null,
        CancellationToken cancellationToken = default) =>
        ClusterGrid.StartAsync(options, Configuration(settings), Quiet, silo =>
        {
            // Several silos share this process: one declared dead must not end it (and every other test).
            silo.Services.AddSingleton<Orleans.Runtime.IFatalErrorHandler, SurvivingFatalErrors>();
            configureSilo?.Invoke(silo);
        }, cancellationToken);

    /// <summary>Grid settings for tests: every CPU slot is eligible however slow a loaded debug build benchmarks.</summary>
    public static IConfiguration Configuration(IEnumerable<KeyValuePair<string, string?>>? settings = null) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grid:MinimumMsamplesPerSecond"] = "0",
            ["Grid:MinimumDeviceMemoryBytes"] = "0",
        })
        .AddInMemoryCollection(settings ?? [])
        .Build();

    public static void Quiet(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Only litter in the temp directory.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
