using System.Globalization;

/// <summary>The medians of one option set's <c>--tiles-job</c> runs, and the lines that print them.</summary>
/// <param name="Name">The option set.</param>
/// <param name="Tiles">Tiles in the frame.</param>
/// <param name="Runs">The measured runs.</param>
internal sealed record TilesJobResult(string Name, int Tiles, IReadOnlyList<TilesJobRun> Runs)
{
    public double Seconds => Median(r => r.Seconds);

    public double TilesPerSecond => Tiles / Seconds;

    public double MillisecondsPerUnit => Median(r => r.MillisecondsPerUnit);

    public double Units => Median(r => r.Units);

    public double LocalSeconds => Median(r => r.LocalSeconds);

    public static TilesJobResult Of(string name, int tiles, IReadOnlyList<TilesJobRun> runs) => new(name, tiles, runs);

    /// <summary>The line a later run is compared with.</summary>
    /// <returns>
    /// e.g. <c>tiles-job baseline: 16384 tiles in 4.52 s = 3625 tiles/s; grid CPU 5.12 ms/unit over 120 units; local
    /// 0.56 s</c>.
    /// </returns>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"tiles-job {Name}: {Tiles} tiles in {Seconds:F2} s = {TilesPerSecond:F0} tiles/s; "
        + $"grid CPU {MillisecondsPerUnit:F2} ms/unit over {Units:F0} units; local {LocalSeconds:F2} s");

    /// <summary>What the medians are made of: ranges, devices busy, grid CPU per job.</summary>
    /// <returns>The line.</returns>
    public string Detail() => string.Create(CultureInfo.InvariantCulture,
        $"  {Name}: median of {Runs.Count} jobs; tiles/s {Min(r => r.TilesPerSecond):F0}-{Max(r => r.TilesPerSecond):F0}, "
        + $"ms/unit {Min(r => r.MillisecondsPerUnit):F2}-{Max(r => r.MillisecondsPerUnit):F2}, "
        + $"units {Min(r => r.Units):F0}-{Max(r => r.Units):F0}, grid CPU {Median(r => r.GridCpuSeconds):F2} s per job "
        + $"({Median(r => r.GridCpuSeconds) / Tiles * 1e6:F0} us per tile), "
        + $"devices busy {Median(r => r.Busy):P1}, local {Min(r => r.LocalSeconds):F2}-{Max(r => r.LocalSeconds):F2} s, "
        + $"grid / local time {Seconds / LocalSeconds:F1}x");

    /// <summary>This set's figures beside a reference set's, with their ratios.</summary>
    /// <param name="reference">The reference (the first set).</param>
    /// <returns>The line.</returns>
    public string Against(TilesJobResult reference) => string.Create(CultureInfo.InvariantCulture,
        $"tiles-job {Name} vs {reference.Name}: tiles/s {TilesPerSecond:F0} vs {reference.TilesPerSecond:F0} "
        + $"({TilesPerSecond / reference.TilesPerSecond:F2}x); grid CPU per unit {MillisecondsPerUnit:F2} vs "
        + $"{reference.MillisecondsPerUnit:F2} ms ({MillisecondsPerUnit / reference.MillisecondsPerUnit:F2}x); "
        + $"units {Units:F0} vs {reference.Units:F0}");

    private double Median(Func<TilesJobRun, double> value)
    {
        var ordered = Runs.Select(value).Order().ToArray();
        return ordered.Length % 2 == 1
            ? ordered[ordered.Length / 2]
            : (ordered[(ordered.Length / 2) - 1] + ordered[ordered.Length / 2]) / 2;
    }

    private double Min(Func<TilesJobRun, double> value) => Runs.Min(value);

    private double Max(Func<TilesJobRun, double> value) => Runs.Max(value);
}
