using Orleans.Configuration;
using Orleans.Connections.Security;
using Pictor.Cluster.Security;

namespace Pictor.Silo.Cluster;

/// <summary>Mutual TLS for a cluster silo: every silo-to-silo and client-to-gateway connection, both ends authenticated.</summary>
/// <remarks>
/// A peer is accepted only with a certificate issued by the cluster's CA. Silo links additionally need the
/// server-authentication usage that only silo certificates carry, so a client certificate cannot join
/// membership; the gateway accepts client and silo certificates alike.
/// </remarks>
public static class ClusterTls
{
    /// <summary>Configures TLS on the silo's inbound, gateway and outbound connections.</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="tls">The certificate and CA files.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="InvalidOperationException">The certificate cannot serve as a silo certificate.</exception>
    public static ISiloBuilder UsePictorClusterTls(this ISiloBuilder silo, ClusterTlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(tls);
        var certificate = ClusterCertificates.LoadLocal(tls);
        var authority = ClusterCertificates.LoadAuthority(tls);
        if (!ClusterCertificates.AllowsServerAuthentication(certificate) || !ClusterCertificates.AllowsClientAuthentication(certificate))
        {
            throw new InvalidOperationException($"The certificate {tls.Certificate} is not a silo certificate: it must allow TLS server " +
                $"and client authentication (make one with `pictor certs`).");
        }

        if (!ClusterCertificates.IsIssuedBy(certificate, null, authority))
        {
            throw new InvalidOperationException($"The certificate {tls.Certificate} is not issued by the CA in {tls.CaCertificate}.");
        }

        var siloLinks = Options(certificate, (peer, chain) =>
            ClusterCertificates.IsIssuedBy(peer, chain, authority) && ClusterCertificates.AllowsServerAuthentication(peer));
        var gatewayLinks = Options(certificate, (peer, chain) =>
            ClusterCertificates.IsIssuedBy(peer, chain, authority) && ClusterCertificates.AllowsClientAuthentication(peer));
        silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(b => b.UseServerTls(siloLinks));
            connections.ConfigureSiloOutboundConnection(b => b.UseClientTls(siloLinks));
            connections.ConfigureGatewayInboundConnection(b => b.UseServerTls(gatewayLinks));
        });
        return silo;
    }

    private static TlsOptions Options(
        System.Security.Cryptography.X509Certificates.X509Certificate2 certificate,
        Func<
            System.Security.Cryptography.X509Certificates.X509Certificate2,
            System.Security.Cryptography.X509Certificates.X509Chain?,
            bool> accept) => new()
    {
        LocalCertificate = certificate,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,

        // Host names are not checked (silos are reached by IP); the policy errors the system reports for our
        // private root are replaced by our own chain check against the cluster's CA.
        RemoteCertificateValidation = (peer, chain, _) => accept(peer, chain),
    };
}
