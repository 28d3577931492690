using Pictor.Contracts.Jobs;

namespace Pictor.Contracts.Tests;

public sealed class WorkUnitTests
{
    private static readonly RenderJobSpec Spec = new(RenderJobSpec.CornellSpheres, 100, 70, 4, 32);

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(new[] { 3 }, "j/2/3")]
    [InlineData(new[] { 3, 4, 5, 6 }, "j/2/3-6")]
    [InlineData(new[] { 0, 1, 5, 7, 8 }, "j/2/0-1,5,7-8")]
    public void UnitId_WritesTilesAsRanges(int[] tiles, string expected)
    {
        Assert.Equal(expected, TilePlan.UnitId("j", 2, tiles));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void UnitId_OfOneTile_IsThatTilesId()
    {
        Assert.Equal(TilePlan.TileId("job", 0, 11), TilePlan.UnitId("job", 0, [11]));
        var work = new WorkUnit("job", Spec, 0, [11], Variant: "check");
        Assert.Equal("job/0/11#check", work.UnitId);
        Assert.Equal("job/0/11#check", work.TileId(11));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void UnionRect_OfABlock_IsItsBoundsIncludingRaggedEdges()
    {
        // 100×70 in 32-pixel tiles: 4 columns (the last 4 wide), 3 rows (the last 6 high).
        var union = TilePlan.UnionRect(Spec, [6, 7, 10, 11]);
        Assert.Equal(new TileRect(64, 32, 36, 38), union);
        Assert.Equal(new TileRect(0, 0, 100, 70), TilePlan.UnionRect(Spec, Enumerable.Range(0, 12).ToList()));
        Assert.Equal(TilePlan.Rect(Spec, 5), TilePlan.UnionRect(Spec, [5]));
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new[] { 3, 4 })]
    [InlineData(new[] { 0, 1, 4 })]
    public void UnionRect_OfTilesThatDoNotFillARectangle_IsNull(int[] tiles)
    {
        Assert.Null(TilePlan.UnionRect(Spec, tiles));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void PixelSamples_CountsRaggedTilesAtTheirSize()
    {
        var work = new WorkUnit("j", Spec, 0, [3, 11]);
        Assert.Equal(((4 * 32) + (4 * 6)) * 4L, work.PixelSamples);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(new int[0])]
    [InlineData(new[] { -1 })]
    [InlineData(new[] { 12 })]
    [InlineData(new[] { 4, 3 })]
    [InlineData(new[] { 3, 3 })]
    public void ThrowIfInvalid_RefusesUnitsThatNameNoOrBadTiles(int[] tiles)
    {
        var work = new WorkUnit("j", Spec, 0, tiles);
        var error = Assert.Throws<ArgumentException>(work.ThrowIfInvalid);
        Assert.Equal("Tiles", error.ParamName);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ThrowIfInvalid_AcceptsAscendingDistinctTiles()
    {
        new WorkUnit("j", Spec, 0, [0, 5, 11]).ThrowIfInvalid();
    }
}
