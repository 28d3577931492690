using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>The variant grammar on the wire is pinned: unit-grain ids of running jobs depend on it.</summary>
public sealed class UnitVariantTests
{
    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(AttemptKind.Primary, 0, 0, null)]
    [InlineData(AttemptKind.Check, 0, 0, "check")]
    [InlineData(AttemptKind.Tiebreak, 0, 0, "tiebreak")]
    [InlineData(AttemptKind.Primary, 2, 0, "r2")]
    [InlineData(AttemptKind.Check, 1, 0, "r1-check")]
    [InlineData(AttemptKind.Tiebreak, 3, 0, "r3-tiebreak")]
    [InlineData(AttemptKind.Primary, 0, 1, "p1")]
    [InlineData(AttemptKind.Check, 0, 2, "check-p2")]
    [InlineData(AttemptKind.Primary, 1, 4, "r1-p4")]
    [InlineData(AttemptKind.Tiebreak, 2, 3, "r2-tiebreak-p3")]
    internal void WritesAndReadsTheWireForm(AttemptKind kind, int reissue, int replacement, string? wire)
    {
        var variant = new UnitVariant(kind, reissue, replacement);
        Assert.Equal(wire, variant.Wire);
        Assert.True(UnitVariant.TryParse(wire, out var read));
        Assert.Equal(variant, read);
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData("")]
    [InlineData("r0")]
    [InlineData("check-r1")]
    [InlineData("p1-check")]
    [InlineData("r-1")]
    [InlineData("checks")]
    [InlineData("r1--check")]
    [InlineData("p01")]
    public void RefusesWhatItDoesNotWrite(string wire) => Assert.False(UnitVariant.TryParse(wire, out _));
}
