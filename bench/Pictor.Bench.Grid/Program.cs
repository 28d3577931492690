using System.Diagnostics;
using System.Globalization;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Rendering;
using Pictor.Rendering.Devices;

// Grid efficiency: the same frame rendered directly on one device (all cores) and through the embedded grid (one CPU
// slot per core; work units placed, rendered, credited, verified and assembled). Prints, per tile size, the ratio
// and what it is made of: the share of extra renders for verification, how busy the devices were, and the devices'
// own speed in the grid against the direct render.
// Usage: dotnet run -c Release --project bench/Pictor.Bench.Grid -- [--size 512] [--spp 64] [--tiles 16,32,64] [--runs 5]
//        [--verification off|on|both] [--unit-seconds S] [--devices cpu:N|cuda:0|...] [--set Section:Key=Value ...]
//        or: -- --wire [--pixels N]   (serialize + deserialize one unit result of N pixels)
//        or: -- --tiles-job [--size 2048] [--spp 1] [--tile 16] [--runs 5] [--warmup 2] [--sets baseline,...]
//               [--devices ...] [--set ...]   (tiles/s and grid CPU per unit of one many-tile frame, per option set)
//        or: -- --check-share [--size 2048] [--spp 1] [--tile 16] [--devices ...] [--set ...]
//               (checks per tile of the first and second job on a fresh grid of newcomers, and of the default embedded grid)
var arguments = new BenchArguments(args);
if (arguments.Has("wire"))
{
    // Only the cost of moving one unit's result between silos: dotnet run ... -- --wire [--pixels 1048576]
    WireBench.Run((int)arguments.Number("pixels", 1 << 20));
    return;
}

if (arguments.Has("check-share"))
{
    await CheckShare.RunAsync(arguments);
    return;
}

if (arguments.Has("tiles-job"))
{
    await TilesJob.RunAsync(arguments);
    return;
}

int size = (int)arguments.Number("size", 512);
int spp = (int)arguments.Number("spp", 64);
int runs = (int)arguments.Number("runs", 5);
var tiles = arguments.Text("tiles", "16,32,64").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
string verification = arguments.Text("verification", "both");
string devices = arguments.Text("devices", $"cpu:{Environment.ProcessorCount}");
double? unitSeconds = arguments.Number("unit-seconds");
long samples = (long)size * size * spp;

// The direct render: the first CUDA device when the grid uses CUDA, else all cores in one managed CPU device.
using var catalog = new DeviceCatalog();
IRenderDevice direct = DirectDevice.Open(catalog, devices);
var frame = FrameParameters.Create(size, size, spp, 0, 0);
double DirectRun() => samples / DirectDevice.Seconds(direct, frame) / 1e6;

foreach (bool verified in verification switch { "on" => new[] { true }, "off" => [false], _ => [false, true] })
{
    // Direct and grid runs alternate, so that load from other processes on a shared machine falls on both alike.
    var settings = new Dictionary<string, string?> { ["Grid:Verification:Enabled"] = verified ? "true" : "false" };

    // Any grid setting, e.g. --set Ledger:EpochMaxEntries=1000.
    foreach (var (key, value) in BenchGrid.SetArguments(args))
    {
        settings[key] = value;
    }

    if (unitSeconds is { } seconds)
    {
        settings["Grid:WorkUnitSeconds"] = seconds.ToString(CultureInfo.InvariantCulture);
    }

    await using (var grid = await BenchGrid.StartAsync(devices, settings))
    {
        var client = grid.Client;

        // Idle cost, after one job has warmed the code paths up: what an idle grid burns between jobs.
        await grid.RunJobAsync(new RenderJobSpec(RenderJobSpec.CornellSpheres, size, size, 4, tiles[0]));
        var idleFrom = CpuTimes.Read();
        var idleThreads = CpuTimes.ByThread();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = CpuTimes.Read() - idleFrom;
        if (Environment.GetEnvironmentVariable("PICTOR_BENCH_THREADS") is not null)
        {
            var busiest = CpuTimes.ByThread()
                .Select(t => (t.Key, t.Value - idleThreads.GetValueOrDefault(t.Key)))
                .Where(t => t.Item2 > 0)
                .OrderByDescending(t => t.Item2);
            foreach (var (name, threadSeconds) in busiest)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  idle thread {name}: {threadSeconds:F2} s"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle grid: {(idle.Process - idle.Jit) / 3:P1} of one core (+{idle.Jit / 3:P1} JIT tiering)"));
        if (verified)
        {
            // Steady state: workers whose record brought their check rate down to the floor, as on a grid that has run a while.
            for (int warm = 0;
                warm < 30 && (await client.GetWorkersAsync()).Any(w => w.Trust is not { CheckProbability: <= 0.035 });
                warm++)
            {
                await grid.RunJobAsync(new RenderJobSpec(RenderJobSpec.CornellSpheres, 1024, 1024, 1, 16, Seed: (uint)warm));
            }

            var trust = (await client.GetWorkersAsync()).Select(w => w.Trust?.CheckProbability ?? 1).ToList();
            Console.WriteLine($"verification on: check probability after warm-up {trust.Min():F3}-{trust.Max():F3}");
        }

        foreach (int tile in tiles)
        {
            var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, size, size, spp, tile);
            await grid.RunJobAsync(spec with { SamplesPerPixel = 4 });
            var pairs = new List<Pair>();
            for (int run = 0; run < runs; run++)
            {
                double directRate = DirectRun();
                var before = await client.GetWorkersAsync();
                long unitsBefore = UnitCounter.Units;
                var cpu = CpuTimes.Read();
                var watch = Stopwatch.StartNew();
                await grid.RunJobAsync(spec with { Seed = (uint)run + 1 });
                double wall = watch.Elapsed.TotalSeconds;
                var spent = CpuTimes.Read() - cpu;
                var after = await client.GetWorkersAsync();
                double rendered = Delta(before, after, w => w.PixelSamples);
                double busy = Delta(before, after, w => w.BusySeconds);
                double tilesRendered = Delta(before, after, w => w.TilesRendered);
                long workUnits = UnitCounter.Units - unitsBefore;
                double gridCpu = spent.Process - spent.Render - spent.Jit;
                int slots = after.Count(w => w.Status is not WorkerStatus.BelowSpec);
                pairs.Add(new Pair(
                    directRate,
                    samples / wall / 1e6,
                    rendered / samples - 1,
                    busy / (slots * wall),
                    slots * rendered / busy / 1e6 / directRate,
                    spent.Render > 0 ? gridCpu / spent.Render : double.NaN,
                    tilesRendered,
                    workUnits,
                    gridCpu,
                    busy));
            }

            var ordered = pairs.OrderBy(p => p.Efficiency).ToArray();
            var m = ordered[ordered.Length / 2];
            int tileCount = TilePlan.TilesPerFrame(spec);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grid {devices} {(verified ? "verified" : "unverified")} {size}x{size}x{spp} tile={tile} ({tileCount} tiles): "
                + $"{m.Grid:F2} Msamples/s | direct {direct.Info.Backend}: {m.Direct:F2} | grid efficiency {m.Efficiency:F3} "
                + $"(median of {runs} alternating pairs; range {ordered[0].Efficiency:F3}-{ordered[^1].Efficiency:F3}) | "
                + $"checks +{m.CheckShare:P1}, devices busy {m.Busy:P1}, device speed in grid / direct {m.DeviceRatio:F3} | "
                + $"grid CPU overhead {m.CpuOverhead:P2} of render CPU ({m.Tiles:F0} tiles rendered in {m.Units} units: "
                + $"{m.DeviceSeconds / Math.Max(1, m.Units) * 1e3:F1} ms device time and "
                + $"{m.GridCpuSeconds / Math.Max(1, m.Units) * 1e3:F2} ms grid CPU per unit)"));
        }
    }
}

static double Delta(IReadOnlyList<WorkerInfo> before, IReadOnlyList<WorkerInfo> after, Func<WorkerInfo, double> value) =>
    after.Sum(value) - before.Sum(value);
