using System.Runtime.CompilerServices;
using Pictor.Rendering.Numerics;
using Pictor.Rendering.Scenes;

namespace Pictor.Rendering.Kernels;

/// <summary>Bilinear lookups of sRGB RGBA8 textures, returning linear RGB. Kernel code.</summary>
public static class TextureSampler
{
    /// <summary>Samples texture <paramref name="texture"/> at (u, v), glTF orientation (v = 0 at the top row).</summary>
    /// <typeparam name="TScene">The scene access.</typeparam>
    /// <param name="scene">The scene.</param>
    /// <param name="texture">Texture index.</param>
    /// <param name="u">Horizontal coordinate.</param>
    /// <param name="v">Vertical coordinate.</param>
    /// <param name="srgb">Whether the texels are sRGB-encoded colour (base colour) rather than linear data (metallic-roughness).</param>
    /// <returns>Linear RGB.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Float3 Sample<TScene>(in TScene scene, int texture, float u, float v, bool srgb)
        where TScene : struct, ISceneData
    {
        var info = scene.Texture(texture);
        float x = (Clamp(u) * info.Width) - 0.5f;
        float y = (Clamp(v) * info.Height) - 0.5f;
        float fx0 = MathF.Floor(x);
        float fy0 = MathF.Floor(y);
        float tx = x - fx0;
        float ty = y - fy0;
        int x0 = Wrap((int)fx0, info.Width, info.WrapS);
        int x1 = Wrap((int)fx0 + 1, info.Width, info.WrapS);
        int y0 = Wrap((int)fy0, info.Height, info.WrapT);
        int y1 = Wrap((int)fy0 + 1, info.Height, info.WrapT);
        var c00 = Fetch(scene, info.Offset + (y0 * info.Width) + x0, srgb);
        var c10 = Fetch(scene, info.Offset + (y0 * info.Width) + x1, srgb);
        var c01 = Fetch(scene, info.Offset + (y1 * info.Width) + x0, srgb);
        var c11 = Fetch(scene, info.Offset + (y1 * info.Width) + x1, srgb);
        var top = (c00 * (1f - tx)) + (c10 * tx);
        var bottom = (c01 * (1f - tx)) + (c11 * tx);
        return (top * (1f - ty)) + (bottom * ty);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3 Fetch<TScene>(in TScene scene, int index, bool srgb)
        where TScene : struct, ISceneData
    {
        uint texel = scene.Texel(index);
        if (!srgb)
        {
            const float scale = 1f / 255f;
            return new Float3((texel & 0xFF) * scale, ((texel >> 8) & 0xFF) * scale, ((texel >> 16) & 0xFF) * scale);
        }

        return new Float3(
            scene.SrgbToLinear((int)(texel & 0xFF)), scene.SrgbToLinear((int)((texel >> 8) & 0xFF)),
            scene.SrgbToLinear((int)((texel >> 16) & 0xFF)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Clamp(float t) => t > 1e6f ? 1e6f : (t >= -1e6f ? t : (t < -1e6f ? -1e6f : 0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Wrap(int i, int size, TextureWrap mode)
    {
        if (mode == TextureWrap.Clamp)
        {
            return i < 0 ? 0 : (i >= size ? size - 1 : i);
        }

        if (mode == TextureWrap.Mirror)
        {
            int period = 2 * size;
            int m = ((i % period) + period) % period;
            return m < size ? m : period - 1 - m;
        }

        return ((i % size) + size) % size;
    }
}
