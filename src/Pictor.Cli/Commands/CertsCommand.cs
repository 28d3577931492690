using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Pictor.Cluster.Security;

namespace Pictor.Cli.Commands;

/// <summary>
/// <c>pictor certs --out DIR</c>: a development CA with a core silo, a worker silo and an operator client certificate
/// for mutual TLS; each certificate's role is its subject's <c>OU</c>, checked on every link.
/// </summary>
internal static class CertsCommand
{
    public static Command Create(CliConsole console)
    {
        var outDir = new Option<string>("--out") { Description = "Directory for the files.", Required = true };
        var silo = new Option<string>("--silo-name")
        {
            Description = "Common name of the silo certificate.",
            DefaultValueFactory = _ => "pictor-silo",
        };
        var hosts = new Option<string>("--hosts")
        {
            Description = "Comma-separated host names and IPs listed in the silo certificate.",
            DefaultValueFactory = _ => "localhost,127.0.0.1",
        };
        var worker = new Option<string>("--worker-name")
        {
            Description = "Common name of the worker silo certificate.",
            DefaultValueFactory = _ => "pictor-worker",
        };
        var client = new Option<string>("--client-name")
        {
            Description = "Common name of the client certificate.",
            DefaultValueFactory = _ => "pictor-client",
        };
        var caCert = new Option<string?>("--ca-cert")
        {
            Description = "Issue from this existing CA (PEM) instead of making a new one; needs --ca-key.",
        };
        var caKey = new Option<string?>("--ca-key") { Description = "PEM private key of --ca-cert." };
        var password = new Option<string?>("--pfx-password") { Description = "Password of the .pfx files (default: none)." };
        var command = new Command(
            "certs", "Make a development CA and core silo, worker silo and operator client certificates (ECDSA P-256) for mutual TLS.")
        {
            outDir, silo, hosts, worker, client, caCert, caKey, password,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string dir = Path.GetFullPath(parse.GetValue(outDir)!);
            string? existingCert = parse.GetValue(caCert);
            string? existingKey = parse.GetValue(caKey);
            if ((existingCert is null) != (existingKey is null))
            {
                await console.Error.WriteLineAsync("error: --ca-cert and --ca-key go together");
                return ExitCodes.BadInput;
            }

            Directory.CreateDirectory(dir);
            using var ca = existingCert is null
                ? DevCertificateAuthority.Create()
                : DevCertificateAuthority.Load(existingCert, existingKey!);
            var written = new List<string>();
            if (existingCert is null)
            {
                DevCertificateAuthority.WritePem(ca.Certificate, Path.Combine(dir, "ca.crt"), Path.Combine(dir, "ca.key"));
                written.Add("ca.crt (give to every silo and client)");
                written.Add("ca.key (keep offline: it admits anyone to the cluster)");
            }
            else
            {
                File.Copy(existingCert, Path.Combine(dir, "ca.crt"), overwrite: true);
                written.Add("ca.crt (copied)");
            }

            string? pfxPassword = parse.GetValue(password);
            string[] siloHosts = parse.GetValue(hosts)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            using (var siloCertificate = ca.IssueSilo(parse.GetValue(silo)!, siloHosts))
            {
                Write(siloCertificate, dir, "silo", pfxPassword, written);
            }

            using (var workerCertificate = ca.IssueSilo(parse.GetValue(worker)!, siloHosts, role: CertificateRole.Worker))
            {
                Write(workerCertificate, dir, "worker", pfxPassword, written);
            }

            using (var clientCertificate = ca.IssueClient(parse.GetValue(client)!))
            {
                Write(clientCertificate, dir, "client", pfxPassword, written);
            }

            await console.Out.WriteLineAsync($"certs: wrote to {dir}:");
            foreach (string file in written)
            {
                await console.Out.WriteLineAsync($"  {file}");
            }

            await console.Out.WriteLineAsync("silo:   --cert silo.crt --key silo.key --ca ca.crt   (or PICTOR_Silo__Tls__Certificate, " +
                "__Key, __CaCertificate)");
            await console.Out.WriteLineAsync("worker: --cert worker.crt --key worker.key --ca ca.crt (a worker silo only: " +
                "--role worker)");
            await console.Out.WriteLineAsync("client: --cert client.crt --key client.key --ca ca.crt (or " +
                "PICTOR_Client__Tls__Certificate, __Key, __CaCertificate)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(X509Certificate2 certificate, string dir, string stem, string? password, List<string> written)
    {
        DevCertificateAuthority.WritePem(certificate, Path.Combine(dir, stem + ".crt"), Path.Combine(dir, stem + ".key"));
        DevCertificateAuthority.WritePfx(certificate, Path.Combine(dir, stem + ".pfx"), password);
        written.Add($"{stem}.crt, {stem}.key, {stem}.pfx ({certificate.Subject}, until {certificate.NotAfter:yyyy-MM-dd})");
    }
}
