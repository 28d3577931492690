using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;

namespace Pictor.Bench;

/// <summary>The <c>gpu</c> mode: the ILGPU kernel on CUDA against pt.cu (when nvcc is on the PATH).</summary>
internal static class GpuBench
{
    public static int Run(BenchOptions options)
    {
        using var catalog = new DeviceCatalog();
        IRenderDevice device;
        try
        {
            device = catalog.Open(DeviceSelection.Parse("cuda", 1))[0];
        }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"gpu: no CUDA device on this host ({e.Message}); nothing measured.");
            return 0;
        }

        string label = $"{options.Size}x{options.Size}x{options.Spp}";
        var frame = FrameParameters.Create(options.Size, options.Size, options.Spp, seed: 0, frame: 0);
        FrameBuffer? image = null;
        double seconds = Timing.MedianSeconds(options.Runs, () => image = LocalRenderer.RenderFrame(device, frame));
        double rate = Timing.Msamples(options.Size, options.Spp, seconds);
        string ours = $"gpu-ilgpu {label} on {device.Info.Name}: {rate:F0} Msamples/s";

        var anchors = Anchors.Locate(out string searched);
        if (anchors is null || !Anchors.OnPath("nvcc"))
        {
            Console.WriteLine($"{ours} | mean ours {image!.Mean():F4} | anchor pt.cu not run " +
                $"({(anchors is null ? "sources not found at " + searched : "nvcc not on PATH")})");
            return 0;
        }

        var anchor = Anchors.Run(anchors.BuildCuda(), [options.Size.ToString(), options.Spp.ToString(), "256"], ompThreads: null);
        Console.WriteLine($"{ours} | anchor pt.cu: {anchor.Msamples:F0} Msamples/s | ratio {rate / anchor.Msamples:F2} | mean ours " +
            $"{image!.Mean():F4} anchor {anchor.Mean:F4}");
        return 0;
    }
}
