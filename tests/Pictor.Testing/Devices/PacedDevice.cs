using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Scenes;

namespace Pictor.Testing.Devices;

/// <summary>A managed CPU device that takes at least a fixed time per tile, so a job lasts long enough to disturb it
/// on any machine.</summary>
/// <remarks>The pixels are the real device's: pacing changes when a tile finishes, never what it holds.</remarks>
public sealed class PacedDevice(string id, TimeSpan perTile) : IRenderDevice
{
    private readonly ManagedCpuDevice _inner = new(id, 1);

    public DeviceInfo Info => _inner.Info;

    public void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        Thread.Sleep(perTile);
        _inner.Render(frame, rect, rgb);
    }

    public void Render(FrameScene scene, in FrameParameters frame, PixelRect rect, Span<float> rgb)
    {
        Thread.Sleep(perTile);
        _inner.Render(scene, frame, rect, rgb);
    }

    public void Dispose() => _inner.Dispose();
}
