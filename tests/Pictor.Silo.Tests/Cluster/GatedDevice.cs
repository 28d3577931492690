using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Scenes;

namespace Pictor.Silo.Tests.Cluster;

/// <summary>A managed CPU device that renders only while its gate is open, so a test can freeze a job's progress.</summary>
internal sealed class GatedDevice(string id, ManualResetEventSlim gate) : IRenderDevice
{
    private readonly ManagedCpuDevice _inner = new(id, 1);

    public DeviceInfo Info => _inner.Info;

    public void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        gate.Wait();
        _inner.Render(frame, rect, rgb);
    }

    public void Render(FrameScene scene, in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        gate.Wait();
        _inner.Render(scene, frame, rect, rgb);
    }

    public void Dispose() => _inner.Dispose();
}
