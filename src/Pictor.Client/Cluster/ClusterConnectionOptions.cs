using Pictor.Cluster.Security;

namespace Pictor.Client.Cluster;

/// <summary>How a client reaches a Pictor.Grid cluster: the PostgreSQL membership database and the client's TLS identity.</summary>
public sealed class ClusterConnectionOptions
{
    /// <summary>The ADO.NET invariant of the membership database.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Npgsql connection string of the cluster's database, where the client finds the gateways.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Orleans cluster id; the silos' value.</summary>
    public string ClusterId { get; set; } = "pictor";

    /// <summary>Orleans service id; the silos' value.</summary>
    public string ServiceId { get; set; } = "pictor-grid";

    /// <summary>The client's certificate and the cluster's CA.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>How long connecting may take before it fails: the client retries gateways that refuse it until then.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a TLS handshake may take before the connection is dropped.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
