using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Silo.Hosting;

// Grid efficiency: the same frame rendered directly on one device (all cores) and through the embedded grid
// (one CPU slot per core, tiles placed, rendered, stored, credited and assembled). Prints the ratio per tile size.
// Usage: dotnet run -c Release --project bench/Pictor.Bench.Grid -- [--size 512] [--spp 64] [--tiles 32,64,128] [--runs 3]
var arguments = ParseArguments(args);
int size = arguments.GetValueOrDefault("size", 512);
int spp = arguments.GetValueOrDefault("spp", 64);
int runs = arguments.GetValueOrDefault("runs", 3);
var tiles = (args.SkipWhile(a => a != "--tiles").Skip(1).FirstOrDefault() ?? "32,64,128").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
int cores = Environment.ProcessorCount;
long samples = (long)size * size * spp;

using var device = new ManagedCpuDevice("direct", cores);
var frame = FrameParameters.Create(size, size, spp, 0, 0);
LocalRenderer.RenderFrame(device, FrameParameters.Create(64, 64, 4, 0, 0));
double DirectRun()
{
    var watch = Stopwatch.StartNew();
    LocalRenderer.RenderFrame(device, frame);
    return samples / watch.Elapsed.TotalSeconds / 1e6;
}

// Direct and grid runs alternate, so that load from other processes on a shared machine falls on both alike.
string data = Path.Combine(Path.GetTempPath(), $"pictor-bench-{Guid.NewGuid():N}");
var options = new SiloHostOptions { DataDirectory = data, Devices = $"cpu:{cores}", WorkerHost = "bench", Dashboard = false, SiloPort = FreePort(), GatewayPort = FreePort() };
var quiet = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }).Build();
await using (var grid = await EmbeddedGrid.StartAsync(options, quiet, logging => logging.SetMinimumLevel(LogLevel.Warning)))
{
    var client = new PictorClient(grid.Client);
    foreach (int tile in tiles)
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, size, size, spp, tile);
        await RunJobAsync(client, spec with { SamplesPerPixel = 4 });
        var pairs = new List<(double Direct, double Grid)>();
        for (int run = 0; run < runs; run++)
        {
            double direct = DirectRun();
            var watch = Stopwatch.StartNew();
            await RunJobAsync(client, spec);
            pairs.Add((direct, samples / watch.Elapsed.TotalSeconds / 1e6));
        }

        var ratios = pairs.Select(p => p.Grid / p.Direct).Order().ToArray();
        var middle = pairs.OrderBy(p => p.Grid / p.Direct).ElementAt(pairs.Count / 2);
        int tileCount = TilePlan.TilesPerFrame(spec);
        Console.WriteLine($"grid cpu {cores} slots {size}x{size}x{spp} tile={tile} ({tileCount} tiles, {samples / tileCount / 1e6:F2} Msamples each): {middle.Grid:F2} Msamples/s | direct cpu-managed threads={cores}: {middle.Direct:F2} | grid efficiency {ratios[ratios.Length / 2]:F3} (median of {runs} alternating pairs; range {ratios[0]:F3}-{ratios[^1]:F3})");
    }
}

Directory.Delete(data, recursive: true);

static async Task RunJobAsync(PictorClient client, RenderJobSpec spec)
{
    string id = JobIds.New();
    await client.SubmitAsync(id, spec);
    var status = await client.WaitAsync(id, TimeSpan.FromMilliseconds(5), CancellationToken.None);
    if (status.Phase != JobPhase.Completed)
    {
        throw new InvalidOperationException($"job {id} ended {status.Phase}: {status.Error}");
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static Dictionary<string, int> ParseArguments(string[] args)
{
    var result = new Dictionary<string, int>(StringComparer.Ordinal);
    for (int i = 0; i + 1 < args.Length; i++)
    {
        if (args[i].StartsWith("--", StringComparison.Ordinal) && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            result[args[i][2..]] = value;
        }
    }

    return result;
}
