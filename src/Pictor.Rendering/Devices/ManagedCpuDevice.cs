using Pictor.Rendering.Kernels;

namespace Pictor.Rendering.Devices;

/// <summary>Renders on CPU threads by running the shared kernel code as ordinary JIT-compiled .NET.</summary>
/// <remarks>
/// ILGPU's CPU accelerator is a debugging backend (≈0.2× native); the same per-pixel code called from
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> runs several times faster, and is
/// bit-identical for any tiling because each pixel depends only on its own coordinates.
/// </remarks>
public sealed class ManagedCpuDevice : IRenderDevice
{
    private readonly ParallelOptions _parallel;
    private readonly Lock _gate = new();

    /// <summary>Creates a CPU slot that uses up to <paramref name="threads"/> threads.</summary>
    /// <param name="id">Device id on this host.</param>
    /// <param name="threads">Threads per render call, at least 1.</param>
    public ManagedCpuDevice(string id, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Info = new DeviceInfo(id, DeviceKind.Cpu, $"CPU ({threads} thread{(threads == 1 ? string.Empty : "s")})", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, threads);
    }

    /// <inheritdoc/>
    public DeviceInfo Info { get; }

    /// <inheritdoc/>
    public void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        RenderGuards.Check(frame, rect, rgb.Length);
        var output = new float[rect.FloatCount];
        var f = frame;
        lock (_gate)
        {
            Parallel.For(0, rect.Height, _parallel, row =>
            {
                int y = rect.Y + row;
                int offset = row * rect.Width * 3;
                for (int col = 0; col < rect.Width; col++)
                {
                    var c = NaivePathTracer.RenderPixel(f, rect.X + col, y);
                    output[offset] = c.X;
                    output[offset + 1] = c.Y;
                    output[offset + 2] = c.Z;
                    offset += 3;
                }
            });
        }

        output.CopyTo(rgb);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
