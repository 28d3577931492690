using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;
using Pictor.Rendering.Kernels;

namespace Pictor.Bench;

/// <summary>The <c>cpu</c> mode: native pt.cpp against the managed device, the plain scalar code and ILGPU's CPU accelerator.</summary>
internal static class CpuBench
{
    private const int IlgpuSize = 64;
    private const int IlgpuSpp = 16;

    public static int Run(BenchOptions options)
    {
        var anchors = Anchors.Locate(out string searched);
        if (anchors is null)
        {
            Console.Error.WriteLine($"anchor sources not found at {searched}; set PICTOR_ANCHORS to shared/anchors.");
            return 1;
        }

        string label = $"{options.Size}x{options.Size}x{options.Spp} threads={options.Threads}";
        var frame = FrameParameters.Create(options.Size, options.Size, options.Spp, seed: 0, frame: 0);

        // Anchor and ours in the same run: the machine is shared, so only ratios taken together mean anything.
        string binary = anchors.BuildCpu();
        var anchor = Anchors.Run(binary, [options.Size.ToString(), options.Spp.ToString()], options.Threads);

        using var device = new ManagedCpuDevice("bench", options.Threads);
        FrameBuffer? image = null;
        double managed = Timing.MedianSeconds(options.Runs, () => image = LocalRenderer.RenderFrame(device, frame));
        double managedRate = Timing.Msamples(options.Size, options.Spp, managed);
        Console.WriteLine(
            $"cpu-managed {label}: {managedRate:F1} Msamples/s | anchor pt.cpp: {anchor.Msamples:F1} Msamples/s | " +
            $"ratio {managedRate / anchor.Msamples:F2} | mean ours {image!.Mean():F4} anchor {anchor.Mean:F4}");

        double scalar = Timing.MedianSeconds(options.Runs, () => image = RenderScalar(frame, options.Threads));
        double scalarRate = Timing.Msamples(options.Size, options.Spp, scalar);
        Console.WriteLine(
            $"cpu-scalar  {label}: {scalarRate:F1} Msamples/s | anchor pt.cpp: {anchor.Msamples:F1} Msamples/s | " +
            $"ratio {scalarRate / anchor.Msamples:F2} | mean ours {image!.Mean():F4} (the kernels' scalar code, one path at a time)");

        var anchorAfter = Anchors.Run(binary, [options.Size.ToString(), options.Spp.ToString()], options.Threads);
        Console.WriteLine($"anchor pt.cpp again after ours: {anchorAfter.Msamples:F1} Msamples/s (spread shows machine noise)");

        RunIlgpuCpu(anchor);
        Console.WriteLine(device.Info.Name + $", AVX2 packets: {System.Runtime.Intrinsics.X86.Avx2.IsSupported}");
        return 0;
    }

    private static void RunIlgpuCpu(AnchorResult anchor)
    {
        using var catalog = new DeviceCatalog();
        var ilgpu = catalog.Open(DeviceSelection.Parse("ilgpu-cpu", 1))[0];
        var frame = FrameParameters.Create(IlgpuSize, IlgpuSize, IlgpuSpp, seed: 0, frame: 0);
        FrameBuffer? image = null;
        double seconds = Timing.MedianSeconds(3, () => image = LocalRenderer.RenderFrame(ilgpu, frame));
        double rate = Timing.Msamples(IlgpuSize, IlgpuSpp, seconds);
        Console.WriteLine(
            $"ilgpu-cpu   {IlgpuSize}x{IlgpuSize}x{IlgpuSpp} threads=all: {rate:F2} Msamples/s | anchor pt.cpp (run above): " +
            $"{anchor.Msamples:F1} Msamples/s | ratio {rate / anchor.Msamples:F3} | mean ours {image!.Mean():F4} (noisy at " +
                $"{IlgpuSpp} spp)");
    }

    /// <summary>The scalar kernel code in a row-parallel loop: the baseline the packet tracer is measured against.</summary>
    private static FrameBuffer RenderScalar(FrameParameters frame, int threads)
    {
        var buffer = new FrameBuffer(frame.Width, frame.Height);
        var pixels = buffer.Pixels;
        Parallel.For(0, frame.Height, new ParallelOptions { MaxDegreeOfParallelism = threads }, y =>
        {
            for (int x = 0; x < frame.Width; x++)
            {
                var c = NaivePathTracer.RenderPixel(frame, x, y);
                int o = ((y * frame.Width) + x) * 3;
                pixels[o] = c.X;
                pixels[o + 1] = c.Y;
                pixels[o + 2] = c.Z;
            }
        });
        return buffer;
    }
}
