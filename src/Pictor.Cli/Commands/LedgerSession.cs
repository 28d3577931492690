using Microsoft.Extensions.Configuration;
using Pictor.Cli.Sessions;
using Pictor.Client.Cluster;
using Pictor.Contracts.Silos;

namespace Pictor.Cli.Commands;

/// <summary>Opens the grid session the ledger verbs read from.</summary>
/// <remarks>
/// A client of a cluster when one is given (<c>--cluster</c>); else the embedded grid's data directory, with no devices
/// and no dashboard.
/// </remarks>
internal static class LedgerSession
{
    public static async Task<IGridSession> OpenAsync(
        string? dataDirectory, bool verbose, IConfiguration configuration, CancellationToken cancellationToken,
        ClusterConnectionOptions? cluster = null)
    {
        if (cluster is not null)
        {
            return await ClusterGridSession.ConnectAsync(cluster, configuration, verbose, cancellationToken);
        }

        var options = CliConfiguration.SiloOptions(configuration);
        options.DataDirectory = dataDirectory ?? options.DataDirectory;
        options.Dashboard = false;
        options.SiloPort = FreePorts.Resolve(0);
        options.GatewayPort = FreePorts.Resolve(0);

        // Reading the ledger must not register this host's devices as workers.
        options.Role = SiloRole.Core;
        return await EmbeddedGridSession.StartAsync(options, configuration, verbose, cancellationToken);
    }
}
