using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Pictor.Silo.Hosting;

namespace Pictor.Cli.Sessions;

/// <summary>A one-silo grid started in this process for the command's lifetime.</summary>
internal sealed class EmbeddedGridSession : IGridSession
{
    private readonly EmbeddedGrid _grid;

    private EmbeddedGridSession(EmbeddedGrid grid, string description)
    {
        _grid = grid;
        Description = description;
    }

    public IClusterClient Client => _grid.Client;

    public CancellationToken Stopping => _grid.Stopping;

    public Uri? DashboardUrl => _grid.DashboardUrl;

    public string Description { get; }

    public static async Task<IGridSession> StartAsync(
        SiloHostOptions options, IConfiguration configuration, bool verbose, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var grid = await EmbeddedGrid.StartAsync(
            options, configuration, CliConfiguration.Logging(verbose, configuration), cancellationToken);
        return new EmbeddedGridSession(grid, $"embedded silo up in {watch.Elapsed.TotalSeconds:F2} s, data in " +
            $"{Path.GetFullPath(options.DataDirectory)}");
    }

    public ValueTask DisposeAsync() => _grid.DisposeAsync();
}
