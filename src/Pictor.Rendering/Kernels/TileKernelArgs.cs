using ILGPU;

namespace Pictor.Rendering.Kernels;

/// <summary>The arguments of <see cref="TileKernels.RenderNaive"/>: where to write and what to render.</summary>
/// <param name="Output">Linear RGB floats of the rectangle, row-major.</param>
/// <param name="Frame">Frame size, samples and random key.</param>
/// <param name="Rect">The rectangle of the frame being rendered.</param>
public readonly record struct TileKernelArgs(ArrayView<float> Output, FrameParameters Frame, PixelRect Rect);
