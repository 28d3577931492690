using ILGPU;

namespace Pictor.Rendering.Kernels;

/// <summary>The arguments of <see cref="TileKernels.RenderScene"/>.</summary>
/// <param name="Output">Linear RGB floats of the rectangle, row-major.</param>
/// <param name="Frame">Frame size, samples and random key.</param>
/// <param name="Rect">The rectangle of the frame being rendered.</param>
/// <param name="Scene">The frame scene's views.</param>
public readonly record struct SceneKernelArgs(ArrayView<float> Output, FrameParameters Frame, PixelRect Rect, SceneViews Scene);
