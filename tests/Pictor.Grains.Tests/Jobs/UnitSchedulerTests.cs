using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Tests.Jobs;

/// <summary>The job-side unit scheduler, driven by a simulated clock: who gets how many tiles, in what sizes.</summary>
public sealed class UnitSchedulerTests
{
    private const long TileSamples = 64 * 64 * 16;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(3.0, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(10.0, 1.0)]
    public void TilesFollowDeviceSpeed(double fast, double slow)
    {
        var tiles = Simulate(
            [Silo("fast", fast), Silo("slow", slow)], totalTiles: 2048, actual: new() { ["fast"] = fast, ["slow"] = slow });
        double ratio = (double)tiles["fast"] / tiles["slow"];
        Assert.Equal(2048, tiles.Values.Sum());
        Assert.InRange(ratio, fast / slow * 0.85, fast / slow * 1.15);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void MeasuredSpeedOverridesTheBenchmark()
    {
        // Both benchmark alike, but on this job "a" renders three times faster than "b".
        var tiles = Simulate([Silo("a", 2), Silo("b", 2)], totalTiles: 2048, actual: new() { ["a"] = 3, ["b"] = 1 });
        Assert.InRange((double)tiles["a"] / tiles["b"], 2.3, 3.5);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void UnitsAreSizedToTheDeviceAndShrinkAtTheTail()
    {
        var scheduler = new UnitScheduler(new GridOptions { WorkUnitSeconds = 0.25 });
        var silos = new[] { Silo("gpu", 100), Silo("cpu", 1) };

        // Early in a big job: about 0.25 s of compute on each device, whichever is fed first.
        var first = Drain(scheduler, silos, [], [], 100_000, Now).GroupBy(c => c.Silo).ToDictionary(g => g.Key, g => g.First().Tiles);
        Assert.Equal((int)(0.25 * 100e6 / TileSamples), first["gpu"]);
        Assert.Equal(3, first["cpu"]);

        // With 40 tiles left the GPU takes at most half its share of them.
        var tail = new UnitScheduler(new GridOptions { WorkUnitSeconds = 0.25 })
            .Choose(silos, [], [], TileSamples, 40 * TileSamples, 100_000, Now);
        Assert.Equal("gpu", tail!.Silo);
        Assert.InRange(tail.Tiles, 1, 20);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void NoSiloIsGivenMoreThanItsHorizon()
    {
        var scheduler = new UnitScheduler(new GridOptions { WorkUnitSeconds = 0.25 });
        var silos = new[] { Silo("only", 1) };
        int units = 0;
        while (scheduler.Choose(silos, [], [], TileSamples, 10_000 * TileSamples, 10_000, Now) is { } choice)
        {
            scheduler.Dispatched(choice.Silo, choice.Tiles * TileSamples);
            Assert.True(++units <= UnitScheduler.UnitsAheadPerSlot + 1, "the scheduler kept feeding a full silo");
        }

        Assert.InRange(units, 1, UnitScheduler.UnitsAheadPerSlot + 1);
        scheduler.Returned("only", 3 * TileSamples);
        Assert.NotNull(scheduler.Choose(silos, [], [], TileSamples, 10_000 * TileSamples, 10_000, Now));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void SuspectAvoidedAndExcludedSilosGetNoUnits()
    {
        var scheduler = new UnitScheduler(new GridOptions());
        var silos = new[] { Silo("a", 5), Silo("b", 1) };
        scheduler.Suspect("a", Now.AddSeconds(5));
        Assert.All(Drain(scheduler, silos, [], [], 1000, Now), c => Assert.Equal("b", c.Silo));

        // Once the suspicion ends, or when it is the only silo left, a suspect silo is used again.
        Assert.Contains(Drain(new UnitScheduler(new GridOptions()), silos, [], [], 1000, Now.AddSeconds(6)), c => c.Silo == "a");
        var onlySuspect = new UnitScheduler(new GridOptions());
        onlySuspect.Suspect("a", Now.AddSeconds(5));
        Assert.Equal("a", onlySuspect.Choose(silos, ["b"], [], TileSamples, 1000 * TileSamples, 1000, Now)!.Silo);

        scheduler = new UnitScheduler(new GridOptions());
        Assert.Equal("b", scheduler.Choose(silos, ["a"], [], TileSamples, 1000 * TileSamples, 1000, Now.AddSeconds(6))!.Silo);
        Assert.Equal("b", scheduler.Choose(silos, [], ["a-w0"], TileSamples, 1000 * TileSamples, 1000, Now.AddSeconds(6))!.Silo);
        Assert.Null(scheduler.Choose(silos, ["b"], ["a-w0"], TileSamples, 1000 * TileSamples, 1000, Now));
        Assert.False(UnitScheduler.AnyCandidate(silos, ["b"], ["a-w0"]));
        Assert.True(UnitScheduler.AnyCandidate(silos, ["b"], []));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void BelowSpecSlotsAreNotCandidates()
    {
        var scheduler = new UnitScheduler(new GridOptions());
        var silos = new[]
        {
            new SiloCapacity("weak", "h", [new SlotCapacity("weak-w0", "cpu", 0.1, Eligible: false, Busy: false)], 0, Now),
        };
        Assert.Null(scheduler.Choose(silos, [], [], TileSamples, 100 * TileSamples, 100, Now));
    }

    /// <summary>Every unit the scheduler hands out before each silo has enough ahead of it.</summary>
    private static List<UnitChoice> Drain(
        UnitScheduler scheduler, SiloCapacity[] silos, string[] avoid, string[] excluded, int tilesLeft, DateTimeOffset now)
    {
        var choices = new List<UnitChoice>();
        while (choices.Count < 100
            && scheduler.Choose(silos, avoid, excluded, TileSamples, tilesLeft * TileSamples, tilesLeft, now) is { } choice)
        {
            choices.Add(choice);
            scheduler.Dispatched(choice.Silo, choice.Tiles * TileSamples);
        }

        Assert.InRange(choices.Count, 1, 99);
        return choices;
    }

    private static SiloCapacity Silo(string name, double msamples) =>
        new(name, "host-" + name, [new SlotCapacity(name + "-w0", "cpu", msamples, Eligible: true, Busy: false)], 0, Now);

    /// <summary>Runs a job of <paramref name="totalTiles"/> through the scheduler with each silo rendering at its actual speed.</summary>
    private static Dictionary<string, int> Simulate(SiloCapacity[] silos, int totalTiles, Dictionary<string, double> actual)
    {
        var scheduler = new UnitScheduler(new GridOptions { WorkUnitSeconds = 0.25 });
        var tiles = silos.ToDictionary(s => s.SiloAddress, _ => 0);
        var busyUntil = silos.ToDictionary(s => s.SiloAddress, _ => 0.0);
        var running = new List<(double Done, string Silo, int Tiles)>();
        double clock = 0;
        int left = totalTiles;
        while (left > 0 || running.Count > 0)
        {
            while (left > 0 && scheduler.Choose(silos, [], [], TileSamples, left * TileSamples, left, Now) is { } choice)
            {
                int n = Math.Min(choice.Tiles, left);
                left -= n;
                tiles[choice.Silo] += n;
                scheduler.Dispatched(choice.Silo, n * TileSamples);
                double start = Math.Max(clock, busyUntil[choice.Silo]);
                busyUntil[choice.Silo] = start + (n * TileSamples / (actual[choice.Silo] * 1e6));
                running.Add((busyUntil[choice.Silo], choice.Silo, n));
            }

            var next = running.MinBy(r => r.Done);
            running.Remove(next);
            clock = next.Done;
            scheduler.Returned(next.Silo, next.Tiles * TileSamples);
            scheduler.Observe(
                next.Silo, next.Tiles * TileSamples, next.Tiles * TileSamples / (actual[next.Silo] * 1e6),
                silos.Single(s => s.SiloAddress == next.Silo).Slots[0].MsamplesPerSecond);
        }

        return tiles;
    }
}
