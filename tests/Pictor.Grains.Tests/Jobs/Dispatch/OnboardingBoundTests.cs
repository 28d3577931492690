using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs.Dispatch;
using Pictor.Grains.Verification;
using Xunit.Abstractions;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>A newcomer has few unverified tiles out until its verdicts return, so onboarding costs a bounded share of checks.</summary>
public sealed class OnboardingBoundTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Suite", "fast")]
    public void ANewcomerIsSentAtMostTheBoundUntilItsVerdictsReturn()
    {
        var f = new DispatchFakes(width: 256, height: 256, verification: true);
        f.Know("n1", f.Newcomer());
        f.Know("n2", f.Newcomer());
        SiloCapacity[] silos = [DispatchFakes.Silo("a", 5, "n1", "n2")];

        // One unit each, pinned to its slot (the other slot excluded), of the bound's size: 4 tiles.
        var first = f.Dispatcher.NextUnits(silos, 2);
        Assert.Equal(2, first.Count);
        Assert.All(first, o => Assert.Equal(4, o.Requests.Count));
        Assert.Equal(["n2"], first[0].Work.ExcludedWorkers!);
        Assert.Equal(["n1"], first[1].Work.ExcludedWorkers!);
        Assert.Empty(f.Dispatcher.NextUnits(silos, 2));

        // Back, but not yet decided: still out. Decided: every tile is drawn for a check, so still unverified.
        var rendered = first.SelectMany((o, i) => f.Dispatcher.Returned(f.Render(o, i == 0 ? "n1" : "n2"), silos).Rendered).ToList();
        Assert.Empty(f.Dispatcher.NextUnits(silos, 2));
        var decision = f.Verification.Decide(rendered);
        Assert.Equal(8, decision.FollowUps.Count(r => r.Kind == AttemptKind.Check));
        Assert.Equal(4, f.Verification.Run.Unverified("n1"));
        f.Dispatcher.Enqueue(decision.FollowUps);

        // Only the checks go now: each newcomer checks the other's tiles.
        var checks = f.Dispatcher.NextUnits(silos, 2);
        Assert.All(checks, o => Assert.Equal("check", o.Work.Variant));
        Assert.Equal(8, checks.Sum(o => o.Requests.Count));

        // Once the verdicts are back, the newcomers get their next tiles.
        var checked_ = checks.SelectMany(o => f.Dispatcher.Returned(
            f.Render(o, o.Work.ExcludedWorkers!.Contains("n1") ? "n2" : "n1"), silos).Rendered).ToList();
        var verdicts = f.Verification.Decide(checked_);
        Assert.Equal(16, verdicts.Verdicts.Count);
        Assert.Equal(0, f.Verification.Run.Unverified("n1"));
        var next = f.Dispatcher.NextUnits(silos, 2);
        Assert.Equal(2, next.Count);
        Assert.All(next, o => Assert.Equal(4, o.Requests.Count));
    }

    [Theory]
    [Trait("Suite", "fast")]
    [InlineData(20, 8)]
    [InlineData(100, 40)]
    public void AWorkerEarningTrustMayHaveTheBoundOverItsCheckProbabilityOut(long valid, int tiles)
    {
        var f = new DispatchFakes(width: 512, height: 512, verification: true);
        f.Know("w", f.Trusted(valid));
        var order = Assert.Single(f.Dispatcher.NextUnits([DispatchFakes.Silo("a", 5, "w")], 1));
        Assert.Equal(tiles, order.Requests.Count);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AtTheFloorAndForAnAnchorTheBoundLifts()
    {
        var f = new DispatchFakes(width: 512, height: 512, verification: true);
        f.Know("floor", f.Trusted(1000));
        f.Know("anchor", f.Anchor());
        Assert.Equal(int.MaxValue, f.Verification.OnboardingAllowance("floor"));
        Assert.Equal(int.MaxValue, f.Verification.OnboardingAllowance("anchor"));
        var orders = f.Dispatcher.NextUnits([DispatchFakes.Silo("a", 5, "floor", "anchor")], 2);
        Assert.True(orders[0].Requests.Count > 100, $"{orders[0].Requests.Count} tiles");
        Assert.Null(orders[0].Work.ExcludedWorkers);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ANewcomerTakesNoUnitOfTrustedWorkersAndTrustedWorkersNoneOfItsOwn()
    {
        var f = new DispatchFakes(width: 512, height: 512, verification: true);
        f.Know("trusted", f.Trusted(1000));
        f.Know("new", f.Newcomer());
        var orders = f.Dispatcher.NextUnits([DispatchFakes.Silo("a", 5, "trusted", "new")], 2);
        var pinned = Assert.Single(orders, o => !o.Work.ExcludedWorkers!.Contains("new"));
        Assert.Equal(["trusted"], pinned.Work.ExcludedWorkers!);
        Assert.Equal(4, pinned.Requests.Count);
        Assert.All(orders.Where(o => o != pinned), o => Assert.Equal(["new"], o.Work.ExcludedWorkers!));
        Assert.True(orders.Count > 2, "the trusted worker gets units of its own besides");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ZeroTurnsTheBoundOff()
    {
        var options = new GridOptions();
        options.Verification.OnboardingChecksInFlight = 0;
        var f = new DispatchFakes(width: 512, height: 512, options: options, verification: true);
        f.Know("new", f.Newcomer());
        var order = f.Dispatcher.NextUnits([DispatchFakes.Silo("a", 5, "new")], 1)[0];
        Assert.True(order.Requests.Count > 100, $"{order.Requests.Count} tiles");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AFreshGridOfNewcomers_SpendsAtMostATenthOfItsRendersOnChecks_ForThe16384TileJob()
    {
        // The job: 2048x2048 in 16-px tiles at 1 spp on a fresh grid of two CPU newcomers of different owners.
        var fresh = Job(bound: true, trust: null);
        output.WriteLine($"fresh: {fresh.CheckRenders} checks over {fresh.FirstRenders} first renders = {fresh.CheckShare:P2}");
        Assert.Null(fresh.StuckBecause);
        Assert.Equal(16_384, fresh.Finals.Count);
        Assert.All(fresh.Finals.Values, n => Assert.Equal(1, n));
        Assert.InRange(fresh.CheckShare, 0.0, 0.10);
        Assert.All(fresh.MostUnverifiedAsNewcomer.Values, n => Assert.InRange(n, 1, 4));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void WithoutTheBound_AFreshGridChecksMostOfThe16384TileJob()
    {
        // The measurement the bound answers: every tile sent before the first verdicts came back was checked.
        var unbounded = Job(bound: false, trust: null);
        output.WriteLine($"unbounded: {unbounded.CheckRenders} checks = {unbounded.CheckShare:P2}");
        Assert.True(unbounded.CheckShare > 0.5, $"{unbounded.CheckShare:P2}");
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void TheSecondJobOnTheSameGrid_SpendsAtMostOneTwentiethOnChecks()
    {
        var first = Job(bound: true, trust: null, out var fakes);
        var second = Job(bound: true, trust: fakes.Verification.Run.Trust);
        output.WriteLine($"first {first.CheckShare:P2}, second {second.CheckShare:P2}");
        Assert.Equal(16_384, second.Finals.Count);
        Assert.InRange(second.CheckShare, 0.0, 0.05);
    }

    private static HonestGridRun Job(bool bound, IReadOnlyDictionary<string, TrustRecord>? trust) => Job(bound, trust, out _);

    private static HonestGridRun Job(bool bound, IReadOnlyDictionary<string, TrustRecord>? trust, out DispatchFakes fakes)
    {
        var options = new GridOptions();
        if (!bound)
        {
            options.Verification.OnboardingChecksInFlight = 0;
        }

        // Two slots of about 8 Msamples/s each, as this machine's cores benchmark.
        fakes = new DispatchFakes(width: 2048, height: 2048, tile: 16, options: options, verification: true);
        var policy = new TrustPolicy(options.Verification);
        foreach (string worker in new[] { "box/cpu-0", "box/cpu-1" })
        {
            fakes.Know(worker, trust?[worker] ?? policy.Initial, wallet: string.Empty);
        }

        return new HonestGridRun(fakes, [DispatchFakes.Silo("box", 8, "box/cpu-0", "box/cpu-1")]).Run();
    }
}
