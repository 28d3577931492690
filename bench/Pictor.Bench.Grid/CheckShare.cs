using System.Diagnostics;
using System.Globalization;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;

/// <summary>
/// <c>--check-share</c>: what verification costs a fresh grid. The 16,384-tile job (by default 2048×2048 in 16-px tiles at
/// 1 spp) on a fresh embedded grid whose devices are newcomers (<c>Grid:Verification:EmbeddedDevicesAreAnchors=false</c>,
/// as strangers' devices are), then a second job on the same grid (steady state), then the same two jobs on a fresh
/// embedded grid as it runs by default (its own devices are anchors). Prints, per job, the check renders (the
/// <c>checks</c> column of <c>pictor render</c>: credits for <c>#check</c> and <c>#tiebreak</c> renders) against the
/// job's tiles, and the wall time. Goals (issue 17): fresh ≤ 10 %, steady ≤ 5 %.
/// </summary>
internal static class CheckShare
{
    public static async Task RunAsync(BenchArguments arguments)
    {
        int size = (int)arguments.Number("size", 2048);
        int spp = (int)arguments.Number("spp", 1);
        int tile = (int)arguments.Number("tile", 16);
        string devices = arguments.Text("devices", $"cpu:{Environment.ProcessorCount}");
        var overrides = BenchGrid.SetArguments(arguments.All);
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, size, size, spp, tile);
        int tiles = TilePlan.TilesPerFrame(spec);
        string job = string.Create(CultureInfo.InvariantCulture, $"{size}x{size}x{spp} tile={tile} ({tiles} tiles)");
        Console.WriteLine($"check-share: {job} on {devices}, verification on, each grid fresh (its own data directory)");
        foreach (var (name, anchors) in new[] { ("newcomers", false), ("embedded default (own devices are anchors)", true) })
        {
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Grid:Verification:Enabled"] = "true",
                ["Grid:Verification:EmbeddedDevicesAreAnchors"] = anchors ? "true" : "false",
            };
            foreach (var (key, value) in overrides)
            {
                settings[key] = value;
            }

            await using var grid = await BenchGrid.StartAsync(devices, settings);
            var fresh = await MeasureAsync(grid, spec with { Seed = 1 });
            var steady = await MeasureAsync(grid, spec with { Seed = 2 });
            Console.WriteLine($"check-share {name}: fresh grid {fresh.Line(tiles)} (goal <= 10 %); steady state {steady.Line(tiles)} "
                + "(goal <= 5 %)");
        }
    }

    private static async Task<JobChecks> MeasureAsync(BenchGrid grid, RenderJobSpec spec)
    {
        var watch = Stopwatch.StartNew();
        string id = await grid.RunJobAsync(spec);
        double seconds = watch.Elapsed.TotalSeconds;
        var journal = (await grid.Client.ReadJournalAsync()).Where(e => e.Credit.JobId == id).ToList();
        int checks = journal.Count(e => e.Kind is LedgerEntryKind.Credit && LedgerEntries.IsVerificationWork(e.Credit.TileId));
        int firsts = journal.Count(e => e.Kind is LedgerEntryKind.Credit or LedgerEntryKind.Pending
            && !LedgerEntries.IsVerificationWork(e.Credit.TileId));
        return new JobChecks(checks, firsts, seconds);
    }

    private sealed record JobChecks(int Checks, int FirstRenders, double Seconds)
    {
        public string Line(int tiles) => string.Create(CultureInfo.InvariantCulture,
            $"{Checks} checks / {tiles} tiles = {(double)Checks / tiles:P2} ({FirstRenders} first renders, {Seconds:F2} s)");
    }
}
