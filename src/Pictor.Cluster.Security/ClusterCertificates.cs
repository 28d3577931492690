using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pictor.Cluster.Security;

/// <summary>Loads a party's certificate and decides whether a peer's certificate comes from the cluster's authority.</summary>
/// <remarks>
/// Trust is the private CA alone: the system's root store plays no part, and host names are not checked
/// (silos are addressed by IP and come and go). Silo certificates carry the server-authentication usage,
/// client certificates only client authentication, so a client certificate cannot be used to join as a silo.
/// </remarks>
public static class ClusterCertificates
{
    /// <summary>Extended key usage OID of TLS server authentication.</summary>
    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Extended key usage OID of TLS client authentication.</summary>
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    // id-at-organizationalUnitName (X.520).
    private const string OrganizationalUnitOid = "2.5.4.11";

    /// <summary>Loads this party's certificate with its private key.</summary>
    /// <param name="options">The TLS settings.</param>
    /// <returns>The certificate.</returns>
    /// <exception cref="InvalidOperationException">A file is missing or holds no private key.</exception>
    public static X509Certificate2 LoadLocal(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = RequireFile(options.Certificate, "certificate");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        X509Certificate2 certificate;
        if (extension is ".pfx" or ".p12")
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(options.Password) ? null : options.Password);
        }
        else
        {
            string key = string.IsNullOrWhiteSpace(options.Key) ? path : RequireFile(options.Key, "key");
            using var pem = X509Certificate2.CreateFromPemFile(path, key);

            // Keys read from PEM are ephemeral; a PKCS#12 round trip gives SslStream a key it can use on every platform.
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The certificate {path} has no private key.");
        }

        return certificate;
    }

    /// <summary>Loads the certificate of the cluster's authority.</summary>
    /// <param name="options">The TLS settings.</param>
    /// <returns>The CA certificate.</returns>
    public static X509Certificate2 LoadAuthority(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = RequireFile(options.CaCertificate, "CA certificate");
        return X509CertificateLoader.LoadCertificateFromFile(path);
    }

    /// <summary>Whether <paramref name="peer"/> chains to <paramref name="authority"/> and is valid now.</summary>
    /// <param name="peer">The certificate the peer presented.</param>
    /// <param name="presented">The chain the TLS layer built, whose intermediates are used; may be null.</param>
    /// <param name="authority">The cluster's CA.</param>
    /// <returns>True only for a certificate issued (directly or through presented intermediates) by the CA.</returns>
    public static bool IsIssuedBy(X509Certificate2 peer, X509Chain? presented, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(authority);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(peer.RawDataMemory.Span))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        if (!chain.Build(peer))
        {
            return false;
        }

        var root = chain.ChainElements[^1].Certificate;
        return root.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
    }

    /// <summary>Whether a certificate may act as a silo: it allows TLS server authentication.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>True when it has no extended key usage extension or one that lists server authentication.</returns>
    public static bool AllowsServerAuthentication(X509Certificate2 certificate) => AllowsUsage(certificate, ServerAuthenticationOid);

    /// <summary>Whether a certificate may act as a TLS client (a client of the cluster, or a silo calling a silo).</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>True when it has no extended key usage extension or one that lists client authentication.</returns>
    public static bool AllowsClientAuthentication(X509Certificate2 certificate) => AllowsUsage(certificate, ClientAuthenticationOid);

    /// <summary>The role a certificate was issued for, from its subject's organisational unit.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The role, or <see cref="CertificateRole.None"/> when the subject names none or several.</returns>
    public static CertificateRole RoleOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var units = certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(n => n.GetSingleElementType().Value == OrganizationalUnitOid)
            .Select(n => n.GetSingleElementValue())
            .ToList();
        return units.Count == 1 && Enum.TryParse(units[0], ignoreCase: true, out CertificateRole role)
            && Enum.IsDefined(role) && role != CertificateRole.None && !int.TryParse(units[0], out _)
            ? role
            : CertificateRole.None;
    }

    /// <summary>The subject's organisational unit that names <paramref name="role"/>.</summary>
    /// <param name="role">The role.</param>
    /// <returns>For example <c>core</c>.</returns>
    public static string UnitOf(CertificateRole role) => role.ToString().ToLowerInvariant();

    private static bool AllowsUsage(X509Certificate2 certificate, string oid)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        return usages is null || usages.EnhancedKeyUsages.Cast<Oid>().Any(u => u.Value == oid);
    }

    private static string RequireFile(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException($"No TLS {what} is configured.");
        }

        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidOperationException($"The TLS {what} file {full} does not exist.");
        }

        return full;
    }
}
