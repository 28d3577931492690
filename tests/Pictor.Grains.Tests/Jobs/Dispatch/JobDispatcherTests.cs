using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs;
using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Tests.Jobs.Dispatch;

/// <summary>The dispatcher on its own: which units go out, and what it makes of answers, without a cluster.</summary>
public sealed class JobDispatcherTests
{
    [Fact]
    [Trait("Suite", "fast")]
    public void EveryTileGoesOutOnceAndTheJobDrains()
    {
        var f = new DispatchFakes(width: 256, height: 128, tile: 16, frames: 2);
        SiloCapacity[] silos = [DispatchFakes.Silo("a", 5), DispatchFakes.Silo("b", 1)];
        var sent = new List<int>();
        int units = 0;
        while (!f.Dispatcher.Drained)
        {
            var orders = f.Dispatcher.NextUnits(silos, 2);
            Assert.NotEmpty(orders);
            foreach (var order in orders)
            {
                units++;
                Assert.All(order.Requests, r => Assert.Equal(order.Work.Frame, f.Job.Locate(r.Ordinal).Frame));
                sent.AddRange(order.Requests.Select(r => r.Ordinal));
                var back = f.Dispatcher.Returned(f.Render(order, order.Silo + "-w0"), silos);
                Assert.Equal(order.Requests.Count, back.Rendered.Count);
                Assert.Null(back.JobError);
            }
        }

        Assert.Equal(Enumerable.Range(0, f.Job.Total), sent.Order());
        Assert.True(units < f.Job.Total, $"{units} units for {f.Job.Total} tiles: tiles were not batched");
        Assert.Equal(0, f.Dispatcher.UnitsInFlight);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void DoneTilesAreNeverSent()
    {
        var f = new DispatchFakes();
        foreach (int done in new[] { 0, 3, 4, 15 })
        {
            BitSet.Set(f.Done, done);
        }

        var sent = DrainAll(f, [DispatchFakes.Silo("a", 5)]);
        Assert.Equal(Enumerable.Range(0, 16).Except([0, 3, 4, 15]), sent.Order());
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AFailingTileIsRetriedWithBackOffUntilItUsesUpItsAttempts()
    {
        var f = new DispatchFakes(
            width: 16, height: 16, options: new GridOptions { MaxTileAttempts = 3, WorkerFailuresBeforeBlocklist = 10 });
        SiloCapacity[] silos = [DispatchFakes.Silo("a", 5)];
        var delays = new List<TimeSpan>();
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            var order = Assert.Single(f.Dispatcher.NextUnits(silos, 1));
            delays.Add(order.Delay);
            var back = f.Dispatcher.Returned(DispatchFakes.Fail(order, UnitOutcome.Failed, "a-w0"), silos);
            Assert.Empty(back.Rendered);
            if (attempt < 3)
            {
                Assert.Null(back.JobError);
                Assert.Contains(back.Notices, n => n.WorkerId is null && n.Message == "device fault");
            }
            else
            {
                Assert.Contains("failed 3 times", back.JobError);
            }
        }

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], delays);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AWorkerThatKeepsFailingIsBlocklistedAndExcluded()
    {
        var f = new DispatchFakes(options: new GridOptions { WorkerFailuresBeforeBlocklist = 2, MaxTileAttempts = 8 });
        SiloCapacity[] silos = [DispatchFakes.Silo("a", 5, "bad", "good")];
        var notices = new List<RetryNotice>();
        for (int i = 0; i < 2; i++)
        {
            var order = f.Dispatcher.NextUnits(silos, 2)[0];
            notices.AddRange(f.Dispatcher.Returned(DispatchFakes.Fail(order, UnitOutcome.Failed, "bad"), silos).Notices);
        }

        Assert.Contains("bad", f.Dispatcher.Failures.Blocklisted);
        Assert.Single(notices, n => n.WorkerId == "bad" && n.Message!.Contains("blocklisted", StringComparison.Ordinal));
        var next = f.Dispatcher.NextUnits(silos, 2);
        Assert.NotEmpty(next);
        Assert.All(next, o => Assert.Contains("bad", o.Work.ExcludedWorkers!));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AnUnreachableSiloUsesUpNoAttemptsIsAvoidedAndFailsTheJobOnlyAfterTheRetryWindow()
    {
        var options = new GridOptions { MaxTileAttempts = 2, SiloLossRetryWindow = TimeSpan.FromSeconds(30) };
        var f = new DispatchFakes(width: 16, height: 16, options: options);
        SiloCapacity[] silos = [DispatchFakes.Silo("a", 50), DispatchFakes.Silo("b", 1)];
        var first = Assert.Single(f.Dispatcher.NextUnits(silos, 2));
        Assert.Equal("a", first.Silo);
        var back = f.Dispatcher.Returned(DispatchFakes.Fail(first, UnitOutcome.Unreachable), silos);
        Assert.Null(back.JobError);
        Assert.Single(back.Notices);

        // The faster silo is suspect for a while: the retry goes to the other one, backed off.
        var retry = Assert.Single(f.Dispatcher.NextUnits(silos, 2));
        Assert.Equal("b", retry.Silo);
        Assert.Equal(TimeSpan.FromMilliseconds(200), retry.Delay);
        Assert.Null(f.Dispatcher.Returned(DispatchFakes.Fail(retry, UnitOutcome.Unreachable), silos).JobError);
        for (int i = 0; i < 5; i++)
        {
            f.Clock.Now += TimeSpan.FromSeconds(5);
            var order = Assert.Single(f.Dispatcher.NextUnits(silos, 2));
            Assert.Null(f.Dispatcher.Returned(DispatchFakes.Fail(order, UnitOutcome.Unreachable), silos).JobError);
        }

        f.Clock.Now += TimeSpan.FromSeconds(10);
        var last = Assert.Single(f.Dispatcher.NextUnits(silos, 2));
        Assert.Contains("stayed unreachable", f.Dispatcher.Returned(DispatchFakes.Fail(last, UnitOutcome.Unreachable), silos).JobError);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void AMisplacedUnitIsRetriedAsAGrainOfItsOwn()
    {
        var f = new DispatchFakes(width: 16, height: 16);
        SiloCapacity[] silos = [DispatchFakes.Silo("a", 5)];
        var first = Assert.Single(f.Dispatcher.NextUnits(silos, 1));
        Assert.Null(first.Work.Variant);
        f.Dispatcher.Returned(DispatchFakes.Fail(first, UnitOutcome.Misplaced), silos);
        var second = Assert.Single(f.Dispatcher.NextUnits(silos, 1));
        Assert.Equal("p1", second.Work.Variant);
        Assert.EndsWith("#p1", second.Work.UnitId, StringComparison.Ordinal);
        f.Dispatcher.Returned(DispatchFakes.Fail(second, UnitOutcome.Misplaced), silos);
        Assert.Equal("p2", Assert.Single(f.Dispatcher.NextUnits(silos, 1)).Work.Variant);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void TilesInFlightNeverExceedTheConfiguredCap()
    {
        var f = new DispatchFakes(width: 256, height: 256, options: new GridOptions { MaxTilesInFlightPerJob = 5 });
        SiloCapacity[] silos = [DispatchFakes.Silo("a", 1000, "w0", "w1", "w2", "w3")];
        var orders = f.Dispatcher.NextUnits(silos, 4);
        Assert.InRange(orders.Sum(o => o.Requests.Count), 1, 5);
        Assert.Empty(f.Dispatcher.NextUnits(silos, 4));
        f.Dispatcher.Returned(f.Render(orders[0], "w0"), silos);
        Assert.InRange(f.Dispatcher.NextUnits(silos, 4).Sum(o => o.Requests.Count), 1, orders[0].Requests.Count);
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void WithoutACapacityReportPlacementDecidesOneTileAtATimeWithinTheWindow()
    {
        var f = new DispatchFakes(width: 256, height: 256);
        var orders = f.Dispatcher.NextUnits([], 0);
        Assert.Equal(4, orders.Count);
        Assert.All(orders, o =>
        {
            Assert.Null(o.Silo);
            Assert.Single(o.Requests);
        });
        Assert.Empty(f.Dispatcher.NextUnits([], 0));
    }

    [Fact]
    [Trait("Suite", "fast")]
    public void QueuedRendersGoBeforeFreshTilesAndShareAUnitOnlyWhenAlike()
    {
        var f = new DispatchFakes(width: 64, height: 64, verification: true);
        SiloCapacity[] silos = [DispatchFakes.Silo("a", 1000)];
        foreach (string worker in new[] { "a-w0", "x", "y" })
        {
            f.Know(worker, f.Trusted());
        }

        f.Dispatcher.Enqueue([f.Check(5, "x"), f.Check(6, "x"), f.Check(7, "y")]);
        var orders = f.Dispatcher.NextUnits(silos, 1);
        Assert.Equal([5, 6], orders[0].Requests.Select(r => r.Ordinal));
        Assert.Equal("check", orders[0].Work.Variant);
        Assert.Contains("x", orders[0].Work.ExcludedWorkers!);
        Assert.Equal(7, Assert.Single(orders[1].Requests).Ordinal);
        Assert.Contains("y", orders[1].Work.ExcludedWorkers!);
        Assert.All(orders.Skip(2), o => Assert.Null(o.Work.Variant));
    }

    private static List<int> DrainAll(DispatchFakes f, SiloCapacity[] silos)
    {
        var sent = new List<int>();
        while (!f.Dispatcher.Drained)
        {
            foreach (var order in f.Dispatcher.NextUnits(silos, silos.Length))
            {
                sent.AddRange(order.Requests.Select(r => r.Ordinal));
                f.Dispatcher.Returned(f.Render(order, order.Silo + "-w0"), silos);
            }
        }

        return sent;
    }
}
