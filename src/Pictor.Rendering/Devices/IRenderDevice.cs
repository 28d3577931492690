using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Devices;

/// <summary>A device that renders rectangles of frames.</summary>
/// <remarks>Implementations are thread-safe; concurrent calls on one device are serialized.</remarks>
public interface IRenderDevice : IDisposable
{
    /// <summary>What this device is.</summary>
    DeviceInfo Info { get; }

    /// <summary>Renders <paramref name="rect"/> of a frame into <paramref name="rgb"/>.</summary>
    /// <param name="frame">Frame size, samples per pixel and random key.</param>
    /// <param name="rect">The pixels to render; must lie inside the frame.</param>
    /// <param name="rgb">Receives linear RGB floats, row-major, <see cref="PixelRect.FloatCount"/> long.</param>
    void Render(in FrameParameters frame, PixelRect rect, Span<float> rgb);

    /// <summary>Renders <paramref name="rect"/> of a frame of a scene with the full (or BSDF-only) estimator.</summary>
    /// <param name="scene">The scene evaluated at the frame; devices keep its geometry while the same one comes back.</param>
    /// <param name="frame">Frame size, samples per pixel and random key.</param>
    /// <param name="rect">The pixels to render; must lie inside the frame.</param>
    /// <param name="rgb">Receives linear RGB floats, row-major, <see cref="PixelRect.FloatCount"/> long.</param>
    void Render(FrameScene scene, in FrameParameters frame, PixelRect rect, Span<float> rgb);
}
