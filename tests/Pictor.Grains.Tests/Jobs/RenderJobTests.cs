using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Rendering;
using Pictor.Rendering.Devices;

namespace Pictor.Grains.Tests.Jobs;

[Collection(GridClusterCollection.Name)]
public sealed class RenderJobTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan JobDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Job_ThroughTwoSilos_CompletesWithEveryTileCreditedOnceAndFrameEqualToLocalRender()
    {
        var client = fixture.Client;
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 128, 96, 4, TileSize: 32, Seed: 42);
        string jobId = $"job-{Guid.NewGuid():N}";
        var events = new ConcurrentQueue<JobProgressEvent>();
        await using (await client.WatchAsync(jobId, e =>
        {
            events.Enqueue(e);
            return Task.CompletedTask;
        }))
        {
            var submitted = await client.SubmitAsync(jobId, spec);
            Assert.Equal(JobPhase.Running, submitted.Phase);
            Assert.Equal(12, submitted.TilesTotal);
            var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(JobDeadline).Token);
            Assert.Equal(JobPhase.Completed, status.Phase);
            Assert.Equal(12, status.TilesDone);
            Assert.Equal(1, status.FramesDone);

            // Every tile was announced on the stream (delivery may trail the status by a moment).
            await Eventually.WaitAsync(
                () => Task.FromResult(events.Count(e => e.Kind == JobProgressKind.JobCompleted)),
                n => n == 1,
                TimeSpan.FromSeconds(10),
                "the JobCompleted event");
        }

        var tileEvents = events.Where(e => e.Kind == JobProgressKind.TileCompleted).ToList();
        Assert.Equal(Enumerable.Range(0, 12), tileEvents.Select(e => e.TileIndex).Order());
        Assert.Equal(12, tileEvents.Max(e => e.TilesDone));
        Assert.Single(events, e => e.Kind == JobProgressKind.FrameCompleted);

        var paid = PaidCredits.ForTiles(await client.ReadJournalAsync(), jobId);
        Assert.Equal(12, paid.Count);
        Assert.Equal(12, paid.Select(c => LedgerEntries.TileOf(c.TileId)).Distinct().Count());
        Assert.Equal(spec.PixelSamplesPerFrame, paid.Sum(c => c.Amount));
        var workers = (await client.GetWorkersAsync()).Select(w => w.Registration.WorkerId).ToHashSet();
        Assert.All(paid, c => Assert.Contains(c.WorkerId, workers));

        var frame = await client.GetFrameAsync(jobId, 0);
        using var device = new ManagedCpuDevice("reference", 2);
        var local = LocalRenderer.RenderFrame(device, FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, 0));
        Assert.Equal(local.Pixels, frame.Pixels);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Job_SeveralFrames_StoresEachFrameWithItsOwnNoise()
    {
        var client = fixture.Client;
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 48, 32, 2, TileSize: 16, FirstFrame: 5, FrameCount: 2, Seed: 3);
        string jobId = $"job-{Guid.NewGuid():N}";
        await client.SubmitAsync(jobId, spec);
        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(JobDeadline).Token);
        Assert.Equal(JobPhase.Completed, status.Phase);
        Assert.Equal(2, status.FramesDone);
        var five = await client.GetFrameAsync(jobId, 5);
        var six = await client.GetFrameAsync(jobId, 6);
        using var device = new ManagedCpuDevice("reference", 1);
        Assert.Equal(LocalRenderer.RenderFrame(device, FrameParameters.Create(48, 32, 2, 3, 6)).Pixels, six.Pixels);
        Assert.NotEqual(five.Pixels, six.Pixels);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetFrameAsync(jobId, 7));
    }

    public static TheoryData<RenderJobSpec, string> InvalidSpecs() => new()
    {
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, 0, 64, 4), "width is 0" },
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, -64, 64, 4), "width is -64" },
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 99999, 4), "height is 99999" },
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 0), "spp is 0" },
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 100000), "spp is 100000" },
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 4, TileSize: 0), "tile is 0" },
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 4, TileSize: -16), "tile is -16" },
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 4, TileSize: 8192), "tile is 8192" },
        { new RenderJobSpec(RenderJobSpec.CornellSpheres, 16384, 16384, 4, TileSize: 16, FrameCount: 1000), "tiles exceed the limit" },
    };

    [Theory]
    [Trait("Suite", "cluster")]
    [MemberData(nameof(InvalidSpecs))]
    public async Task Submit_InvalidSpec_IsRejectedWithAClearMessageBeforeAnyWork(RenderJobSpec spec, string expected)
    {
        // Straight to the grain, past the SDK's own check: the grid must defend itself.
        string jobId = $"bad-{Guid.NewGuid():N}";
        var job = fixture.Cluster.Client.GetGrain<IRenderJobGrain>(jobId);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => job.SubmitAsync(spec));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        var status = await job.GetStatusAsync();
        Assert.Equal(JobPhase.None, status.Phase);
        Assert.Null(status.Spec);
        Assert.DoesNotContain(await fixture.Client.ReadJournalAsync(), e => e.Credit.JobId == jobId);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task SdkSubmit_InvalidSpec_ThrowsWithoutCallingTheGrid()
    {
        string jobId = $"bad-{Guid.NewGuid():N}";
        var ex = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Client.SubmitAsync(jobId, new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, -3)));
        Assert.Contains("spp is -3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(JobPhase.None, (await fixture.Client.GetStatusAsync(jobId)).Phase);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Submit_SameSpecTwice_IsOneJobAndADifferentSpecIsRefused()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 32, 32, 1, TileSize: 16);
        string jobId = $"job-{Guid.NewGuid():N}";
        var first = await fixture.Client.SubmitAsync(jobId, spec);
        var again = await fixture.Client.SubmitAsync(jobId, spec);
        Assert.Equal(first.SubmittedAt, again.SubmittedAt);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.SubmitAsync(jobId, spec with { SamplesPerPixel = 2 }));
        Assert.Contains("different spec", ex.Message, StringComparison.Ordinal);
        var done = await fixture.Client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(JobDeadline).Token);
        Assert.Equal(JobPhase.Completed, done.Phase);
        Assert.Equal(4, PaidCredits.ForTiles(await fixture.Client.ReadJournalAsync(), jobId).Count);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task TileGrain_AskedTwice_ReturnsTheStoredResultWithoutRenderingAgain()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 32, 32, 2, TileSize: 16);
        string jobId = $"tile-{Guid.NewGuid():N}";
        var work = new WorkUnit(jobId, spec, 0, [3]);
        var tile = fixture.Cluster.Core.GetGrain<IWorkUnitGrain>(work.UnitId);
        var first = await tile.RenderAsync(work);
        var second = await tile.RenderAsync(work);
        Assert.Equal(first.WorkerId, second.WorkerId);
        Assert.Equal(first.RenderSeconds, second.RenderSeconds);
        Assert.Equal(first.Tiles[0].Pixels, second.Tiles[0].Pixels);
        await Assert.ThrowsAsync<ArgumentException>(() => tile.RenderAsync(work with { Tiles = [2] }));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task UnitGrain_SeededWithAnotherSpec_RendersAgainForTheSpecAskedFor_AndTheJobsFrameIsExact()
    {
        // One tile is one unit, so the job's unit id is known before it is submitted: {job}/0/0.
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 16, 16, 2, TileSize: 16, Seed: 7);
        string jobId = $"seeded-{Guid.NewGuid():N}";
        var seeded = new WorkUnit(jobId, spec with { Seed = 99 }, 0, [0]);
        var grain = fixture.Cluster.Core.GetGrain<IWorkUnitGrain>(seeded.UnitId);
        var planted = await grain.RenderAsync(seeded);

        var asked = await grain.RenderAsync(seeded with { Spec = spec });
        Assert.NotEqual(planted.Tiles[0].Pixels, asked.Tiles[0].Pixels);
        var device = new ManagedCpuDevice("reference", 1);
        var expected = LocalRenderer.RenderFrame(device, FrameParameters.Create(16, 16, 2, 7, 0)).Pixels;
        Assert.Equal(expected, asked.Tiles[0].Pixels);

        // Seeded again, then the job itself: its frame is the spec's, not the seed's.
        await grain.RenderAsync(seeded);
        await fixture.Client.SubmitAsync(jobId, spec);
        var status = await fixture.Client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(JobDeadline).Token);
        Assert.Equal(JobPhase.Completed, status.Phase);
        Assert.Equal(expected, (await fixture.Client.GetFrameAsync(jobId, 0)).Pixels);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Job_OfManySmallTiles_GoesOutInMultiTileUnitsWithOneCreditPerTileAndTheSameImage()
    {
        var client = fixture.Client;
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 512, 256, 1, TileSize: 16, Seed: 9);
        string jobId = $"units-{Guid.NewGuid():N}";
        var unitSizes = new ConcurrentBag<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GridMetrics.MeterName && instrument.Name == "pictor.tiles.rendered")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => unitSizes.Add(value));
        listener.Start();

        await client.SubmitAsync(jobId, spec);
        var status = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(50), new CancellationTokenSource(JobDeadline).Token);
        Assert.Equal(JobPhase.Completed, status.Phase);
        listener.Dispose();

        // 512 tiles of 256 pixel-samples each: far below a unit's worth of work, so the job batches them.
        Assert.Contains(unitSizes, n => n > 1);
        var paid = PaidCredits.ForTiles(await client.ReadJournalAsync(), jobId);
        Assert.Equal(512, paid.Count);
        Assert.Equal(512, paid.Select(c => c.TileId).Distinct().Count());
        Assert.Equal(spec.PixelSamplesPerFrame, paid.Sum(c => c.Amount));

        using var device = new ManagedCpuDevice("reference", 2);
        var local = LocalRenderer.RenderFrame(device, FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, 0));
        Assert.Equal(local.Pixels, (await client.GetFrameAsync(jobId, 0)).Pixels);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task TileGrain_WithSeveralTiles_ReturnsEachTileAsRenderedAloneAndRefusesBadUnits()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 40, 40, 2, TileSize: 16, Seed: 5);
        string jobId = $"unit-{Guid.NewGuid():N}";
        var work = new WorkUnit(jobId, spec, 0, [1, 2, 4, 5, 7]);
        var result = await fixture.Cluster.Core.GetGrain<IWorkUnitGrain>(work.UnitId).RenderAsync(work);
        Assert.Null(result.Error);
        Assert.Equal(work.UnitId, result.UnitId);
        Assert.Equal(work.Tiles.Select(t => TilePlan.TileId(jobId, 0, t)), result.Tiles.Select(t => t.TileId));

        using var device = new ManagedCpuDevice("reference", 1);
        var frame = FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, 0);
        for (int i = 0; i < work.Tiles.Count; i++)
        {
            var rect = TilePlan.Rect(spec, work.Tiles[i]);
            var alone = new float[rect.PixelCount * 3];
            device.Render(frame, new PixelRect(rect.X, rect.Y, rect.Width, rect.Height), alone);
            Assert.Equal(alone, result.Tiles[i].Pixels);
            Assert.Equal((long)rect.PixelCount * spec.SamplesPerPixel, result.Tiles[i].PixelSamples);
        }

        var unordered = work with { Tiles = [5, 4] };
        await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Cluster.Core.GetGrain<IWorkUnitGrain>(unordered.UnitId).RenderAsync(unordered));
        var outside = work with { Tiles = [9] };
        await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Cluster.Core.GetGrain<IWorkUnitGrain>(outside.UnitId).RenderAsync(outside));
    }
}
