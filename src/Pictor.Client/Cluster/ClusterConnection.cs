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
    /// <exception cref="TimeoutException">
    /// No gateway accepted the client within <see cref="ClusterConnectionOptions.ConnectTimeout"/>, e.g. because its
    /// certificate is not from the cluster's CA.
    /// </exception>
    public static async Task<ClusterConnection> ConnectAsync(
        ClusterConnectionOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        configureLogging?.Invoke(builder.Logging);
        builder.UseOrleansClient(client => client.UsePictorCluster(options));
        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await host.StartAsync(timeout.Token).ConfigureAwait(false);
            await ClusterManifestWait.UntilResolvableAsync(
                host.Services.GetRequiredService<IClusterClient>(), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new TimeoutException($"No gateway of cluster '{options.ClusterId}' accepted this client within " +
                $"{options.ConnectTimeout.TotalSeconds:F0} s. Are core silos running, and is the client certificate issued by " +
                $"the cluster's CA?");
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
