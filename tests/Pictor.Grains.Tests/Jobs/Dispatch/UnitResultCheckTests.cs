using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>A worker's answer must be the unit it was sent, tile for tile; anything else is refused with the reason.</summary>
public sealed class UnitResultCheckTests
{
    private readonly DispatchFakes _f = new(width: 64, height: 64);
    private readonly SiloCapacity[] _silos = [DispatchFakes.Silo("a", 1000)];

    [Fact]
    [Trait("Suite", "fast")]
    public void AnHonestAnswerPasses()
    {
        var (order, answer) = Answer();
        Assert.Null(UnitResultCheck.Mismatch(order.Work, answer));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AnAnswerForAnotherUnitIsRefused()
    {
        var (order, answer) = Answer();
        string? why = UnitResultCheck.Mismatch(order.Work, answer with { UnitId = "job-1/0/99" });
        Assert.Contains("answered unit job-1/0/99", why, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AnAnswerWithATileMissingOrAnotherTilesIdIsRefused()
    {
        var (order, answer) = Answer();
        Assert.Contains("tiles for", UnitResultCheck.Mismatch(order.Work, answer with { Tiles = answer.Tiles.Skip(1).ToList() }),
            StringComparison.Ordinal);
        var swapped = answer.Tiles.ToList();
        swapped[0] = swapped[0] with { TileId = order.Work.TileId(15) };
        Assert.Contains("where tile", UnitResultCheck.Mismatch(order.Work, answer with { Tiles = swapped }), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void ATileOfTheWrongSizeOrByAnotherWorkerIsRefused()
    {
        var (order, answer) = Answer();
        var small = answer.Tiles.ToList();
        small[^1] = small[^1] with { Pixels = new float[3] };
        Assert.Contains("floats for tile", UnitResultCheck.Mismatch(order.Work, answer with { Tiles = small }), StringComparison.Ordinal);
        var other = answer.Tiles.ToList();
        other[0] = other[0] with { WorkerId = "someone-else" };
        Assert.Contains("not by the unit's worker", UnitResultCheck.Mismatch(order.Work, answer with { Tiles = other }),
            StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AHostileIdIsCutShortInTheMessage()
    {
        var (order, answer) = Answer();
        string? why = UnitResultCheck.Mismatch(order.Work, answer with { UnitId = new string('x', 10_000) });
        Assert.InRange(why!.Length, 1, 200);
    }

    private (UnitOrder Order, WorkUnitResult Answer) Answer()
    {
        var order = _f.Dispatcher.NextUnits(_silos, 1)[0];
        Assert.True(order.Requests.Count > 1, "the test wants a unit of several tiles");
        return (order, _f.Render(order, "a-w0").Result!);
    }
}
