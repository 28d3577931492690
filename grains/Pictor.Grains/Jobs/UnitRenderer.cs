using Pictor.Contracts.Jobs;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Scenes;

namespace Pictor.Grains.Jobs;

/// <summary>Renders the tiles of a work unit on one device: one device call when they fill a rectangle, else one per tile.</summary>
/// <remarks>Pixels depend only on their coordinates, so either way each tile's pixels are bit-identical to rendering it alone.</remarks>
internal static class UnitRenderer
{
    /// <summary>Renders the tiles.</summary>
    /// <param name="device">The device.</param>
    /// <param name="scene">The scene evaluated at the frame, or null for the built-in anchor kernel.</param>
    /// <param name="frame">Frame size, samples per pixel and random key.</param>
    /// <param name="spec">The job spec (its tile plan).</param>
    /// <param name="tiles">Tile indices of the unit.</param>
    /// <returns>Each tile's linear RGB floats, row-major, in the order of <paramref name="tiles"/>.</returns>
    public static float[][] Render(
        IRenderDevice device, FrameScene? scene, FrameParameters frame, RenderJobSpec spec, IReadOnlyList<int> tiles)
    {
        var result = new float[tiles.Count][];
        if (tiles.Count > 1 && TilePlan.UnionRect(spec, tiles) is { } union)
        {
            var all = ToPixelRect(union);
            var rgb = new float[all.FloatCount];
            RenderRect(device, scene, frame, all, rgb);
            for (int i = 0; i < tiles.Count; i++)
            {
                var rect = TilePlan.Rect(spec, tiles[i]);
                var pixels = new float[rect.PixelCount * 3];
                int rowFloats = rect.Width * 3;
                for (int row = 0; row < rect.Height; row++)
                {
                    int from = ((((rect.Y - union.Y) + row) * union.Width) + (rect.X - union.X)) * 3;
                    Array.Copy(rgb, from, pixels, row * rowFloats, rowFloats);
                }

                result[i] = pixels;
            }

            return result;
        }

        for (int i = 0; i < tiles.Count; i++)
        {
            var rect = ToPixelRect(TilePlan.Rect(spec, tiles[i]));
            result[i] = new float[rect.FloatCount];
            RenderRect(device, scene, frame, rect, result[i]);
        }

        return result;
    }

    private static void RenderRect(IRenderDevice device, FrameScene? scene, in FrameParameters frame, PixelRect rect, float[] rgb)
    {
        if (scene is null)
        {
            device.Render(frame, rect, rgb);
        }
        else
        {
            device.Render(scene, frame, rect, rgb);
        }
    }

    private static PixelRect ToPixelRect(TileRect rect) => new(rect.X, rect.Y, rect.Width, rect.Height);
}
