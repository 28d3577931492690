using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Scenes;

namespace Pictor.Testing.Devices;

/// <summary>A managed CPU device that renders only once its gate lets it, so a test can freeze a job's progress.</summary>
/// <remarks>The pixels are the real device's: the gate changes when a unit finishes, never what it holds.</remarks>
public sealed class GatedDevice(string id, RenderGate gate) : IRenderDevice
{
    private readonly ManagedCpuDevice _inner = new(id, 1);

    public DeviceInfo Info => _inner.Info;

    public RenderGate Gate => gate;

    public void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        gate.Pass();
        _inner.Render(frame, rect, rgb);
    }

    public void Render(FrameScene scene, in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        gate.Pass();
        _inner.Render(scene, frame, rect, rgb);
    }

    public void Dispose() => _inner.Dispose();
}
