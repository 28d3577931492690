using Pictor.Rendering.Kernels;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Devices;

/// <summary>Renders on CPU threads with managed code: the 8-wide packet tracer where the CPU has AVX2, else the
/// kernels' scalar code.</summary>
/// <remarks>
/// ILGPU's CPU accelerator is a debugging backend (≈0.2× native). This device runs <see cref="PacketPathTracer"/>, which
/// traces eight paths at once with <c>Vector256</c> and is bit-identical to <see cref="NaivePathTracer.RenderPixel"/>
/// (the code the ILGPU kernels run); without AVX2 it calls that scalar code directly. Work is split into spans of
/// consecutive pixels that threads claim one at a time, so no thread idles while another has a long queue. Each pixel
/// depends only on its own coordinates, so the image is bit-identical for any tiling, span size and thread count.
/// </remarks>
public sealed class ManagedCpuDevice : IRenderDevice
{
    private const int MinSpanPixels = 32;
    private const int MaxSpanPixels = 512;

    private readonly ParallelOptions _parallel;
    private readonly int _threads;
    private readonly bool _packets;
    private readonly Lock _gate = new();

    /// <summary>Creates a CPU slot that uses up to <paramref name="threads"/> threads.</summary>
    /// <param name="id">Device id on this host.</param>
    /// <param name="threads">Threads per render call, at least 1.</param>
    public ManagedCpuDevice(string id, int threads)
        : this(id, threads, PacketPathTracer.IsSupported)
    {
    }

    /// <summary>Creates a CPU slot, choosing the packet or the scalar path (tests compare the two).</summary>
    /// <param name="id">Device id on this host.</param>
    /// <param name="threads">Threads per render call, at least 1.</param>
    /// <param name="packets">Whether to use <see cref="PacketPathTracer"/>; must be supported when true.</param>
    internal ManagedCpuDevice(string id, int threads, bool packets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (packets && !PacketPathTracer.IsSupported)
        {
            throw new PlatformNotSupportedException("The packet path tracer needs AVX2.");
        }

        _threads = threads;
        _packets = packets;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        string name = $"CPU ({threads} thread{(threads == 1 ? string.Empty : "s")})";
        Info = new DeviceInfo(id, DeviceKind.Cpu, name, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, threads);
    }

    /// <inheritdoc/>
    public DeviceInfo Info { get; }

    /// <summary>Whether this device traces 8-path packets (AVX2) rather than single paths.</summary>
    internal bool UsesPackets => _packets;

    /// <inheritdoc/>
    public void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        RenderGuards.Check(frame, rect, rgb.Length);
        var output = new float[rect.FloatCount];
        var f = frame;
        int pixels = rect.PixelCount;

        // Enough spans for every thread to claim several (load balance at the end of a call), each long enough that a
        // packet's lanes stay busy for most of it.
        int spanPixels = Math.Clamp(pixels / (_threads * 8), MinSpanPixels, MaxSpanPixels);
        int spans = (pixels + spanPixels - 1) / spanPixels;
        int claimed = -1;
        bool packets = _packets;
        lock (_gate)
        {
            Parallel.For(0, Math.Min(_threads, spans), _parallel, _ =>
            {
                int span;
                while ((span = Interlocked.Increment(ref claimed)) < spans)
                {
                    int first = span * spanPixels;
                    RenderSpan(f, rect, first, Math.Min(spanPixels, pixels - first), output, packets);
                }
            });
        }

        output.CopyTo(rgb);
    }

    /// <inheritdoc/>
    public void Render(FrameScene scene, in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        ArgumentNullException.ThrowIfNull(scene);
        RenderGuards.Check(frame, rect, rgb.Length);
        var output = new float[rect.FloatCount];
        var f = frame;
        int pixels = rect.PixelCount;

        // Scene paths vary far more in cost than the anchor's, so spans are short: 8 per thread at least.
        int spanPixels = Math.Clamp(pixels / (_threads * 8), 1, 64);
        int spans = (pixels + spanPixels - 1) / spanPixels;
        int claimed = -1;
        lock (_gate)
        {
            Parallel.For(0, Math.Min(_threads, spans), _parallel, _ =>
            {
                var data = new ManagedSceneData(scene);
                int span;
                while ((span = Interlocked.Increment(ref claimed)) < spans)
                {
                    int first = span * spanPixels;
                    int end = Math.Min(first + spanPixels, pixels);
                    for (int pixel = first; pixel < end; pixel++)
                    {
                        var c = FullPathTracer.RenderPixel(data, f, rect.X + (pixel % rect.Width), rect.Y + (pixel / rect.Width));
                        int o = pixel * 3;
                        output[o] = c.X;
                        output[o + 1] = c.Y;
                        output[o + 2] = c.Z;
                    }
                }
            });
        }

        output.CopyTo(rgb);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static void RenderSpan(in FrameParameters frame, PixelRect rect, int first, int count, float[] output, bool packets)
    {
        if (packets)
        {
            PacketPathTracer.RenderSpan(frame, rect, first, count, output);
            return;
        }

        for (int pixel = first; pixel < first + count; pixel++)
        {
            var c = NaivePathTracer.RenderPixel(frame, rect.X + (pixel % rect.Width), rect.Y + (pixel / rect.Width));
            int o = pixel * 3;
            output[o] = c.X;
            output[o + 1] = c.Y;
            output[o + 2] = c.Z;
        }
    }
}
