using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pictor.Client;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Silo.Hosting;

// Grid efficiency: the same frame rendered directly on one device (all cores) and through the embedded grid (one CPU
// slot per core; work units placed, rendered, credited, verified and assembled). Prints, per tile size, the ratio
// and what it is made of: the share of extra renders for verification, how busy the devices were, and the devices'
// own speed in the grid against the direct render.
// Usage: dotnet run -c Release --project bench/Pictor.Bench.Grid -- [--size 512] [--spp 64] [--tiles 16,32,64] [--runs 5]
//        [--verification off|on|both] [--unit-seconds S] [--devices cpu:N|cuda:0|...] [--set Section:Key=Value ...]
//        or: -- --wire [--pixels N]   (serialize + deserialize one unit result of N pixels)
var arguments = ParseArguments(args);
if (args.Contains("--wire"))
{
    // Only the cost of moving one unit's result between silos: dotnet run ... -- --wire [--pixels 1048576]
    WireBench.Run((int)arguments.GetValueOrDefault("pixels", 1 << 20));
    return;
}

int size = (int)arguments.GetValueOrDefault("size", 512);
int spp = (int)arguments.GetValueOrDefault("spp", 64);
int runs = (int)arguments.GetValueOrDefault("runs", 5);
var tiles = Text("tiles", "16,32,64").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
string verification = Text("verification", "both");
string devices = Text("devices", $"cpu:{Environment.ProcessorCount}");
double? unitSeconds = arguments.TryGetValue("unit-seconds", out double us) ? us : null;
int cores = Environment.ProcessorCount;
long samples = (long)size * size * spp;

// The direct render: the first CUDA device when the grid uses CUDA, else all cores in one managed CPU device.
using var catalog = new DeviceCatalog();
IRenderDevice direct = devices.StartsWith("cuda", StringComparison.Ordinal)
    ? catalog.Open(DeviceSelection.Parse(devices, cores))[0]
    : new ManagedCpuDevice("direct", cores);
var frame = FrameParameters.Create(size, size, spp, 0, 0);
LocalRenderer.RenderFrame(direct, FrameParameters.Create(64, 64, 4, 0, 0));
double DirectRun()
{
    var watch = Stopwatch.StartNew();
    LocalRenderer.RenderFrame(direct, frame);
    return samples / watch.Elapsed.TotalSeconds / 1e6;
}

foreach (bool verified in verification switch { "on" => new[] { true }, "off" => [false], _ => [false, true] })
{
    // Direct and grid runs alternate, so that load from other processes on a shared machine falls on both alike.
    string data = Path.Combine(Path.GetTempPath(), $"pictor-bench-{Guid.NewGuid():N}");
    var options = new SiloHostOptions { DataDirectory = data, Devices = devices, WorkerHost = "bench", Dashboard = false, SiloPort = FreePort(), GatewayPort = FreePort() };
    var settings = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Grid:Verification:Enabled"] = verified ? "true" : "false",
    };
    for (int at = Array.IndexOf(args, "--set"); at >= 0 && at + 1 < args.Length; at = Array.IndexOf(args, "--set", at + 1))
    {
        // Any grid setting, e.g. --set Ledger:EpochMaxEntries=1000.
        string[] pair = args[at + 1].Split('=', 2);
        settings[pair[0]] = pair.Length > 1 ? pair[1] : string.Empty;
    }

    if (unitSeconds is { } seconds)
    {
        settings["Grid:WorkUnitSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
    }

    var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    await using (var grid = await EmbeddedGrid.StartAsync(options, configuration, logging => logging.SetMinimumLevel(LogLevel.Warning)))
    {
        var client = new PictorClient(grid.Client);
        // Idle cost, after one job has warmed the code paths up: what an idle grid burns between jobs.
        await RunJobAsync(client, new RenderJobSpec(RenderJobSpec.CornellSpheres, size, size, 4, tiles[0]));
        var idleFrom = CpuTimes.Read();
        var idleThreads = CpuTimes.ByThread();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = CpuTimes.Read() - idleFrom;
        if (Environment.GetEnvironmentVariable("PICTOR_BENCH_THREADS") is not null)
        {
            foreach (var (name, threadSeconds) in CpuTimes.ByThread().Select(t => (t.Key, t.Value - idleThreads.GetValueOrDefault(t.Key))).Where(t => t.Item2 > 0).OrderByDescending(t => t.Item2))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle thread {name}: {threadSeconds:F2} s"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle grid: {(idle.Process - idle.Jit) / 3:P1} of one core (+{idle.Jit / 3:P1} JIT tiering)"));
        if (verified)
        {
            // Steady state: workers whose record brought their check rate down to the floor, as on a grid that has run a while.
            for (int warm = 0; warm < 30 && (await client.GetWorkersAsync()).Any(w => w.Trust is not { CheckProbability: <= 0.035 }); warm++)
            {
                await RunJobAsync(client, new RenderJobSpec(RenderJobSpec.CornellSpheres, 1024, 1024, 1, 16, Seed: (uint)warm));
            }

            var trust = (await client.GetWorkersAsync()).Select(w => w.Trust?.CheckProbability ?? 1).ToList();
            Console.WriteLine($"verification on: check probability after warm-up {trust.Min():F3}-{trust.Max():F3}");
        }

        foreach (int tile in tiles)
        {
            var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, size, size, spp, tile);
            await RunJobAsync(client, spec with { SamplesPerPixel = 4 });
            var pairs = new List<Pair>();
            for (int run = 0; run < runs; run++)
            {
                double directRate = DirectRun();
                var before = await client.GetWorkersAsync();
                long unitsBefore = UnitCounter.Units;
                var cpu = CpuTimes.Read();
                var watch = Stopwatch.StartNew();
                await RunJobAsync(client, spec with { Seed = (uint)run + 1 });
                double wall = watch.Elapsed.TotalSeconds;
                var spent = CpuTimes.Read() - cpu;
                var after = await client.GetWorkersAsync();
                double rendered = Delta(before, after, w => w.PixelSamples);
                double busy = Delta(before, after, w => w.BusySeconds);
                double tilesRendered = Delta(before, after, w => w.TilesRendered);
                long workUnits = UnitCounter.Units - unitsBefore;
                double gridCpu = spent.Process - spent.Render - spent.Jit;
                int slots = after.Count(w => w.Status is not WorkerStatus.BelowSpec);
                pairs.Add(new Pair(directRate, samples / wall / 1e6, rendered / samples - 1, busy / (slots * wall), slots * rendered / busy / 1e6 / directRate, spent.Render > 0 ? gridCpu / spent.Render : double.NaN, tilesRendered, workUnits, gridCpu, busy));
            }

            var ordered = pairs.OrderBy(p => p.Efficiency).ToArray();
            var m = ordered[ordered.Length / 2];
            int tileCount = TilePlan.TilesPerFrame(spec);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grid {devices} {(verified ? "verified" : "unverified")} {size}x{size}x{spp} tile={tile} ({tileCount} tiles): {m.Grid:F2} Msamples/s | direct {direct.Info.Backend}: {m.Direct:F2} | grid efficiency {m.Efficiency:F3} (median of {runs} alternating pairs; range {ordered[0].Efficiency:F3}-{ordered[^1].Efficiency:F3}) | checks +{m.CheckShare:P1}, devices busy {m.Busy:P1}, device speed in grid / direct {m.DeviceRatio:F3} | grid CPU overhead {m.CpuOverhead:P2} of render CPU ({m.Tiles:F0} tiles rendered in {m.Units} units: {m.DeviceSeconds / Math.Max(1, m.Units) * 1e3:F1} ms device time and {m.GridCpuSeconds / Math.Max(1, m.Units) * 1e3:F2} ms grid CPU per unit)"));
        }
    }

    Directory.Delete(data, recursive: true);
}

string Text(string name, string fallback)
{
    int at = Array.IndexOf(args, $"--{name}");
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

static double Delta(IReadOnlyList<WorkerInfo> before, IReadOnlyList<WorkerInfo> after, Func<WorkerInfo, double> value) =>
    after.Sum(value) - before.Sum(value);

static async Task RunJobAsync(PictorClient client, RenderJobSpec spec)
{
    string id = JobIds.New();
    await client.SubmitAsync(id, spec);
    var status = await client.WaitAsync(id, TimeSpan.FromMilliseconds(20), CancellationToken.None);
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

static Dictionary<string, double> ParseArguments(string[] args)
{
    var result = new Dictionary<string, double>(StringComparer.Ordinal);
    for (int i = 0; i + 1 < args.Length; i++)
    {
        if (args[i].StartsWith("--", StringComparison.Ordinal) && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            result[args[i][2..]] = value;
        }
    }

    return result;
}

/// <summary>One alternating pair: the direct rate, the grid rate, and what the grid run was made of.</summary>
/// <param name="Direct">Direct rate, Msamples/s.</param>
/// <param name="Grid">Grid rate (the frame's samples over the job's wall time), Msamples/s.</param>
/// <param name="CheckShare">Extra samples rendered for verification, over the frame's.</param>
/// <param name="Busy">Device seconds over slots times wall time.</param>
/// <param name="DeviceRatio">The slots' summed speed while rendering, over the direct rate.</param>
/// <param name="CpuOverhead">CPU time the process spent outside the render threads and the JIT (grid, silo, client, GC), over the render threads' CPU time.</param>
/// <param name="Tiles">Tiles rendered (checks included).</param>
/// <param name="Units">Work units rendered.</param>
/// <param name="GridCpuSeconds">CPU seconds outside the render threads and the JIT.</param>
/// <param name="DeviceSeconds">Device seconds the slots spent rendering.</param>
internal sealed record Pair(double Direct, double Grid, double CheckShare, double Busy, double DeviceRatio, double CpuOverhead, double Tiles, long Units, double GridCpuSeconds, double DeviceSeconds)
{
    public double Efficiency => Grid / Direct;
}
