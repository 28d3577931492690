using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>Checkers are independent of the render they check by owner (wallet), not by slot; a check with none in view waits.</summary>
public sealed class OwnerIndependenceTests
{
    private const string Owner = "0x1111111111111111111111111111111111111111";
    private const string Other = "0x2222222222222222222222222222222222222222";

    [Fact]
    [Trait("Suite", "fast")]
    public void TwoSlotsOfOneOwnerNeverCheckEachOther_AnotherOwnersSlotDoes()
    {
        var f = new DispatchFakes(verification: true);
        f.Know("box/cpu-0", f.Trusted(), wallet: Owner);
        f.Know("box/cpu-1", f.Trusted(), wallet: Owner.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal));
        f.Know("far/cpu-0", f.Trusted(), wallet: Other);
        SiloCapacity[] silos = [DispatchFakes.Silo("box", 1000, "box/cpu-0", "box/cpu-1"), DispatchFakes.Silo("far", 1, "far/cpu-0")];
        f.Dispatcher.Enqueue([new TileRequest(5, AttemptKind.Check, [f.Prior(5, "box/cpu-0")])]);

        var check = f.Dispatcher.NextUnits(silos, 3).Single(o => o.Work.Variant == "check");
        Assert.Equal("far", check.Silo);
        Assert.Contains("box/cpu-1", check.Work.ExcludedWorkers!);
        Assert.Contains("box/cpu-0", check.Work.ExcludedWorkers!);
        Assert.False(f.Verification.IsIndependent("box/cpu-1", "box/cpu-0"));
        Assert.True(f.Verification.IsIndependent("far/cpu-0", "box/cpu-0"));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ATieBreakIsIndependentOfBothRenders()
    {
        var f = new DispatchFakes(verification: true);
        f.Know("a/0", f.Trusted(), wallet: Owner);
        f.Know("b/0", f.Trusted(), wallet: Other);
        f.Know("b/1", f.Trusted(), wallet: Other);
        f.Know("c/0", f.Trusted(), wallet: "0x3333333333333333333333333333333333333333");
        SiloCapacity[] silos = [DispatchFakes.Silo("ab", 1000, "a/0", "b/0", "b/1"), DispatchFakes.Silo("c", 1, "c/0")];
        f.Dispatcher.Enqueue([new TileRequest(3, AttemptKind.Tiebreak, [f.Prior(3, "a/0"), f.Prior(3, "b/0")])]);
        var tiebreak = f.Dispatcher.NextUnits(silos, 4).Single(o => o.Work.Variant == "tiebreak");
        Assert.Equal("c", tiebreak.Silo);
        Assert.Equal(["a/0", "b/0", "b/1"], tiebreak.Work.ExcludedWorkers!.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void WithNoIndependentCheckerInView_TheCheckWaits_FreshTilesGoOn_AndACheckerThatAppearsTakesIt()
    {
        var f = new DispatchFakes(width: 256, height: 256, verification: true);
        f.Know("box/cpu-0", f.Trusted(), wallet: Owner);
        f.Know("box/cpu-1", f.Trusted(), wallet: Owner);
        SiloCapacity[] alone = [DispatchFakes.Silo("box", 5, "box/cpu-0", "box/cpu-1")];
        f.Dispatcher.Enqueue([new TileRequest(5, AttemptKind.Check, [f.Prior(5, "box/cpu-0")])]);

        var orders = f.Dispatcher.NextUnits(alone, 2);
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Null(o.Work.Variant));
        Assert.StartsWith(
            "waiting for an independent checker for the renders of box/cpu-0", f.Dispatcher.Waiting, StringComparison.Ordinal);
        Assert.False(f.Dispatcher.Drained);

        f.Know("far/cpu-0", f.Trusted(), wallet: Other);
        SiloCapacity[] joined = [.. alone, DispatchFakes.Silo("far", 5, "far/cpu-0")];
        var check = f.Dispatcher.NextUnits(joined, 3).Single(o => o.Work.Variant == "check");
        Assert.Equal("far", check.Silo);
        Assert.Null(f.Dispatcher.Waiting);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AnUnownedWorkerChecksOnlyUnownedRenders_AndAnAnchorChecksAnyoneButItself()
    {
        var f = new DispatchFakes(verification: true);
        f.Know("owned", f.Trusted(), wallet: Owner);
        f.Know("unowned", f.Trusted(), wallet: string.Empty);
        f.Know("unowned-2", f.Trusted(), wallet: string.Empty);
        f.Know("anchor", f.Anchor(), wallet: Owner);

        // No wallet stakes nothing: it may not vouch for an owner's pay, but may check another walletless slot.
        Assert.False(f.Verification.IsIndependent("unowned", "owned"));
        Assert.True(f.Verification.IsIndependent("unowned-2", "unowned"));
        Assert.True(f.Verification.IsIndependent("owned", "unowned"));
        Assert.True(f.Verification.IsIndependent("anchor", "owned"));
        Assert.False(f.Verification.IsIndependent("anchor", "anchor"));

        // A worker the core holds no registration for checks nobody.
        Assert.False(f.Verification.IsIndependent("stranger", "unowned"));
    }
}
