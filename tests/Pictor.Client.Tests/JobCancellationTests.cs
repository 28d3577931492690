using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Pictor.Contracts.Jobs;
using Pictor.Grains.Devices;
using Pictor.Grains.Ledger;
using Pictor.Testing.Cluster;
using Pictor.Testing.Devices;

namespace Pictor.Client.Tests;

/// <summary>Cancelling jobs through the SDK: a running job stops for good, and cancelling is safe in every other state.</summary>
/// <remarks>
/// The silo's two slots render through one <see cref="RenderGate"/>, so a job is provably mid-run (tiles done,
/// renders held at the gate) when it is cancelled. Verification is off and units hold one tile, so every render
/// that passes the gate is exactly one tile of the job. A ledger hold (<see cref="HeldLedger"/>), armed by one test,
/// stops the job between a frame's credits and its store, one of the awaits of its own bookkeeping.
/// </remarks>
public sealed class JobCancellationTests : IAsyncLifetime
{
    private const string Host = "gated";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly RenderGate _gate = new(open: false);
    private readonly HeldLedger _ledger = new();
    private GridCluster _cluster = null!;

    private PictorClient Sdk => _cluster.Sdk;

    public async Task InitializeAsync()
    {
        _cluster = await new GridClusterBuilder()
            .AddSilo(Host, GridDevices.Fake(i => new GatedDevice($"cpu-{i}", _gate), count: 2))
            .UseLedgerFaults(_ledger)
            .ConfigureGrid(o =>
            {
                o.Verification.Enabled = false;
                o.WorkUnitSeconds = 0.0001;
            })
            .StartAsync();
        await _cluster.WaitForWorkersAsync(2);
    }

    public async Task DisposeAsync()
    {
        _gate.Open();
        _ledger.Release();
        await _cluster.DisposeAsync();
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Cancel_RunningJob_ReturnsCancelled_AndTheJobStaysCancelledWithNoTileDoneAfterTheCancel()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 128, 128, 2, TileSize: 16, Seed: 21);
        string jobId = JobIds.New();
        var events = new ConcurrentQueue<JobProgressEvent>();
        await using var watch = await Sdk.WatchAsync(jobId, e =>
        {
            events.Enqueue(e);
            return Task.CompletedTask;
        });
        await Sdk.SubmitAsync(jobId, spec);

        // Six renders through the gate, then the job waits on renders held at it: mid-run, with units in flight.
        const int Allowed = 6;
        _gate.Allow(Allowed);
        var running = await Eventually.WaitAsync(() => Sdk.GetStatusAsync(jobId), s => s.TilesDone == Allowed, Deadline, "six tiles done");
        await Eventually.WaitAsync(() => Task.FromResult(_gate.Waiting), n => n > 0, Deadline, "renders held at the gate");
        Assert.Equal(JobPhase.Running, running.Phase);
        await Eventually.WaitAsync(
            () => Task.FromResult(events.Count(e => e.Kind == JobProgressKind.TileCompleted)),
            n => n == Allowed,
            TimeSpan.FromSeconds(10),
            "the six TileCompleted events");

        var cancelled = await Sdk.CancelAsync(jobId);
        Assert.Equal((JobPhase.Cancelled, Allowed), (cancelled.Phase, cancelled.TilesDone));
        Assert.NotNull(cancelled.FinishedAt);

        // Let the held renders finish and hand their units back to the job; a job that went on would record them,
        // hand out the rest and complete. Then run a second job through the same slots, so that the cancelled
        // job's loop has had every chance to take its next turns.
        _gate.Open();
        var pool = _cluster.Services(Host).GetRequiredService<ILocalDevicePool>();
        string after = JobIds.New();
        await Sdk.SubmitAsync(after, spec with { Width = 32, Height = 32 });
        Assert.Equal(JobPhase.Completed, (await FinishAsync(after)).Phase);
        await Eventually.WaitAsync(
            () => Task.FromResult(pool.Slots.Count(s => pool.IsBusy(s.WorkerId))), n => n == 0, Deadline, "idle slots");

        var later = await Sdk.GetStatusAsync(jobId);
        Assert.Equal((JobPhase.Cancelled, Allowed, cancelled.FinishedAt), (later.Phase, later.TilesDone, later.FinishedAt));
        Assert.Equal(Allowed, PaidCredits.ForTiles(await Sdk.ReadJournalAsync(), jobId).Count);
        Assert.Equal(Allowed, events.Count(e => e.Kind == JobProgressKind.TileCompleted));
        Assert.DoesNotContain(
            events, e => e.Kind is JobProgressKind.JobCompleted or JobProgressKind.JobFailed or JobProgressKind.FrameCompleted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sdk.GetFrameAsync(jobId, 0));

        // Cancelling again changes nothing and says so.
        var twice = await Sdk.CancelAsync(jobId);
        Assert.Equal((JobPhase.Cancelled, Allowed, cancelled.FinishedAt), (twice.Phase, twice.TilesDone, twice.FinishedAt));
        Assert.Equal(twice, await Sdk.GetStatusAsync(jobId));
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Cancel_CompletedJob_LeavesItCompleted()
    {
        _gate.Open();
        string jobId = JobIds.New();
        await Sdk.SubmitAsync(jobId, new RenderJobSpec(RenderJobSpec.CornellSpheres, 32, 32, 1, TileSize: 16, Seed: 5));
        var done = await FinishAsync(jobId);
        Assert.Equal(JobPhase.Completed, done.Phase);

        var answer = await Sdk.CancelAsync(jobId);
        Assert.Equal(done, answer);
        Assert.Equal(done, await Sdk.GetStatusAsync(jobId));
        Assert.Equal(32 * 32 * 3, (await Sdk.GetFrameAsync(jobId, 0)).Pixels.Length);
    }

    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Cancel_UnknownJob_AnswersPhaseNone_CreatesNothing_AndTheIdCanStillBeSubmitted()
    {
        _gate.Open();
        string jobId = JobIds.New();
        var answer = await Sdk.CancelAsync(jobId);
        Assert.Equal((jobId, JobPhase.None, null, 0, 0), (answer.JobId, answer.Phase, answer.Spec, answer.TilesTotal, answer.TilesDone));
        Assert.Null(answer.FinishedAt);
        Assert.Equal(answer, await Sdk.GetStatusAsync(jobId));

        // The id is not spent: a job submitted under it afterwards runs to the end.
        await Sdk.SubmitAsync(jobId, new RenderJobSpec(RenderJobSpec.CornellSpheres, 32, 32, 1, TileSize: 16, Seed: 6));
        Assert.Equal(JobPhase.Completed, (await FinishAsync(jobId)).Phase);
    }

    /// <summary>Waits (with the SDK's polling wait) until the job is finished, or the deadline passes.</summary>
    [Fact]
    [Trait("Suite", "cluster")]
    public async Task Cancel_WhileTheFramesCreditsAreSent_StoresNoFrameAndReportsNothingMore()
    {
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 64, 64, 1, TileSize: 16, FrameCount: 2, Seed: 5);
        string jobId = JobIds.New();
        var events = new ConcurrentQueue<JobProgressEvent>();
        await using var watch = await Sdk.WatchAsync(jobId, e =>
        {
            events.Enqueue(e);
            return Task.CompletedTask;
        });
        _ledger.Arm();
        _gate.Open();
        await Sdk.SubmitAsync(jobId, spec);
        await _ledger.Reached.WaitAsync(Deadline);

        var cancelled = await Sdk.CancelAsync(jobId);
        Assert.Equal(JobPhase.Cancelled, cancelled.Phase);
        Assert.Equal(0, cancelled.FramesDone);
        Assert.True(
            cancelled.TilesDone >= 16,
            $"{cancelled.TilesDone} tiles done: the first frame was not rendered before its credits were sent");

        // Let the ledger answer; then run a second job to the end, so that the cancelled job's loop has taken its turns.
        _ledger.Release();
        string after = JobIds.New();
        await Sdk.SubmitAsync(after, spec with { FrameCount = 1 });
        Assert.Equal(JobPhase.Completed, (await FinishAsync(after)).Phase);

        var later = await Sdk.GetStatusAsync(jobId);
        Assert.Equal(
            (JobPhase.Cancelled, cancelled.TilesDone, 0, cancelled.FinishedAt),
            (later.Phase, later.TilesDone, later.FramesDone, later.FinishedAt));

        // Every tile reported done was done before the cancel; the stream delivers on its own time, so wait for them.
        await Eventually.WaitAsync(
            () => Task.FromResult(events.Count(e => e.Kind == JobProgressKind.TileCompleted)),
            n => n >= cancelled.TilesDone,
            Deadline,
            "the TileCompleted events of the tiles done before the cancel");
        Assert.Equal(cancelled.TilesDone, events.Count(e => e.Kind == JobProgressKind.TileCompleted));
        Assert.DoesNotContain(
            events, e => e.Kind is JobProgressKind.FrameCompleted or JobProgressKind.JobCompleted or JobProgressKind.JobFailed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sdk.GetFrameAsync(jobId, 0));
    }

    private async Task<JobStatus> FinishAsync(string jobId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await Sdk.WaitAsync(jobId, TimeSpan.FromMilliseconds(25), deadline.Token);
    }

    /// <summary>Once armed, holds the next ledger call that commits, until released; other calls pass.</summary>
    private sealed class HeldLedger : ILedgerFaults
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _armed;

        public Task Reached => _reached.Task;

        public void Arm() => _armed = true;

        public void Release() => _release.TrySetResult();

        public async ValueTask InjectAsync(LedgerFaultPoint point, string detail, CancellationToken cancellationToken)
        {
            if (_armed && point == LedgerFaultPoint.AfterCommit && _reached.TrySetResult())
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
