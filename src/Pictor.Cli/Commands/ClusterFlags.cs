using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Pictor.Client.Cluster;

namespace Pictor.Cli.Commands;

/// <summary>The flags that point a client verb at a cluster, applied over the <c>Client</c> configuration section.</summary>
/// <remarks>
/// Configuration: <c>Client:ConnectionString</c>, <c>Client:ClusterId</c>, <c>Client:ServiceId</c>,
/// <c>Client:Tls:Certificate</c>, <c>Client:Tls:Key</c>, <c>Client:Tls:CaCertificate</c> (or <c>PICTOR_Client__…</c>).
/// A verb runs on a cluster when <c>--cluster</c> or <c>Client:ConnectionString</c> is set, else on the embedded grid.
/// </remarks>
internal sealed class ClusterFlags
{
    public const string Section = "Client";

    public Option<string?> Cluster { get; } = new("--cluster")
    {
        Description = "Npgsql connection string of a cluster's database: run against that cluster instead of an embedded grid.",
    };

    public Option<string?> Certificate { get; } = new("--cert")
    {
        Description = "Client certificate for mutual TLS (.pfx, or PEM with --key).",
    };

    public Option<string?> Key { get; } = new("--key") { Description = "PEM private key of --cert." };

    public Option<string?> Ca { get; } = new("--ca") { Description = "PEM certificate of the cluster's CA." };

    public void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(Certificate);
        command.Options.Add(Key);
        command.Options.Add(Ca);
    }

    /// <summary>The connection to use, or null for the embedded grid.</summary>
    public ClusterConnectionOptions? Resolve(ParseResult parse, IConfiguration configuration)
    {
        var options = new ClusterConnectionOptions();
        configuration.GetSection(Section).Bind(options);
        options.ConnectionString = parse.GetValue(Cluster) ?? options.ConnectionString;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return null;
        }

        options.Tls.Certificate = parse.GetValue(Certificate) ?? options.Tls.Certificate;
        options.Tls.Key = parse.GetValue(Key) ?? options.Tls.Key;
        options.Tls.CaCertificate = parse.GetValue(Ca) ?? options.Tls.CaCertificate;
        return options;
    }
}
