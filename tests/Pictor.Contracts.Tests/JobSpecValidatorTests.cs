using Pictor.Contracts.Jobs;

namespace Pictor.Contracts.Tests;

public sealed class JobSpecValidatorTests
{
    private static readonly RenderJobSpec Valid = new(RenderJobSpec.CornellSpheres, 512, 512, 64);

    [Fact]
    [Trait("Suite", "fast")]
    public void Validate_DefaultDemoSpec_HasNoProblems()
    {
        Assert.Empty(JobSpecValidator.Validate(Valid, JobSpecLimits.Default));
    }

    public static TheoryData<RenderJobSpec, string> InvalidSpecs() => new()
    {
        { Valid with { Width = 0 }, "width is 0" },
        { Valid with { Width = -5 }, "width is -5" },
        { Valid with { Width = 16385 }, "width is 16385" },
        { Valid with { Height = 0 }, "height is 0" },
        { Valid with { Height = 20000 }, "height is 20000" },
        { Valid with { SamplesPerPixel = 0 }, "spp is 0" },
        { Valid with { SamplesPerPixel = -1 }, "spp is -1" },
        { Valid with { SamplesPerPixel = 65537 }, "spp is 65537" },
        { Valid with { TileSize = 0 }, "tile is 0" },
        { Valid with { TileSize = 8 }, "tile is 8" },
        { Valid with { TileSize = 5000 }, "tile is 5000" },
        { Valid with { FrameCount = 0 }, "frame count is 0" },
        { Valid with { FirstFrame = -1 }, "first frame is -1" },
        { Valid with { Scene = "builtin:nope" }, "scene 'builtin:nope' is unknown" },
        { Valid with { Scene = " " }, "scene is empty" },
    };

    [Theory]
    [Trait("Suite", "fast")]
    [MemberData(nameof(InvalidSpecs))]
    public void ThrowIfInvalid_BadSpec_NamesTheProblem(RenderJobSpec spec, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => JobSpecValidator.ThrowIfInvalid(spec, JobSpecLimits.Default));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Validate_SeveralProblems_ListsEach()
    {
        var errors = JobSpecValidator.Validate(Valid with { Width = 0, SamplesPerPixel = 0 }, JobSpecLimits.Default);
        Assert.Equal(2, errors.Count);
    }
}
