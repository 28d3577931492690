/// <summary>One alternating pair: the direct rate, the grid rate, and what the grid run was made of.</summary>
/// <param name="Direct">Direct rate, Msamples/s.</param>
/// <param name="Grid">Grid rate (the frame's samples over the job's wall time), Msamples/s.</param>
/// <param name="CheckShare">Extra samples rendered for verification, over the frame's.</param>
/// <param name="Busy">Device seconds over slots times wall time.</param>
/// <param name="DeviceRatio">The slots' summed speed while rendering, over the direct rate.</param>
/// <param name="CpuOverhead">
/// CPU time the process spent outside the render threads and the JIT (grid, silo, client, GC), over the render
/// threads' CPU time.
/// </param>
/// <param name="Tiles">Tiles rendered (checks included).</param>
/// <param name="Units">Work units rendered.</param>
/// <param name="GridCpuSeconds">CPU seconds outside the render threads and the JIT.</param>
/// <param name="DeviceSeconds">Device seconds the slots spent rendering.</param>
internal sealed record Pair(
    double Direct,
    double Grid,
    double CheckShare,
    double Busy,
    double DeviceRatio,
    double CpuOverhead,
    double Tiles,
    long Units,
    double GridCpuSeconds,
    double DeviceSeconds)
{
    public double Efficiency => Grid / Direct;
}
