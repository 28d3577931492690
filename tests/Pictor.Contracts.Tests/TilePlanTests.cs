using Pictor.Contracts.Jobs;

namespace Pictor.Contracts.Tests;

public sealed class TilePlanTests
{
    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(512, 512, 64, 64)]
    [InlineData(100, 70, 32, 12)]
    [InlineData(16, 16, 64, 1)]
    public void Rects_CoverEveryPixelExactlyOnce(int width, int height, int tile, int expectedTiles)
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, width, height, 1, tile);
        Assert.Equal(expectedTiles, TilePlan.TilesPerFrame(spec));
        var covered = new int[width * height];
        for (int i = 0; i < TilePlan.TilesPerFrame(spec); i++)
        {
            var r = TilePlan.Rect(spec, i);
            for (int y = r.Y; y < r.Y + r.Height; y++)
            {
                for (int x = r.X; x < r.X + r.Width; x++)
                {
                    covered[(y * width) + x]++;
                }
            }
        }

        Assert.All(covered, c => Assert.Equal(1, c));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Rect_IndexOutOfPlan_Throws()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 1, 32);
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePlan.Rect(spec, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePlan.Rect(spec, -1));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void TileId_IsJobFrameTile()
    {
        Assert.Equal("j1/7/12", TilePlan.TileId("j1", 7, 12));
        Assert.Equal("j1/7", TilePlan.FrameId("j1", 7));
    }
}
