using System.Net;
using Pictor.Cluster.Security;
using Pictor.Contracts.Silos;
using Pictor.Contracts.Workers;

namespace Pictor.Silo.Hosting;

/// <summary>Settings of a silo host; bound from configuration section <see cref="Section"/> (e.g. <c>Silo__DataDirectory</c>).</summary>
public sealed class SiloHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Silo";

    /// <summary>Where the embedded grid keeps its SQLite database.</summary>
    public string DataDirectory { get; set; } = ".pictor";

    /// <summary>Render devices: <c>auto</c>, <c>cpu:N</c>, <c>cuda:I,J</c> or <c>ilgpu-cpu</c>.</summary>
    public string Devices { get; set; } = "auto";

    /// <summary>CPU worker slots when the selection names none (auto on a CPU-only host, or plain <c>cpu</c>).</summary>
    public int CpuSlots { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The owner wallet credited for this host's workers; empty for none.</summary>
    public string Wallet { get; set; } = string.Empty;

    /// <summary>The host part of worker ids (<c>{host}/{device}</c>); defaults to the machine name.</summary>
    public string WorkerHost { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Orleans cluster id.</summary>
    public string ClusterId { get; set; } = "pictor";

    /// <summary>Orleans service id: grain state is keyed by it, so keep it stable across restarts.</summary>
    public string ServiceId { get; set; } = "pictor-grid";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Whether to serve the Orleans Dashboard.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Dashboard port on 127.0.0.1; 0 picks a free port.</summary>
    public int DashboardPort { get; set; } = 8080;

    /// <summary>The SQLite database file inside <see cref="DataDirectory"/>.</summary>
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "grid.db");

    /// <summary>Npgsql connection string of the cluster's PostgreSQL database; empty runs the embedded grid.</summary>
    /// <remarks>Membership, grain storage and reminders live there; the schema is applied on start.</remarks>
    public string Cluster { get; set; } = string.Empty;

    /// <summary>What this silo hosts in a cluster: <c>core</c>, <c>worker</c> or <c>all</c>.</summary>
    public SiloRole Role { get; set; } = SiloRole.All;

    /// <summary>The IP address other silos and clients reach this silo at (cluster mode).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The IP address the silo and gateway ports listen on; empty listens on <see cref="AdvertisedAddress"/>.</summary>
    public string ListenAddress { get; set; } = string.Empty;

    /// <summary>Mutual TLS between silos and with clients (cluster mode): this silo's certificate and the cluster's CA.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>The IP address the dashboard listens on.</summary>
    public string DashboardAddress { get; set; } = "127.0.0.1";

    /// <summary>The dashboard's user name (HTTP Basic); in cluster mode the dashboard is off unless a user and password are set.</summary>
    public string DashboardUser { get; set; } = string.Empty;

    /// <summary>The dashboard's password (HTTP Basic).</summary>
    public string DashboardPassword { get; set; } = string.Empty;

    /// <summary>Whether these options run a cluster silo rather than the embedded grid.</summary>
    public bool IsCluster => !string.IsNullOrWhiteSpace(Cluster);

    /// <summary>Whether this silo carries render devices (worker and all roles).</summary>
    public bool HasDevices => Role != SiloRole.Core;

    /// <summary>Whether the dashboard has credentials to require.</summary>
    public bool HasDashboardCredentials => !string.IsNullOrEmpty(DashboardUser) && !string.IsNullOrEmpty(DashboardPassword);

    /// <summary>Lists what keeps these options from running a cluster silo.</summary>
    /// <returns>One sentence per problem; empty when the options are fine (always empty in embedded mode).</returns>
    public IReadOnlyList<string> ClusterProblems()
    {
        var problems = new List<string>();
        if (!IsCluster)
        {
            return problems;
        }

        if (HasDevices && !WalletChecksum.IsChecksummed(Wallet))
        {
            problems.Add(string.IsNullOrWhiteSpace(Wallet)
                ? $"a {RoleName} silo needs an owner wallet (--wallet 0x…, EIP-55 checksummed) in cluster mode"
                : $"wallet '{Wallet}' is not an EIP-55 checksummed address"
                    + (WalletChecksum.TryChecksum(Wallet, out string? spelled) ? $" (did you mean {spelled}?)" : string.Empty));
        }

        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            problems.Add($"advertised address '{AdvertisedAddress}' is not an IP address");
        }

        if (!string.IsNullOrWhiteSpace(ListenAddress) && !IPAddress.TryParse(ListenAddress, out _))
        {
            problems.Add($"listen address '{ListenAddress}' is not an IP address");
        }

        if (!Tls.Insecure && !Tls.IsConfigured)
        {
            problems.Add("cluster mode needs mutual TLS: set Silo:Tls:Certificate (+ Key) and Silo:Tls:CaCertificate (see `pictor " +
                "certs`), or Silo:Tls:Insecure=true for a local experiment");
        }

        return problems;
    }

    private string RoleName => SiloRoleNames.Format(Role);

    /// <summary>Ignored, and logged as such: a silo cannot make its own workers trust anchors.</summary>
    /// <remarks>
    /// Anchors are named by the operator in the core silos' configuration (<c>Grid:Verification:Anchors</c>); the
    /// embedded grid's own devices are anchors by default (<c>Grid:Verification:EmbeddedDevicesAreAnchors</c>). The
    /// setting stays so that a silo configured with it says in its log where anchors are named now.
    /// </remarks>
    public bool Anchor { get; set; }
}
