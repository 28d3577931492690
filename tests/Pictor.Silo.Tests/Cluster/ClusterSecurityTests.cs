using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pictor.Client.Cluster;
using Pictor.Cluster.Security;
using Pictor.Contracts.Silos;
using Pictor.Contracts.Workers;

namespace Pictor.Silo.Tests.Cluster;

[Collection(PostgresCollection.Name)]
public sealed class ClusterSecurityTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Refusal = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Client_WithCertificateFromAnotherCa_IsRefused()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        await using var silo = await ClusterTestBed.StartAsync(bed.Silo(SiloRole.Core));
        var stranger = Stranger(bed, silo: false);

        var options = bed.Client(stranger);
        options.ConnectTimeout = TimeSpan.FromSeconds(3);
        await Assert.ThrowsAsync<TimeoutException>(() => ClusterConnection.ConnectAsync(options, ClusterTestBed.Quiet));

        // The cluster's own client certificate gets in.
        await using var member = await ClusterConnection.ConnectAsync(bed.Client(), ClusterTestBed.Quiet);
        Assert.Empty(await member.Sdk.GetWorkersAsync());
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Silo_WithCertificateFromAnotherCa_CannotJoin()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        await using var member = await ClusterTestBed.StartAsync(bed.Silo(SiloRole.Core));
        var options = bed.Silo(SiloRole.All, host: "intruder");
        options.Tls = Stranger(bed, silo: true);

        using var deadline = new CancellationTokenSource(Refusal);
        var refused = await Record.ExceptionAsync(async () =>
        {
            await using var intruder = await ClusterTestBed.StartAsync(options, FailFastJoin, cancellationToken: deadline.Token);
        });
        Assert.NotNull(refused);

        // Nothing of the intruder took part: the member still serves, and no worker of it was registered.
        await using var client = await ClusterConnection.ConnectAsync(bed.Client(), ClusterTestBed.Quiet);
        Assert.DoesNotContain(
            await client.Sdk.GetWorkersAsync(), w => w.Registration.WorkerId.StartsWith("intruder/", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Silo_WithClientCertificate_IsRefusedBeforeJoining()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        var options = bed.Silo(SiloRole.All, host: "impostor");
        options.Tls = bed.ClientTls;
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterTestBed.StartAsync(options));
        Assert.Contains("not a silo certificate", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Dashboard_InClusterMode_NeedsItsCredentialsOverHttps()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        var options = bed.Silo(SiloRole.Core);
        options.Dashboard = true;
        options.DashboardUser = "operator";
        options.DashboardPassword = "correct horse";
        await using var silo = await ClusterTestBed.StartAsync(options);
        Assert.NotNull(silo.DashboardUrl);
        Assert.Equal("https", silo.DashboardUrl.Scheme);

        using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(bed.CaPath);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
                certificate is not null && ClusterCertificates.IsIssuedBy(certificate, chain, ca),
        };
        using var http = new HttpClient(handler);
        using (var anonymous = await http.GetAsync(silo.DashboardUrl))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, silo.DashboardUrl))
        {
            wrong.Headers.Authorization = Basic("operator", "wrong");
            using var response = await http.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var right = new HttpRequestMessage(HttpMethod.Get, silo.DashboardUrl);
        right.Headers.Authorization = Basic("operator", "correct horse");
        using var page = await http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Dashboard_InClusterModeWithoutCredentials_IsOff()
    {
        using var bed = await ClusterTestBed.CreateAsync(postgres);
        var options = bed.Silo(SiloRole.Core);
        options.Dashboard = true;
        await using var silo = await ClusterTestBed.StartAsync(options);
        Assert.Null(silo.DashboardUrl);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", true)]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", true)]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", true)]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", false)]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", false)]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", false)]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", false)]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", false)]
    [InlineData("", false)]
    public void WalletChecksum_AcceptsOnlyEip55Spelling(string wallet, bool valid) =>
        Assert.Equal(valid, WalletChecksum.IsChecksummed(wallet));

    [Fact]
    [Trait("Suite", "fast")]
    public void ClusterProblems_WorkerWithoutChecksummedWalletOrTls_AreListed()
    {
        var options = new Hosting.SiloHostOptions
        {
            Cluster = "Host=x",
            Role = SiloRole.Worker,
            Wallet = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        };
        var problems = options.ClusterProblems();
        Assert.Equal(2, problems.Count);
        Assert.Contains("did you mean 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", problems[0], StringComparison.Ordinal);
        Assert.Contains("mutual TLS", problems[1], StringComparison.Ordinal);
        Assert.Empty(
            new Hosting.SiloHostOptions
            {
                Cluster = "Host=x",
                Role = SiloRole.Core,
                Tls = new ClusterTlsOptions { Insecure = true },
            }.ClusterProblems());
        Assert.Empty(new Hosting.SiloHostOptions().ClusterProblems());
    }

    /// <summary>A certificate from a CA the cluster does not know, written beside the bed's files.</summary>
    private static ClusterTlsOptions Stranger(ClusterTestBed bed, bool silo)
    {
        using var foreignCa = DevCertificateAuthority.Create("someone else's CA");
        using var certificate = silo ? foreignCa.IssueSilo("stranger silo") : foreignCa.IssueClient("stranger client");
        string stem = Path.Combine(bed.Directory, silo ? "stranger-silo" : "stranger-client");
        DevCertificateAuthority.WritePem(certificate, stem + ".crt", stem + ".key");
        DevCertificateAuthority.WritePem(foreignCa.Certificate, stem + "-ca.crt", null);

        // A client stranger even trusts the cluster's CA: what it lacks is a certificate the cluster trusts. A silo
        // stranger trusts its own CA (a silo refuses to start with a certificate its CA did not issue).
        return new ClusterTlsOptions
        {
            Certificate = stem + ".crt",
            Key = stem + ".key",
            CaCertificate = silo ? stem + "-ca.crt" : bed.CaPath,
        };
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>A joining silo that cannot reach the members gives up after a few seconds instead of five minutes.</summary>
    private static readonly Dictionary<string, string?> FailFastJoin = new()
    {
        ["Orleans:Membership:MaxJoinAttemptTime"] = "00:00:05",
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
    };
}
