using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pictor.Silo.Hosting;

namespace Pictor.Grains.Tests;

/// <summary>One silo on a SQLite file, for ledger tests that need their own settings, fault hooks, or a restart on the same data.</summary>
internal sealed class LedgerTestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private LedgerTestSilo(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public IServiceProvider Services => _host.Services;

    public static async Task<LedgerTestSilo> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new SiloHostOptions
        {
            DataDirectory = dataDirectory,
            Devices = "cpu:1",
            WorkerHost = "ledger-test",
            Dashboard = false,
            ServiceId = "ledger-tests",
            ClusterId = "ledger-tests",
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("PICTOR_TEST_LOGS") == "1")
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Pictor", LogLevel.Information).SetMinimumLevel(LogLevel.Warning);
        }
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddPictorGrid(options, configuration);
            services?.Invoke(silo.Services);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new LedgerTestSilo(host);
    }

    /// <summary>Stops the silo without letting grains finish: what a crash leaves behind, short of killing the process.</summary>
    public async Task KillAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await _host.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
            // An ungraceful stop is what was asked for.
        }

        _stopped = true;
        _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _host.StopAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A stop that overran its deadline still ends the host.
        }

        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
