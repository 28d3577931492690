using Pictor.Contracts.Workers;
using Pictor.Grains.Placement;

namespace Pictor.Grains.Tests.Placement;

public sealed class DeviceDirectoryCacheTests
{
    private static SiloCapacity Silo(string address, int queued, params (double Speed, bool Eligible, bool Busy)[] slots) =>
        new(
            address, address,
            slots.Select((s, i) => new SlotCapacity($"{address}/cpu-{i}", "cpu-managed", s.Speed, s.Eligible, s.Busy)).ToList(), queued,
            DateTimeOffset.UtcNow);

    [Fact]
    [Trait("Suite", "fast")]
    public void Choose_ThreeTimesFasterSilo_GetsThreeTimesTheTiles()
    {
        var cache = new DeviceDirectoryCache();
        cache.Refresh([Silo("fast", 0, (30, true, false)), Silo("slow", 0, (10, true, false))]);
        var picks = Enumerable.Range(0, 400).Select(_ => cache.Choose(["fast", "slow"])).ToList();
        Assert.Equal(300, picks.Count(p => p == "fast"));
        Assert.Equal(100, picks.Count(p => p == "slow"));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void SpeedWeightedSlots_CountsEachEligibleSlotByItsSpeedOverTheSlowest()
    {
        var cache = new DeviceDirectoryCache();
        Assert.Equal(0, cache.SpeedWeightedSlots);
        cache.Refresh([Silo("a", 0, (10, true, false), (10, true, false)), Silo("b", 0, (10, true, false))]);
        Assert.Equal(3, cache.SpeedWeightedSlots);

        // 42x and 2.5x the slowest: 42 + 3 + 1; the below-spec slot does not count, however fast.
        cache.Refresh([Silo("gpu", 0, (420, true, false), (25, true, false)), Silo("old", 0, (10, true, false), (9000, false, false))]);
        Assert.Equal(46, cache.SpeedWeightedSlots);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void SpeedWeightedWindow_LetsAFortyTimesSlowerDeviceWork()
    {
        // With two tiles per weighted slot in flight, the fast silo's queue grows until the slow one finishes sooner.
        var cache = new DeviceDirectoryCache();
        cache.Refresh([Silo("fast", 0, (42, true, false)), Silo("slow", 0, (1, true, false))]);
        int window = 2 * cache.SpeedWeightedSlots;
        var picks = Enumerable.Range(0, window).Select(_ => cache.Choose(["fast", "slow"])).ToList();
        Assert.Contains("slow", picks);
        Assert.True(picks.Count(p => p == "fast") >= 40 * picks.Count(p => p == "slow"), string.Join(",", picks));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Choose_QueuedWork_SendsTheNextTileWhereItFinishesFirst()
    {
        var cache = new DeviceDirectoryCache();
        cache.Refresh([Silo("busy", 9, (10, true, true)), Silo("idle", 0, (5, true, false))]);
        // busy: (9 queued + 1 running + 1) / 10 = 1.1 s; idle: 1 / 5 = 0.2 s.
        Assert.Equal("idle", cache.Choose(["busy", "idle"]));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Choose_IgnoresIneligibleDevicesUnknownSilosAndNonCandidates()
    {
        var cache = new DeviceDirectoryCache();
        cache.Refresh(
            [Silo("below-spec", 0, (100, false, false)), Silo("ok", 5, (1, true, false)), Silo("elsewhere", 0, (100, true, false))]);
        Assert.Equal("ok", cache.Choose(["below-spec", "ok", "unknown"]));
        Assert.Null(cache.Choose(["below-spec", "unknown"]));
        Assert.Equal(1, cache.EligibleSlots - 1);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void Refresh_ResetsTheLocalPlacementCounts()
    {
        var cache = new DeviceDirectoryCache();
        var report = new[] { Silo("a", 0, (10, true, false)), Silo("b", 0, (10, true, false)) };
        cache.Refresh(report);
        Assert.Equal("a", cache.Choose(["a", "b"]));
        Assert.Equal("b", cache.Choose(["a", "b"]));
        cache.Refresh(report);
        Assert.Equal("a", cache.Choose(["a", "b"]));
    }
}
