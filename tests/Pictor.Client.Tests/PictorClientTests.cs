using System.Collections.Concurrent;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Workers;
using Pictor.Rendering;
using Pictor.Rendering.Devices;

namespace Pictor.Client.Tests;

/// <summary>The SDK end to end: submit, status, watch, wait, frames, ledger and workers.</summary>
public sealed class PictorClientTests(SdkClusterFixture fixture) : IClassFixture<SdkClusterFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private PictorClient Sdk => fixture.Sdk;

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task SubmitWatchWait_ReportsEveryTileOnce_AndTheFrameIsTheLocalRender()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 96, 64, 4, TileSize: 32, Seed: 11);
        string jobId = JobIds.New();
        var events = new ConcurrentQueue<JobProgressEvent>();
        await using (await Sdk.WatchAsync(jobId, e =>
        {
            events.Enqueue(e);
            return Task.CompletedTask;
        }))
        {
            var submitted = await Sdk.SubmitAsync(jobId, spec);
            Assert.Equal((jobId, JobPhase.Running, 6, spec), (submitted.JobId, submitted.Phase, submitted.TilesTotal, submitted.Spec));

            var done = await FinishAsync(jobId);
            Assert.Equal((JobPhase.Completed, 6, 1), (done.Phase, done.TilesDone, done.FramesDone));
            Assert.NotNull(done.FinishedAt);
            Assert.True(done.FinishedAt >= done.SubmittedAt);
            Assert.Equal(done, await Sdk.GetStatusAsync(jobId));
            await Eventually.WaitAsync(
                () => Task.FromResult(events.Count(e => e.Kind == JobProgressKind.JobCompleted)),
                n => n == 1,
                TimeSpan.FromSeconds(10),
                "the JobCompleted event (delivery may trail the status)");
        }

        Assert.All(events, e => Assert.Equal(jobId, e.JobId));
        Assert.Equal(Enumerable.Range(0, 6), events.Where(e => e.Kind == JobProgressKind.TileCompleted).Select(e => e.TileIndex).Order());
        Assert.Single(events, e => e.Kind == JobProgressKind.FrameCompleted);
        Assert.Equal(spec.Width * spec.Height * 3, (await Sdk.GetFrameAsync(jobId, 0)).Pixels.Length);
        Assert.Equal(LocalFrame(spec), (await Sdk.GetFrameAsync(jobId, 0)).Pixels);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task GetFrame_LargerThanOneRead_IsAssembledFromRowRangesExactly()
    {
        // 1024x512 RGB floats are 1.5 Mi values: more than one read of at most 1 Mi.
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 1024, 512, 1, TileSize: 128, Seed: 4);
        string jobId = JobIds.New();
        await Sdk.SubmitAsync(jobId, spec);
        var done = await FinishAsync(jobId);
        Assert.True(done.Phase == JobPhase.Completed, done.Error);
        var frame = await Sdk.GetFrameAsync(jobId, 0);
        Assert.Equal((0, 1024, 512), (frame.Frame, frame.Width, frame.Height));
        Assert.Equal(LocalFrame(spec), frame.Pixels);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Submit_Repeated_IsIdempotent_ADifferentSpecUnderTheSameIdIsRefused_AndAnInvalidSpecIsNeverSent()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 32, 32, 1, TileSize: 16, Seed: 2);
        string jobId = JobIds.New();
        await Sdk.SubmitAsync(jobId, spec);
        var again = await Sdk.SubmitAsync(jobId, spec);
        Assert.Equal((jobId, spec), (again.JobId, again.Spec));
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.SubmitAsync(jobId, spec with { Seed = 3 }));
        Assert.Equal(JobPhase.Completed, (await FinishAsync(jobId)).Phase);
        Assert.Equal(4, PaidCredits.ForTiles(await Sdk.ReadJournalAsync(), jobId).Count);

        string invalid = JobIds.New();
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.SubmitAsync(invalid, spec with { Width = 0 }));
        await Assert.ThrowsAsync<ArgumentException>(() => Sdk.SubmitAsync(" ", spec));
        var never = await Sdk.GetStatusAsync(invalid);
        Assert.Equal((JobPhase.None, null, 0), (never.Phase, never.Spec, never.TilesTotal));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task UnknownJob_HasPhaseNone_WaitReturnsAtOnce_AndItsFrameIsNotStored()
    {
        string jobId = JobIds.New();
        Assert.Equal(JobPhase.None, (await Sdk.GetStatusAsync(jobId)).Phase);
        Assert.Equal(JobPhase.None, (await FinishAsync(jobId)).Phase);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sdk.GetFrameAsync(jobId, 0));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task LedgerAndWorkers_AccountForAJob_AndTheJournalReadsTheSameInAnyPageSize()
    {
        var before = await Sdk.GetLedgerSummaryAsync();
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 32, 2, TileSize: 16, Seed: 8);
        string jobId = JobIds.New();
        await Sdk.SubmitAsync(jobId, spec);
        Assert.Equal(JobPhase.Completed, (await FinishAsync(jobId)).Phase);

        var journal = await Sdk.ReadJournalAsync();
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Sequence));
        Assert.Equal(journal, await Sdk.ReadJournalAsync(pageSize: 3));
        var paid = PaidCredits.ForTiles(journal, jobId);
        Assert.Equal(8, paid.Count);
        Assert.Equal(spec.PixelSamplesPerFrame, paid.Sum(c => c.Amount));

        var after = await Sdk.GetLedgerSummaryAsync();
        Assert.True(after.TotalAmount - before.TotalAmount >= spec.PixelSamplesPerFrame, $"{before.TotalAmount} -> {after.TotalAmount}");
        Assert.Equal(journal.Count, after.Entries);

        var workers = await Sdk.GetWorkersAsync();
        Assert.Equal(
            [$"{SdkClusterFixture.Host}/cpu-0", $"{SdkClusterFixture.Host}/cpu-1"],
            workers.Select(w => w.Registration.WorkerId).Order(StringComparer.Ordinal));
        Assert.All(workers, w => Assert.NotEqual(WorkerStatus.Offline, w.Status));
        Assert.All(paid, c => Assert.Contains(c.WorkerId, workers.Select(w => w.Registration.WorkerId)));
    }

    private static float[] LocalFrame(RenderJobSpec spec)
    {
        using var device = new ManagedCpuDevice("reference", 2);
        var parameters = FrameParameters.Create(spec.Width, spec.Height, spec.SamplesPerPixel, spec.Seed, spec.FirstFrame);
        return LocalRenderer.RenderFrame(device, parameters).Pixels;
    }

    /// <summary>Waits (with the SDK's polling wait) until the job is finished, or the deadline passes.</summary>
    private async Task<JobStatus> FinishAsync(string jobId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await Sdk.WaitAsync(jobId, TimeSpan.FromMilliseconds(25), deadline.Token);
    }
}
