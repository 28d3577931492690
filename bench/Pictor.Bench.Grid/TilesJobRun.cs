/// <summary>One measured job of <c>--tiles-job</c>.</summary>
/// <param name="Seconds">The job's wall time, submit to completed.</param>
/// <param name="TilesPerSecond">The frame's tiles over <paramref name="Seconds"/>.</param>
/// <param name="GridCpuSeconds">Process CPU outside the render threads and the JIT (grid, silo, client, GC).</param>
/// <param name="Units">Work units rendered.</param>
/// <param name="Busy">Device seconds over slots times wall time.</param>
/// <param name="LocalSeconds">The direct render of the same frame just before.</param>
internal sealed record TilesJobRun(
    double Seconds, double TilesPerSecond, double GridCpuSeconds, long Units, double Busy, double LocalSeconds)
{
    /// <summary>Grid CPU per work unit, milliseconds.</summary>
    public double MillisecondsPerUnit => GridCpuSeconds / Math.Max(1, Units) * 1e3;
}
