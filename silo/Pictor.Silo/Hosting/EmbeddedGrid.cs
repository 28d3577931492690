using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Dashboard;
using Pictor.Grains;

namespace Pictor.Silo.Hosting;

/// <summary>A one-silo grid in this process: localhost clustering, SQLite storage, memory streams, dashboard on 127.0.0.1.</summary>
public sealed class EmbeddedGrid : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedGrid(IHost host, Uri? dashboard)
    {
        _host = host;
        DashboardUrl = dashboard;
    }

    /// <summary>The client of the in-process silo.</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The dashboard's address, null when it is off.</summary>
    public Uri? DashboardUrl { get; }

    /// <summary>Cancelled when the host begins to stop, e.g. on SIGINT or SIGTERM.</summary>
    public CancellationToken Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Builds and starts the embedded grid.</summary>
    /// <param name="options">Host options.</param>
    /// <param name="configuration">Extra configuration (the <c>Grid</c> section, logging); may be null.</param>
    /// <param name="configureLogging">Adjusts logging, e.g. to keep the console quiet.</param>
    /// <param name="cancellationToken">Aborts the start.</param>
    /// <returns>The running grid.</returns>
    public static async Task<EmbeddedGrid> StartAsync(
        SiloHostOptions options, IConfiguration? configuration = null, Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        void ConfigureSilo(ISiloBuilder silo)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddPictorGrid(options, configuration);
            AnchorOwnDevices(silo, options);
            if (options.Dashboard)
            {
                silo.AddDashboard();
            }
        }

        IHost host;
        if (options.Dashboard)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            Configure(builder.Configuration, builder.Logging, configuration, configureLogging);
            builder.WebHost.UseUrls($"http://127.0.0.1:{options.DashboardPort}");
            builder.UseOrleans(ConfigureSilo);
            var app = builder.Build();
            app.MapOrleansDashboard(routePrefix: "/dashboard");
            host = app;
        }
        else
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            Configure(builder.Configuration, builder.Logging, configuration, configureLogging);
            builder.UseOrleans(ConfigureSilo);
            host = builder.Build();
        }

        await host.StartAsync(cancellationToken);
        Uri? dashboard = null;
        if (options.Dashboard)
        {
            string address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            dashboard = new Uri(new Uri(address), "dashboard/");
        }

        return new EmbeddedGrid(host, dashboard);
    }

    /// <summary>Stops the silo gracefully.</summary>
    /// <param name="cancellationToken">Makes the stop ungraceful.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    /// <summary>
    /// The embedded grid is one process of the operator's, core and devices alike: its own devices are trust anchors
    /// (their renders are final without a check) unless <c>Grid:Verification:EmbeddedDevicesAreAnchors</c> is false.
    /// </summary>
    /// <remarks>
    /// Named by host (<c>{WorkerHost}/*</c>) in the core's own configuration, as an operator would name them; only
    /// processes on this machine can join a localhost-clustered grid.
    /// </remarks>
    private static void AnchorOwnDevices(ISiloBuilder silo, SiloHostOptions options) =>
        silo.Services.PostConfigure<GridOptions>(grid =>
        {
            string own = $"{options.WorkerHost}/*";
            if (grid.Verification.EmbeddedDevicesAreAnchors && options.HasDevices && !grid.Verification.Anchors.Contains(own))
            {
                grid.Verification.Anchors.Add(own);
            }
        });

    private static void Configure(
        ConfigurationManager target, ILoggingBuilder logging, IConfiguration? extra, Action<ILoggingBuilder>? configureLogging)
    {
        if (extra is not null)
        {
            target.AddConfiguration(extra);
        }

        configureLogging?.Invoke(logging);
    }
}
