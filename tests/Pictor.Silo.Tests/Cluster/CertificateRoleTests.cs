using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Pictor.Client.Cluster;
using Pictor.Cluster.Security;
using Pictor.Contracts.Silos;

namespace Pictor.Silo.Tests.Cluster;

/// <summary>
/// Certificates carry roles (core silo, worker silo, operator client) and every link checks them: a worker's silo
/// certificate opens no Orleans client connection and runs no core silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CertificateRoleTests(PostgresFixture postgres)
{
    [Fact]
    [Trait("Suite", "fast")]
    public void PictorCerts_IssueEachRoleItsOwnUnit()
    {
        using var ca = DevCertificateAuthority.Create("roles CA");
        using var core = ca.IssueSilo("core");
        using var worker = ca.IssueSilo("worker", role: CertificateRole.Worker);
        using var client = ca.IssueClient("operator");

        Assert.Equal(CertificateRole.Core, ClusterCertificates.RoleOf(core));
        Assert.Equal(CertificateRole.Worker, ClusterCertificates.RoleOf(worker));
        Assert.Equal(CertificateRole.Operator, ClusterCertificates.RoleOf(client));
        Assert.Equal(CertificateRole.None, ClusterCertificates.RoleOf(ca.Certificate));
        Assert.Throws<ArgumentOutOfRangeException>(() => ca.IssueSilo("silo as operator", role: CertificateRole.Operator));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WorkerCertificate_RunsAWorkerSilo_ButNoCoreSilo()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        var core = bed.Silo(SiloRole.Core);
        core.Tls = bed.WorkerTls;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterTestBed.StartAsync(core));

        Assert.Contains("is a worker certificate; a core silo needs a core silo certificate", refused.Message, StringComparison.Ordinal);
        await using var member = await ClusterTestBed.StartAsync(bed.Silo(SiloRole.Core));
        var worker = bed.Silo(SiloRole.Worker, host: "worker-cert");
        worker.Tls = bed.WorkerTls;
        await using var workerSilo = await ClusterTestBed.StartAsync(worker);
        await using var client = await ClusterConnection.ConnectAsync(bed.Client(), ClusterTestBed.Quiet);
        var workers = await Testing.Eventually.WaitAsync(
            () => client.Sdk.GetWorkersAsync(), w => w.Any(x => x.Registration.WorkerId.StartsWith("worker-cert/", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the worker silo's slot registered");
        Assert.Contains(workers, w => w.Registration.WorkerId == "worker-cert/cpu-0");
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task WorkerCertificate_OpensNoClientConnection()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        await using var member = await ClusterTestBed.StartAsync(bed.Silo(SiloRole.Core));

        // The SDK says why before trying; an Orleans client that does not check is refused by the gateway's TLS.
        var sdk = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ClusterConnection.ConnectAsync(bed.Client(bed.WorkerTls), ClusterTestBed.Quiet));
        Assert.Contains("not an operator's client certificate", sdk.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectRawAsync(bed, bed.WorkerTls));

        // The same raw client with the operator's certificate gets in: the refusal is the certificate's role.
        using var admitted = await ConnectRawAsync(bed, bed.ClientTls);
        Assert.NotNull(admitted.Services.GetRequiredService<IClusterClient>());
    }

    /// <summary>An Orleans client that presents <paramref name="tls"/>'s certificate and trusts any silo.</summary>
    private static async Task<IHost> ConnectRawAsync(ClusterTestBed bed, ClusterTlsOptions tls)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ClusterTestBed.Quiet(builder.Logging);
        var certificate = ClusterCertificates.LoadLocal(tls);
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterConnectionOptions.Invariant;
                o.ConnectionString = bed.ConnectionString;
            });
            var defaults = new ClusterConnectionOptions();
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (defaults.ClusterId, defaults.ServiceId));
            client.UseTls(certificate, o =>
            {
                o.HandshakeTimeout = TimeSpan.FromSeconds(3);
                o.RemoteCertificateValidation = (_, _, _) => true;
            });
        });
        var host = builder.Build();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        try
        {
            await host.StartAsync(deadline.Token);
            await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts().WaitAsync(deadline.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
