using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pictor.Client.Cluster;

/// <summary>A connected client of a Pictor.Grid cluster, owning its host; dispose it to disconnect.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    /// <summary>The Orleans client.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The SDK over <see cref="Client"/>.</summary>
    public PictorClient Sdk => new(Client);

    /// <summary>Connects to a gateway of the cluster.</summary>
    /// <param name="options">Database, ids and TLS files.</param>
    /// <param name="configureLogging">Adjusts logging; null keeps the host's defaults.</param>
    /// <param name="cancellationToken">Aborts the connection attempt.</param>
    /// <returns>The connection.</returns>
    /// <remarks>Fails when no gateway accepts the client, e.g. when its certificate is not from the cluster's CA.</remarks>
    public static async Task<ClusterConnection> ConnectAsync(ClusterConnectionOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        configureLogging?.Invoke(builder.Logging);
        builder.UseOrleansClient(client => client.UsePictorCluster(options));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterConnection(host);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
