using Pictor.Rendering.Devices;
using Pictor.Rendering.Imaging;

namespace Pictor.Rendering;

/// <summary>Renders whole frames on one device without the grid: the baseline the grid is measured against.</summary>
public static class LocalRenderer
{
    /// <summary>Renders a whole frame in one call on <paramref name="device"/>.</summary>
    /// <param name="device">The device.</param>
    /// <param name="frame">Frame size, samples and key.</param>
    /// <returns>The frame.</returns>
    public static FrameBuffer RenderFrame(IRenderDevice device, in FrameParameters frame)
    {
        ArgumentNullException.ThrowIfNull(device);
        var buffer = new FrameBuffer(frame.Width, frame.Height);
        device.Render(frame, new PixelRect(0, 0, frame.Width, frame.Height), buffer.Pixels);
        return buffer;
    }
}
