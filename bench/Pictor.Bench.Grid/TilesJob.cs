using System.Diagnostics;
using System.Globalization;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Rendering;
using Pictor.Rendering.Devices;

/// <summary>
/// <c>--tiles-job</c>: the hot path's figure of merit. One frame of many small tiles at 1 spp (by default 2048×2048 in
/// 16,384 tiles of 16 px) through the embedded grid with trusted workers (verification off), in steady state (warm-up
/// jobs first), under each named option set (<see cref="TilesJobOptionSets"/>); alternating with the same frame
/// rendered directly (<c>pictor render --local</c>). Prints tiles per second end to end, the grid's own CPU per work
/// unit, units per job and the direct time, one summary line per set, and each set's ratio to the first.
/// </summary>
internal static class TilesJob
{
    public static async Task RunAsync(BenchArguments arguments)
    {
        int size = (int)arguments.Number("size", 2048);
        int spp = (int)arguments.Number("spp", 1);
        int tile = (int)arguments.Number("tile", 16);
        int runs = Math.Max(1, (int)arguments.Number("runs", 5));
        int warmups = Math.Max(1, (int)arguments.Number("warmup", 2));
        string devices = arguments.Text("devices", $"cpu:{Environment.ProcessorCount}");
        string[] names = arguments.Text("sets", string.Join(',', TilesJobOptionSets.All.Select(s => s.Name))).Split(',');
        var sets = names.Select(n => TilesJobOptionSets.All.FirstOrDefault(s => s.Name == n)
            ?? throw new ArgumentException($"no option set '{n}'; known: {string.Join(", ", TilesJobOptionSets.All.Select(s => s.Name))}"))
            .ToList();
        var overrides = BenchGrid.SetArguments(arguments.All);
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, size, size, spp, tile);
        int tiles = TilePlan.TilesPerFrame(spec);

        using var catalog = new DeviceCatalog();
        var direct = DirectDevice.Open(catalog, devices);
        var frame = FrameParameters.Create(size, size, spp, 0, 0);
        double DirectSeconds() => DirectDevice.Seconds(direct, frame);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tiles-job: {size}x{size}x{spp} tile={tile} ({tiles} tiles) on {devices}, verification off unless set, "
            + $"{warmups} warm-up job(s) then {runs} measured jobs per set, each after a direct render"));
        var results = new List<TilesJobResult>();
        foreach (var set in sets)
        {
            // Trusted workers: no checks. The set's own settings, then the command line's, win over that.
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Grid:Verification:Enabled"] = "false" };
            foreach (var (key, value) in set.Settings.Concat(overrides))
            {
                settings[key] = value;
            }

            var samples = new List<TilesJobRun>();
            await using (var grid = await BenchGrid.StartAsync(devices, settings))
            {
                for (int warm = 0; warm < warmups; warm++)
                {
                    await grid.RunJobAsync(spec with { Seed = 1000 + (uint)warm });
                }

                for (int run = 0; run < runs; run++)
                {
                    double local = DirectSeconds();
                    samples.Add(await MeasureAsync(grid, spec with { Seed = (uint)run + 1 }, tiles, local));
                }
            }

            var result = TilesJobResult.Of(set.Name, tiles, samples);
            results.Add(result);
            Console.WriteLine(result.Summary());
            Console.WriteLine(result.Detail());
        }

        foreach (var result in results.Skip(1))
        {
            Console.WriteLine(result.Against(results[0]));
        }
    }

    private static async Task<TilesJobRun> MeasureAsync(BenchGrid grid, RenderJobSpec spec, int tiles, double local)
    {
        var before = await grid.Client.GetWorkersAsync();
        long unitsBefore = UnitCounter.Units;
        var cpu = CpuTimes.Read();
        var watch = Stopwatch.StartNew();
        await grid.RunJobAsync(spec);
        double wall = watch.Elapsed.TotalSeconds;
        var spent = CpuTimes.Read() - cpu;
        long units = UnitCounter.Units - unitsBefore;
        var after = await grid.Client.GetWorkersAsync();
        double busy = after.Sum(w => w.BusySeconds) - before.Sum(w => w.BusySeconds);
        int slots = after.Count(w => w.Status is not WorkerStatus.BelowSpec);
        double gridCpu = spent.Process - spent.Render - spent.Jit;
        return new TilesJobRun(wall, tiles / wall, gridCpu, units, busy / (slots * wall), local);
    }
}
