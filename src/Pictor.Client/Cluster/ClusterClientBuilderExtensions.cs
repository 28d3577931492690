using Orleans.Configuration;
using Pictor.Cluster.Security;
using Pictor.Contracts;

namespace Pictor.Client.Cluster;

/// <summary>
/// Configures an Orleans client for a Pictor.Grid cluster: ADO.NET gateway list on PostgreSQL, memory streams, mutual
/// TLS.
/// </summary>
public static class ClusterClientBuilderExtensions
{
    /// <summary>Points the client at the cluster described by <paramref name="options"/>.</summary>
    /// <param name="client">The client builder.</param>
    /// <param name="options">Database, ids and TLS files.</param>
    /// <returns>The client builder.</returns>
    /// <exception cref="InvalidOperationException">TLS is neither configured nor explicitly disabled.</exception>
    public static IClientBuilder UsePictorCluster(this IClientBuilder client, ClusterConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = ClusterConnectionOptions.Invariant;
            o.ConnectionString = options.ConnectionString;
        });
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        client.AddMemoryStreams(StreamNames.Provider);
        if (options.Tls.Insecure)
        {
            return client;
        }

        if (!options.Tls.IsConfigured)
        {
            throw new InvalidOperationException("Cluster mode needs a client certificate and the cluster's CA (Tls:Certificate, " +
                "Tls:CaCertificate); see `pictor certs`.");
        }

        var certificate = ClusterCertificates.LoadLocal(options.Tls);
        var authority = ClusterCertificates.LoadAuthority(options.Tls);
        if (ClusterCertificates.RoleOf(certificate) != CertificateRole.Operator)
        {
            throw new InvalidOperationException($"The certificate {options.Tls.Certificate} is not an operator's client certificate " +
                "(OU=operator): the cluster's gateway admits only those. Use the client.crt of `pictor certs`.");
        }

        client.UseTls(certificate, tls =>
        {
            tls.HandshakeTimeout = options.HandshakeTimeout;

            // Only a core silo of this cluster may answer: issued by our CA, allowed to act as a server, role core.
            tls.RemoteCertificateValidation = (peer, chain, _) =>
                ClusterCertificates.IsIssuedBy(peer, chain, authority) && ClusterCertificates.AllowsServerAuthentication(peer)
                && ClusterCertificates.RoleOf(peer) == CertificateRole.Core;
        });
        return client;
    }
}
