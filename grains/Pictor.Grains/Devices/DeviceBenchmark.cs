using System.Diagnostics;
using Pictor.Rendering;
using Pictor.Rendering.Devices;

namespace Pictor.Grains.Devices;

/// <summary>The network's standard benchmark: a fixed cornell-spheres tile, timed on one device.</summary>
public static class DeviceBenchmark
{
    /// <summary>The standard tile: 64×64 pixels at 16 spp of a 256×256 frame.</summary>
    public static PixelRect Tile { get; } = new(96, 96, 64, 64);

    /// <summary>Frame parameters of the standard tile.</summary>
    public static FrameParameters Frame { get; } = FrameParameters.Create(256, 256, 16, seed: 1, frame: 0);

    /// <summary>Renders the standard tile repeatedly for at least <paramref name="minimum"/> and returns the speed.</summary>
    /// <param name="device">The device.</param>
    /// <param name="minimum">Least total time to measure over (after one warm-up render).</param>
    /// <returns>Msamples/s.</returns>
    public static double MeasureMsamplesPerSecond(IRenderDevice device, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(device);
        var rgb = new float[Tile.FloatCount];
        device.Render(Frame, Tile, rgb);
        long samples = 0;
        var watch = Stopwatch.StartNew();
        int runs = 0;
        do
        {
            device.Render(Frame, Tile, rgb);
            samples += (long)Tile.PixelCount * Frame.SamplesPerPixel;
            runs++;
        }
        while (watch.Elapsed < minimum && runs < 1000);
        return samples / watch.Elapsed.TotalSeconds / 1e6;
    }
}
