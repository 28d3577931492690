using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pictor.Cluster.Security;

/// <summary>A development certificate authority that issues silo and client certificates for mutual TLS (ECDSA P-256).</summary>
/// <remarks>
/// For trying a cluster out and for tests. A production cluster keeps its CA key offline and issues each silo
/// and client its own certificate; see <c>docs/operations.md</c>. Silo certificates allow TLS server and client
/// authentication (a silo is both to other silos), client certificates only client authentication.
/// </remarks>
public sealed class DevCertificateAuthority : IDisposable
{
    private DevCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a new self-signed CA.</summary>
    /// <param name="name">The CA's common name.</param>
    /// <param name="lifetime">How long it is valid; one year when null.</param>
    /// <returns>The CA.</returns>
    public static DevCertificateAuthority Create(string name = "Pictor.Grid development CA", TimeSpan? lifetime = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}, O=Pictor.Grid"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now + (lifetime ?? TimeSpan.FromDays(365)));
        return new DevCertificateAuthority(Reload(created));
    }

    /// <summary>Loads a CA from its PEM certificate and PEM key, to issue more certificates.</summary>
    /// <param name="certificatePath">The CA certificate (PEM).</param>
    /// <param name="keyPath">The CA's private key (PEM).</param>
    /// <returns>The CA.</returns>
    public static DevCertificateAuthority Load(string certificatePath, string keyPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        return new DevCertificateAuthority(Reload(pem));
    }

    /// <summary>Issues a silo certificate.</summary>
    /// <param name="name">The silo's common name.</param>
    /// <param name="addresses">
    /// Host names and IP addresses to list as subject alternative names (informational: peers check the issuer, not
    /// names).
    /// </param>
    /// <param name="lifetime">How long it is valid; 90 days when null.</param>
    /// <param name="role">Core (may run any silo role) or worker (may run only a worker silo).</param>
    /// <returns>The certificate with its private key.</returns>
    public X509Certificate2 IssueSilo(
        string name, IEnumerable<string>? addresses = null, TimeSpan? lifetime = null, CertificateRole role = CertificateRole.Core)
    {
        if (role is not (CertificateRole.Core or CertificateRole.Worker))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "A silo certificate is for a core or a worker silo.");
        }

        return Issue(
            name, role, [ClusterCertificates.ServerAuthenticationOid, ClusterCertificates.ClientAuthenticationOid],
            addresses ?? ["localhost", "127.0.0.1"], lifetime);
    }

    /// <summary>Issues an operator's client certificate (for the operator's CLI or SDK; creators get API keys instead).</summary>
    /// <param name="name">The client's common name.</param>
    /// <param name="lifetime">How long it is valid; 90 days when null.</param>
    /// <returns>The certificate with its private key.</returns>
    public X509Certificate2 IssueClient(string name, TimeSpan? lifetime = null) =>
        Issue(name, CertificateRole.Operator, [ClusterCertificates.ClientAuthenticationOid], [], lifetime);

    /// <summary>Writes a certificate as PEM, and its private key as PKCS#8 PEM when a key path is given.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="certificatePath">The certificate file.</param>
    /// <param name="keyPath">The key file, readable by its owner only; null to write no key.</param>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string? keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        if (keyPath is not null)
        {
            using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException(
                "The certificate has no ECDSA private key.");
            WriteSecret(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        }
    }

    /// <summary>Writes a certificate with its key as a PKCS#12 file, readable by its owner only.</summary>
    /// <param name="certificate">The certificate with its private key.</param>
    /// <param name="path">The <c>.pfx</c> file.</param>
    /// <param name="password">The file's password; null for none.</param>
    public static void WritePfx(X509Certificate2 certificate, string path, string? password)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        File.WriteAllBytes(path, []);
        RestrictToOwner(path);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
    }

    /// <inheritdoc/>
    public void Dispose() => Certificate.Dispose();

    private X509Certificate2 Issue(
        string name, CertificateRole role, string[] usages, IEnumerable<string> addresses, TimeSpan? lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        subject.AddOrganizationalUnitName(ClusterCertificates.UnitOf(role));
        subject.AddOrganizationName("Pictor.Grid");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        var ekus = new OidCollection();
        foreach (string usage in usages)
        {
            ekus.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(ekus, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var names = new SubjectAlternativeNameBuilder();
        bool any = false;
        foreach (string address in addresses)
        {
            if (IPAddress.TryParse(address, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(address);
            }

            any = true;
        }

        if (any)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        var now = DateTimeOffset.UtcNow;
        var notAfter = now + (lifetime ?? TimeSpan.FromDays(90));
        if (notAfter > Certificate.NotAfter)
        {
            notAfter = Certificate.NotAfter;
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, now.AddMinutes(-5), notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    // A PKCS#12 round trip turns an ephemeral key into one SslStream and Kestrel can use everywhere.
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);

    private static void WriteSecret(string path, string text)
    {
        File.WriteAllText(path, string.Empty);
        RestrictToOwner(path);
        File.WriteAllText(path, text);
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
