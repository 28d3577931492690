using System.Diagnostics;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;
using Pictor.Rendering.Import;
using Pictor.Rendering.Scenes;

namespace Pictor.Bench;

/// <summary>The <c>quality</c> mode: time to reach a target RMSE against a converged reference of cornell-spheres,
/// for the naive anchor kernel, pure path tracing over the BVH scene, the full estimator (NEE + MIS) and pt.cpp.</summary>
/// <remarks>
/// The reference is the anchor kernel at <c>--ref-spp</c> with its own seed, so its noise is independent of every
/// measured render. Each estimator renders at 1, 2, 4, … spp until it passes the target; the time at the target is
/// interpolated between the two levels around it on a log-log line (RMSE falls as 1/√time).
/// </remarks>
internal static class QualityBench
{
    private const uint ReferenceSeed = 12345;
    private const double BudgetSeconds = 90;

    public static int Run(BenchOptions options)
    {
        int size = options.Size;
        using var device = new ManagedCpuDevice("bench", options.Threads);
        Console.WriteLine($"quality: cornell-spheres {size}x{size}, threads={options.Threads}, target RMSE {options.Rmse:F4}, reference " +
            $"{options.ReferenceSpp} spp");
        var watch = Stopwatch.StartNew();
        var reference = LocalRenderer.RenderFrame(device, FrameParameters.Create(size, size, options.ReferenceSpp, ReferenceSeed, 0));
        Console.WriteLine($"reference (anchor kernel, {options.ReferenceSpp} spp): {watch.Elapsed.TotalSeconds:F1} s, mean " +
            $"{reference.Mean():F4}");

        var scene = SceneLoader.Load("builtin:" + CornellSpheres.Name);
        var full = FrameScene.Create(scene.Geometry, 0, new RenderSettings(Integrator.Full));
        var pure = FrameScene.Create(scene.Geometry, 0, new RenderSettings(Integrator.Naive));
        var results = new List<(string Name, double Seconds)>
        {
            (
                "naive, anchor kernel (AVX2 packets)",
                Measure(options, reference, spp => LocalRenderer.RenderFrame(device, FrameParameters.Create(size, size, spp, 0, 0)))),
            ("naive, BVH scene (pure path tracing)", Measure(options, reference, spp => RenderScene(device, pure, size, spp))),
            ("full, BVH scene (NEE + MIS)", Measure(options, reference, spp => RenderScene(device, full, size, spp))),
        };

        double bias = Rmse(RenderScene(device, full, size, Math.Max(64, options.ReferenceSpp / 4)), reference);
        Console.WriteLine($"full at {Math.Max(64, options.ReferenceSpp / 4)} spp vs the reference: RMSE {bias:F4} (noise of both plus " +
            $"any difference between the triangle scene and the analytic one)");

        double anchor = MeasureAnchor(options, reference);
        foreach (var (name, seconds) in results)
        {
            string ratio = double.IsNaN(anchor) || double.IsNaN(seconds) ? "n/a" : $"{anchor / seconds:F2}";
            Console.WriteLine($"time-to-quality {name}: {Format(seconds)} | pt.cpp {Format(anchor)} | speed-up over pt.cpp {ratio}");
        }

        return 0;
    }

    private static FrameBuffer RenderScene(IRenderDevice device, FrameScene scene, int size, int spp)
    {
        var buffer = new FrameBuffer(size, size);
        device.Render(scene, FrameParameters.Create(size, size, spp, 0, 0), new PixelRect(0, 0, size, size), buffer.Pixels);
        return buffer;
    }

    private static double Measure(BenchOptions options, FrameBuffer reference, Func<int, FrameBuffer> render)
    {
        render(1);
        var levels = new List<(double Seconds, double Rmse)>();
        double spent = 0;
        for (int spp = 1; spp <= 1 << 14 && spent < BudgetSeconds; spp *= 2)
        {
            long start = Stopwatch.GetTimestamp();
            var image = render(spp);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            spent += seconds;
            double rmse = Rmse(image, reference);
            levels.Add((seconds, rmse));
            Console.WriteLine($"  {spp,6} spp  {seconds,8:F3} s  RMSE {rmse:F4}");
            if (rmse <= options.Rmse)
            {
                break;
            }
        }

        return Interpolate(levels, options.Rmse);
    }

    private static double MeasureAnchor(BenchOptions options, FrameBuffer reference)
    {
        var anchors = Anchors.Locate(out string searched);
        if (anchors is null)
        {
            Console.WriteLine($"pt.cpp: sources not found at {searched}; no anchor figure");
            return double.NaN;
        }

        string binary = anchors.BuildCpu();
        string pfm = Path.Combine(Path.GetTempPath(), $"pictor-quality-{Environment.ProcessId}.pfm");
        var levels = new List<(double Seconds, double Rmse)>();
        double spent = 0;
        Console.WriteLine("pt.cpp:");
        for (int spp = 1; spp <= 1 << 14 && spent < BudgetSeconds; spp *= 2)
        {
            var result = Anchors.Run(binary, [options.Size.ToString(), spp.ToString(), pfm], options.Threads);
            double seconds = (double)options.Size * options.Size * spp / (result.Msamples * 1e6);
            spent += seconds * 4;
            double rmse = Rmse(PfmEncoder.Decode(File.ReadAllBytes(pfm)), reference);
            levels.Add((seconds, rmse));
            Console.WriteLine($"  {spp,6} spp  {seconds,8:F3} s  RMSE {rmse:F4}");
            if (rmse <= options.Rmse)
            {
                break;
            }
        }

        File.Delete(pfm);
        return Interpolate(levels, options.Rmse);
    }

    /// <summary>Time at which the RMSE crosses the target, on the log-log line through the two levels around it.</summary>
    private static double Interpolate(List<(double Seconds, double Rmse)> levels, double target)
    {
        int i = levels.FindIndex(l => l.Rmse <= target);
        if (i < 0)
        {
            return double.NaN;
        }

        if (i == 0)
        {
            return levels[0].Seconds;
        }

        var (t0, r0) = levels[i - 1];
        var (t1, r1) = levels[i];
        double slope = (Math.Log(t1) - Math.Log(t0)) / (Math.Log(r1) - Math.Log(r0));
        return Math.Exp(Math.Log(t0) + (slope * (Math.Log(target) - Math.Log(r0))));
    }

    private static double Rmse(FrameBuffer image, FrameBuffer reference)
    {
        double sum = 0;
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            double d = image.Pixels[i] - reference.Pixels[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / image.Pixels.Length);
    }

    private static string Format(double seconds) => double.IsNaN(seconds) ? "not reached" : $"{seconds:F3} s";
}
