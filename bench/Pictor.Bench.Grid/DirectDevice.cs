using Pictor.Rendering;
using Pictor.Rendering.Devices;

/// <summary>The device of the direct render the grid is compared with: what <c>pictor render --local</c> uses.</summary>
internal static class DirectDevice
{
    /// <summary>The first CUDA device when the grid uses CUDA, else all cores in one managed CPU device; warmed up.</summary>
    /// <param name="catalog">The device catalog (owns opened GPUs).</param>
    /// <param name="devices">The grid's device selection.</param>
    /// <returns>The device.</returns>
    public static IRenderDevice Open(DeviceCatalog catalog, string devices)
    {
        int cores = Environment.ProcessorCount;
        IRenderDevice direct = devices.StartsWith("cuda", StringComparison.Ordinal)
            ? catalog.Open(DeviceSelection.Parse(devices, cores))[0]
            : new ManagedCpuDevice("direct", cores);
        LocalRenderer.RenderFrame(direct, FrameParameters.Create(64, 64, 4, 0, 0));
        return direct;
    }

    /// <summary>Renders one whole frame on the direct device and times it.</summary>
    /// <param name="direct">The direct device.</param>
    /// <param name="frame">The frame.</param>
    /// <returns>Wall seconds.</returns>
    public static double Seconds(IRenderDevice direct, FrameParameters frame)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        LocalRenderer.RenderFrame(direct, frame);
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
