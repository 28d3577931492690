using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Silo.Hosting;

/// <summary>An embedded grid for one bench series: its own data directory and ports, removed when disposed.</summary>
internal sealed class BenchGrid : IAsyncDisposable
{
    private readonly EmbeddedGrid _grid;
    private readonly string _data;

    private BenchGrid(EmbeddedGrid grid, string data)
    {
        _grid = grid;
        _data = data;
        Client = new PictorClient(grid.Client);
    }

    /// <summary>The SDK over the grid's client.</summary>
    public PictorClient Client { get; }

    /// <summary>Starts a one-silo grid on <paramref name="devices"/> with <paramref name="settings"/> over the defaults.</summary>
    /// <param name="devices">The silo's devices, e.g. <c>cpu:2</c>.</param>
    /// <param name="settings">Configuration keys (<c>Grid:…</c>, <c>Ledger:…</c>) and their values.</param>
    /// <returns>The running grid.</returns>
    public static async Task<BenchGrid> StartAsync(string devices, IReadOnlyDictionary<string, string?> settings)
    {
        string data = Path.Combine(Path.GetTempPath(), $"pictor-bench-{Guid.NewGuid():N}");
        var options = new SiloHostOptions
        {
            DataDirectory = data,
            Devices = devices,
            WorkerHost = "bench",
            Dashboard = false,
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
        };
        var all = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var grid = await EmbeddedGrid.StartAsync(options, configuration, logging => logging.SetMinimumLevel(LogLevel.Warning));
        return new BenchGrid(grid, data);
    }

    /// <summary>Submits a job and waits until it completes.</summary>
    /// <param name="spec">The job.</param>
    /// <returns>The job's id, once it completed.</returns>
    /// <exception cref="InvalidOperationException">The job ended other than completed.</exception>
    public async Task<string> RunJobAsync(RenderJobSpec spec)
    {
        string id = JobIds.New();
        await Client.SubmitAsync(id, spec);
        var status = await Client.WaitAsync(id, TimeSpan.FromMilliseconds(20), CancellationToken.None);
        if (status.Phase != JobPhase.Completed)
        {
            throw new InvalidOperationException($"job {id} ended {status.Phase}: {status.Error}");
        }

        return id;
    }

    /// <summary>The <c>--set Section:Key=Value</c> pairs of the command line.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>Each key with its value.</returns>
    public static Dictionary<string, string?> SetArguments(string[] args)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int at = Array.IndexOf(args, "--set"); at >= 0 && at + 1 < args.Length; at = Array.IndexOf(args, "--set", at + 1))
        {
            string[] pair = args[at + 1].Split('=', 2);
            settings[pair[0]] = pair.Length > 1 ? pair[1] : string.Empty;
        }

        return settings;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _grid.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
