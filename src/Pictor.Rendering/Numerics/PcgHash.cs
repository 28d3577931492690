using System.Runtime.CompilerServices;

namespace Pictor.Rendering.Numerics;

/// <summary>The PCG hash used for every random number of the renderer.</summary>
/// <remarks>
/// Randomness is a pure function of (job seed, frame, pixel, sample, draw index): no state is shared
/// between pixels, so any tiling on any number of workers renders the same image.
/// </remarks>
public static class PcgHash
{
    /// <summary>Hashes one 32-bit value (PCG-RXS-M-XS).</summary>
    /// <param name="value">The input.</param>
    /// <returns>A well-mixed 32-bit value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(uint value)
    {
        uint state = unchecked((value * 747796405u) + 2891336453u);
        uint word = unchecked(((state >> (int)((state >> 28) + 4u)) ^ state) * 277803737u);
        return (word >> 22) ^ word;
    }

    /// <summary>Advances <paramref name="state"/> and returns a float uniform in [0, 1).</summary>
    /// <param name="state">The per-path random state.</param>
    /// <returns>A uniform float with 24 random bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float NextFloat(ref uint state)
    {
        state = Hash(state);
        return (state >> 8) * (1f / 16777216f);
    }

    /// <summary>The key that separates the random streams of different jobs and frames.</summary>
    /// <param name="seed">The job seed.</param>
    /// <param name="frame">The frame number.</param>
    /// <returns>A value mixed into every path's initial state.</returns>
    public static uint FrameKey(uint seed, int frame) =>
        Hash(seed ^ Hash(unchecked((uint)frame + 0x9E3779B9u)));

    /// <summary>The initial random state of one path.</summary>
    /// <param name="frameKey">The frame key from <see cref="FrameKey"/>.</param>
    /// <param name="pixelIndex">The pixel's index in the whole frame (y·width + x), independent of tiling.</param>
    /// <param name="sample">The sample index within the pixel.</param>
    /// <returns>The path's initial state.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint PathState(uint frameKey, uint pixelIndex, uint sample) =>
        Hash(unchecked((pixelIndex * 9781u) + (sample * 6271u) + 1u + frameKey));
}
