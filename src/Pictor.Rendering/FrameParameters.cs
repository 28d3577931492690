using Pictor.Rendering.Numerics;

namespace Pictor.Rendering;

/// <summary>Everything about one frame that every pixel of it needs: size, samples and its random-stream key.</summary>
/// <param name="Width">Frame width in pixels.</param>
/// <param name="Height">Frame height in pixels.</param>
/// <param name="SamplesPerPixel">Samples per pixel.</param>
/// <param name="FrameKey">The random-stream key from <see cref="PcgHash.FrameKey"/>.</param>
public readonly record struct FrameParameters(int Width, int Height, int SamplesPerPixel, uint FrameKey)
{
    /// <summary>Builds the parameters of frame <paramref name="frame"/> of a job with seed <paramref name="seed"/>.</summary>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="height">Frame height in pixels.</param>
    /// <param name="samplesPerPixel">Samples per pixel.</param>
    /// <param name="seed">The job seed.</param>
    /// <param name="frame">The frame number.</param>
    /// <returns>The frame parameters.</returns>
    public static FrameParameters Create(int width, int height, int samplesPerPixel, uint seed, int frame) =>
        new(width, height, samplesPerPixel, PcgHash.FrameKey(seed, frame));
}
