using Orleans.Configuration;
using Orleans.Connections.Security;
using Pictor.Cluster.Security;
using Pictor.Contracts.Silos;

namespace Pictor.Silo.Cluster;

/// <summary>Mutual TLS for a cluster silo: every silo-to-silo and client-to-gateway connection, both ends authenticated.</summary>
/// <remarks>
/// A peer is accepted only with a certificate issued by the cluster's CA, for the role of the link
/// (<see cref="CertificateRole"/>, the subject's <c>OU</c>): silo links take core and worker silo certificates, the
/// gateway takes operator certificates only, so a worker's silo certificate cannot open an Orleans client connection
/// and an operator's client certificate cannot join membership. A silo runs as core (or <c>all</c>) only with a core
/// certificate.
/// </remarks>
public static class ClusterTls
{
    /// <summary>Configures TLS on the silo's inbound, gateway and outbound connections.</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="tls">The certificate and CA files.</param>
    /// <param name="role">The role this silo runs.</param>
    /// <returns>The silo builder.</returns>
    /// <exception cref="InvalidOperationException">The certificate cannot serve this silo.</exception>
    public static ISiloBuilder UsePictorClusterTls(this ISiloBuilder silo, ClusterTlsOptions tls, SiloRole role)
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

        var held = ClusterCertificates.RoleOf(certificate);
        if (held != CertificateRole.Core && !(held == CertificateRole.Worker && role == SiloRole.Worker))
        {
            throw new InvalidOperationException($"The certificate {tls.Certificate} is {Describe(held)}; a {SiloRoleNames.Format(role)} " +
                $"silo needs {(role == SiloRole.Worker ? "a core or worker" : "a core")} silo certificate (make one with `pictor certs`).");
        }

        var siloLinks = Options(certificate, (peer, chain) =>
            ClusterCertificates.IsIssuedBy(peer, chain, authority) && ClusterCertificates.AllowsServerAuthentication(peer)
            && ClusterCertificates.RoleOf(peer) is CertificateRole.Core or CertificateRole.Worker);
        var gatewayLinks = Options(certificate, (peer, chain) =>
            ClusterCertificates.IsIssuedBy(peer, chain, authority) && ClusterCertificates.AllowsClientAuthentication(peer)
            && ClusterCertificates.RoleOf(peer) == CertificateRole.Operator);
        silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(b => b.UseServerTls(siloLinks));
            connections.ConfigureSiloOutboundConnection(b => b.UseClientTls(siloLinks));
            connections.ConfigureGatewayInboundConnection(b => b.UseServerTls(gatewayLinks));
        });
        return silo;
    }

    private static string Describe(CertificateRole role) => role == CertificateRole.None
        ? "a certificate with no Pictor role (OU core, worker or operator); re-issue it with `pictor certs`"
        : $"a {ClusterCertificates.UnitOf(role)} certificate";

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
