using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Pictor.Client.Cluster;

namespace Pictor.Cli.Sessions;

/// <summary>A client of a running cluster: gateways found in its PostgreSQL membership table, mutual TLS, memory streams.</summary>
internal sealed class ClusterGridSession : IGridSession
{
    private readonly ClusterConnection _connection;

    private ClusterGridSession(ClusterConnection connection, string description)
    {
        _connection = connection;
        Description = description;
    }

    public IClusterClient Client => _connection.Client;

    /// <summary>Never cancelled: a client session ends when the command ends (Ctrl+C cancels the command itself).</summary>
    public CancellationToken Stopping => CancellationToken.None;

    public Uri? DashboardUrl => null;

    public string Description { get; }

    public static async Task<IGridSession> ConnectAsync(
        ClusterConnectionOptions options, IConfiguration configuration, bool verbose, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var connection = await ClusterConnection.ConnectAsync(options, CliConfiguration.Logging(verbose, configuration), cancellationToken);
        var database = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        return new ClusterGridSession(connection, $"cluster '{options.ClusterId}' (database {database.Database} on " +
            $"{database.Host}:{database.Port}), connected in {watch.Elapsed.TotalSeconds:F2} s");
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
