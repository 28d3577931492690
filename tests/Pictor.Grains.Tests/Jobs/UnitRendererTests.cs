using Pictor.Contracts.Jobs;
using Pictor.Grains.Jobs;
using Pictor.Rendering;
using Pictor.Rendering.Devices;
using Pictor.Rendering.Import;
using Pictor.Rendering.Scenes;

namespace Pictor.Grains.Tests.Jobs;

/// <summary>A work unit renders the same pixels as its tiles rendered one by one, whether it is one device call or many.</summary>
public sealed class UnitRendererTests
{
    // 70×45 in 16-pixel tiles: 5 columns (the last 6 wide), 3 rows (the last 13 high).
    private static readonly RenderJobSpec Spec = new(RenderJobSpec.CornellSpheres, 70, 45, 2, TileSize: 16, Seed: 3);

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 })]
    [InlineData(new[] { 8, 9, 13, 14 })]
    [InlineData(new[] { 2, 3, 4, 7, 9 })]
    [InlineData(new[] { 6 })]
    public void Unit_IsBitIdenticalToItsTilesAlone(int[] tiles)
    {
        using var device = new ManagedCpuDevice("unit", 1);
        var frame = FrameParameters.Create(Spec.Width, Spec.Height, Spec.SamplesPerPixel, Spec.Seed, 0);
        var scene = FrameScene.Create(SceneLoader.Load(Spec.Scene).Geometry, 0, new RenderSettings(Integrator.Full));
        foreach (var candidate in new FrameScene?[] { null, scene })
        {
            var unit = UnitRenderer.Render(device, candidate, frame, Spec, tiles);
            Assert.Equal(tiles.Length, unit.Length);
            for (int i = 0; i < tiles.Length; i++)
            {
                var rect = TilePlan.Rect(Spec, tiles[i]);
                var alone = new float[rect.PixelCount * 3];
                var pixels = new PixelRect(rect.X, rect.Y, rect.Width, rect.Height);
                if (candidate is null)
                {
                    device.Render(frame, pixels, alone);
                }
                else
                {
                    device.Render(candidate, frame, pixels, alone);
                }

                Assert.Equal(alone, unit[i]);
            }
        }
    }
}
