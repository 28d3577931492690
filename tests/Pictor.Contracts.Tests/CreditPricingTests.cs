using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;

namespace Pictor.Contracts.Tests;

/// <summary>The one pricing function: a tile's credits and a job's cost and reservation, within the ledger's range.</summary>
public sealed class CreditPricingTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void JobCredits_AreTheSumOfItsTilesCredits()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 100, 70, 3, TileSize: 32, FrameCount: 2);
        long tiles = Enumerable.Range(0, TilePlan.TilesPerFrame(spec))
            .Sum(t => CreditPricing.Credits(spec.Scene, (long)TilePlan.Rect(spec, t).PixelCount * spec.SamplesPerPixel));
        Assert.Equal(2 * tiles, CreditPricing.JobCredits(spec));
        Assert.Equal(2 * 100 * 70 * 3, CreditPricing.JobCredits(spec));
        Assert.Equal(2 * CreditPricing.JobCredits(spec), CreditPricing.Reservation(spec, verified: true));
        Assert.Equal(CreditPricing.JobCredits(spec), CreditPricing.Reservation(spec, verified: false));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Reservation_OfTheLargestJobTheLimitsAllow_FitsTheLedgersRange_AndABiggerOneIsRefused()
    {
        var limits = JobSpecLimits.Default;
        var largest = new RenderJobSpec(
            RenderJobSpec.CornellSpheres, limits.MaxWidth, limits.MaxHeight, limits.MaxSamplesPerPixel, FrameCount: limits.MaxFrames);
        Assert.Empty(JobSpecValidator.Validate(largest, limits));
        long reservation = CreditPricing.Reservation(largest, verified: true);
        Assert.Equal(2L * 16384 * 16384 * 65536 * 100_000, reservation);
        Assert.True(reservation <= LedgerAmounts.Max);

        // Past the range (or past 64 bits), the job is refused as an invalid spec, before anything is written.
        var huge = largest with { FrameCount = 1_000_000 };
        var ex = Assert.Throws<ArgumentException>(() => CreditPricing.Reservation(huge, verified: true));
        Assert.Contains("exceeds the largest amount the ledger takes", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CreditPricing.Reservation(largest with { FrameCount = int.MaxValue }, verified: false));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void LedgerAmounts_TryAdd_StopsAtTheLargestAmount()
    {
        Assert.True(LedgerAmounts.TryAdd(LedgerAmounts.Max - 1, 1, out long sum));
        Assert.Equal(LedgerAmounts.Max, sum);
        Assert.False(LedgerAmounts.TryAdd(LedgerAmounts.Max, 1, out _));
        Assert.False(LedgerAmounts.TryAdd(LedgerAmounts.Max, LedgerAmounts.Max, out _));
        Assert.False(LedgerAmounts.TryAdd(long.MaxValue, long.MaxValue, out _));
        Assert.False(LedgerAmounts.IsValid(0));
        Assert.False(LedgerAmounts.IsValid(LedgerAmounts.Max + 1));
        Assert.True(LedgerAmounts.IsValid(LedgerAmounts.Max));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AccountIds_AreShortWordsOfLettersDigitsAndAFewMarks()
    {
        Assert.True(AccountIds.IsValid("studio-7.renders_2026@example"));
        Assert.True(AccountIds.IsValid(AccountIds.Operator));
        Assert.False(AccountIds.IsValid(""));
        Assert.False(AccountIds.IsValid("has space"));
        Assert.False(AccountIds.IsValid("slash/inside"));
        Assert.False(AccountIds.IsValid(new string('a', AccountIds.MaxLength + 1)));
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 8, 8, 1, TileSize: 16, Account: "no/slash");
        Assert.Equal(
            ["account 'no/slash' is not a valid account id (1 to 64 letters, digits, '.', '_', '-' or '@')"],
            JobSpecValidator.Validate(spec, JobSpecLimits.Default));
        Assert.Empty(JobSpecValidator.Validate(spec with { Account = "studio" }, JobSpecLimits.Default));
    }
}
