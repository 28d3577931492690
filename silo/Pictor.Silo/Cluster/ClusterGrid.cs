using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Configuration;
using Orleans.Dashboard;
using Pictor.Cluster.Security;
using Pictor.Contracts.Silos;
using Pictor.Silo.Hosting;
using Pictor.Silo.Storage;

namespace Pictor.Silo.Cluster;

/// <summary>One silo of a Pictor.Grid cluster in this process: PostgreSQL membership, storage and reminders, mutual TLS.</summary>
/// <remarks>
/// Like <see cref="EmbeddedGrid"/>, but the silo joins the cluster recorded in <see cref="SiloHostOptions.Cluster"/>:
/// it applies the schema (idempotent, under an advisory lock), advertises <see cref="SiloHostOptions.AdvertisedAddress"/>,
/// publishes its <see cref="SiloHostOptions.Role"/>, and opens a client gateway unless it is a worker silo. The
/// dashboard runs only when credentials are configured, behind HTTP Basic authentication, over HTTPS with the
/// silo's certificate when TLS is on.
/// </remarks>
public sealed class ClusterGrid : IAsyncDisposable
{
    private readonly IHost _host;
    private Task? _stop;

    private ClusterGrid(IHost host, SiloHostOptions options, Uri? dashboard)
    {
        _host = host;
        Options = options;
        DashboardUrl = dashboard;
    }

    /// <summary>The options the silo runs with.</summary>
    public SiloHostOptions Options { get; }

    /// <summary>The silo's own client (calls made through it start on this silo).</summary>
    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>This silo's address in the cluster.</summary>
    public SiloAddress SiloAddress => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The dashboard's address, null when it is off.</summary>
    public Uri? DashboardUrl { get; }

    /// <summary>Cancelled when the host begins to stop, e.g. on SIGINT or SIGTERM.</summary>
    public CancellationToken Stopping => _host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Applies the schema, then builds and starts the silo.</summary>
    /// <param name="options">Host options; <see cref="SiloHostOptions.Cluster"/> must be set.</param>
    /// <param name="configuration">Extra configuration (<c>Grid</c>, <c>Orleans:Membership</c>, logging); may be null.</param>
    /// <param name="configureLogging">Adjusts logging, e.g. to keep the console quiet.</param>
    /// <param name="configureSilo">Adds services before the grid's own, e.g. a device pool of the host's making; may be null.</param>
    /// <param name="cancellationToken">Aborts the start.</param>
    /// <returns>The running silo.</returns>
    /// <exception cref="ArgumentException">The options cannot run a cluster silo; the message lists why.</exception>
    public static async Task<ClusterGrid> StartAsync(
        SiloHostOptions options, IConfiguration? configuration = null, Action<ILoggingBuilder>? configureLogging = null,
        Action<ISiloBuilder>? configureSilo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsCluster)
        {
            throw new ArgumentException("No cluster connection string (Silo:Cluster / --cluster) is set.", nameof(options));
        }

        var problems = options.ClusterProblems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Cannot start a cluster silo: " + string.Join("; ", problems) + ".", nameof(options));
        }

        await PostgresSchema.EnsureAsync(options.Cluster, cancellationToken);
        bool dashboard = options.Dashboard && options.HasDashboardCredentials;
        IHost host;
        if (dashboard)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            Configure(builder.Configuration, builder.Logging, configuration, configureLogging);
            ListenForDashboard(builder.WebHost, options);
            builder.UseOrleans(silo => ConfigureSilo(silo, options, configuration, configureSilo, dashboard: true));
            var app = builder.Build();
            app.Use(new DashboardBasicAuthentication(options.DashboardUser, options.DashboardPassword).InvokeAsync);
            app.MapOrleansDashboard(routePrefix: "/dashboard");
            host = app;
        }
        else
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
            Configure(builder.Configuration, builder.Logging, configuration, configureLogging);
            builder.UseOrleans(silo => ConfigureSilo(silo, options, configuration, configureSilo, dashboard: false));
            host = builder.Build();
        }

        if (options.Dashboard && !dashboard)
        {
            host.Services.GetRequiredService<ILogger<ClusterGrid>>().LogWarning(
                "The dashboard is off: in cluster mode it needs Silo:DashboardUser and Silo:DashboardPassword, because it " +
                    "shows grain state");
        }

        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        Uri? url = null;
        if (dashboard)
        {
            string address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            url = new Uri(new Uri(address), "dashboard/");
        }

        return new ClusterGrid(host, options, url);
    }

    /// <summary>Waits until the host has stopped (after SIGINT/SIGTERM or <see cref="StopAsync"/>).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the host has stopped.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _host.WaitForShutdownAsync(cancellationToken);

    /// <summary>Leaves the cluster gracefully: the silo marks itself dead in membership and hands its grains off.</summary>
    /// <param name="cancellationToken">Makes the stop ungraceful.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_host)
        {
            return _stop ??= _host.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static void ConfigureSilo(
        ISiloBuilder silo, SiloHostOptions options, IConfiguration? configuration, Action<ISiloBuilder>? configureSilo, bool dashboard)
    {
        var advertised = IPAddress.Parse(options.AdvertisedAddress);
        var listen = string.IsNullOrWhiteSpace(options.ListenAddress) ? advertised : IPAddress.Parse(options.ListenAddress);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresSchema.Invariant;
            o.ConnectionString = options.Cluster;
        });
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = $"{options.WorkerHost}-{SiloRoleNames.Format(options.Role)}-{options.SiloPort}");
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = advertised;
            o.SiloPort = options.SiloPort;
            o.SiloListeningEndpoint = new IPEndPoint(listen, options.SiloPort);

            // Worker silos take no client connections: clients talk to core silos only.
            o.GatewayPort = options.Role == SiloRole.Worker ? 0 : options.GatewayPort;
            o.GatewayListeningEndpoint = o.GatewayPort == 0 ? null : new IPEndPoint(listen, o.GatewayPort);
        });
        if (configuration is not null)
        {
            silo.Services.AddOptions<ClusterMembershipOptions>().Bind(configuration.GetSection("Orleans:Membership"));
        }

        configureSilo?.Invoke(silo);
        silo.AddPictorGrid(options, configuration);
        if (!options.Tls.Insecure)
        {
            silo.UsePictorClusterTls(options.Tls, options.Role);
        }

        if (dashboard)
        {
            silo.AddDashboard();
        }
    }

    private static void ListenForDashboard(IWebHostBuilder web, SiloHostOptions options)
    {
        var address = IPAddress.Parse(options.DashboardAddress);
        if (options.Tls.Insecure)
        {
            web.ConfigureKestrel(k => k.Listen(address, options.DashboardPort));
            return;
        }

        // Basic credentials must not cross the network in clear text: serve the dashboard with the silo's certificate.
        var certificate = ClusterCertificates.LoadLocal(options.Tls);
        web.UseKestrelHttpsConfiguration();
        web.ConfigureKestrel(k => k.Listen(address, options.DashboardPort, listen => listen.UseHttps(certificate)));
    }

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
