namespace Pictor.Cluster.Security;

/// <summary>Where a silo or client finds its certificate and the cluster's certificate authority (mutual TLS).</summary>
/// <remarks>
/// Bound from configuration (<c>Silo:Tls:Certificate</c>, <c>PICTOR_Silo__Tls__Certificate</c>, …). Files come from
/// <c>pictor certs</c> or any CA of your own: a PEM certificate with a PEM key beside it, or a PKCS#12 (.pfx) file.
/// </remarks>
public sealed class ClusterTlsOptions
{
    /// <summary>This party's certificate: a <c>.pfx</c>/<c>.p12</c> file, or a PEM <c>.crt</c>/<c>.pem</c> file.</summary>
    public string Certificate { get; set; } = string.Empty;

    /// <summary>The PEM private key of a PEM certificate; empty when the certificate file holds the key.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The password of a <c>.pfx</c> file; empty for none.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>The PEM certificate of the authority that issues every certificate of the cluster.</summary>
    public string CaCertificate { get; set; } = string.Empty;

    /// <summary>Runs without TLS: anyone who reaches a port can join or call. For a laptop experiment only.</summary>
    public bool Insecure { get; set; }

    /// <summary>Whether a certificate and a CA are configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Certificate) && !string.IsNullOrWhiteSpace(CaCertificate);
}
