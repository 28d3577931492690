using System.Collections.Concurrent;
using Pictor.Contracts.Jobs;
using Pictor.Grains.Ledger;
using Pictor.Testing.Cluster;

namespace Pictor.Client.Tests;

/// <summary>A cancel that lands while the job waits on the ledger: the job records nothing after it.</summary>
/// <remarks>
/// The job sends a frame's credits before it stores the frame. The ledger is held right after it committed the first
/// batch (<see cref="HeldLedger"/>), so the cancel lands between the credits and the frame's store, one of the awaits
/// of the job's own bookkeeping.
/// </remarks>
public sealed class CancelDuringBookkeepingTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly HeldLedger _ledger = new();
    private GridCluster _cluster = null!;

    private PictorClient Sdk => _cluster.Sdk;

    public async Task InitializeAsync()
    {
        _cluster = await new GridClusterBuilder()
            .AddSilo("bookkeeping", GridDevices.Cpu(2))
            .ConfigureGrid(o => o.Verification.Enabled = false)
            .UseLedgerFaults(_ledger)
            .StartAsync();
        await _cluster.WaitForWorkersAsync(2);
    }

    public async Task DisposeAsync()
    {
        _ledger.Release();
        await _cluster.DisposeAsync();
    }

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
        await Sdk.SubmitAsync(jobId, spec);
        await _ledger.Reached.WaitAsync(Deadline);

        var cancelled = await Sdk.CancelAsync(jobId);
        Assert.Equal(JobPhase.Cancelled, cancelled.Phase);
        Assert.Equal(0, cancelled.FramesDone);
        Assert.True(
            cancelled.TilesDone >= 16, $"{cancelled.TilesDone} tiles done: the first frame was not rendered before its credits were sent");

        // Let the ledger answer; then run a second job to the end, so that the cancelled job's loop has taken its turns.
        _ledger.Release();
        string after = JobIds.New();
        await Sdk.SubmitAsync(after, spec with { FrameCount = 1 });
        using var deadline = new CancellationTokenSource(Deadline);
        Assert.Equal(JobPhase.Completed, (await Sdk.WaitAsync(after, TimeSpan.FromMilliseconds(50), deadline.Token)).Phase);

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

    /// <summary>Holds the first ledger call that commits, until released; later calls pass.</summary>
    private sealed class HeldLedger : ILedgerFaults
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Release() => _release.TrySetResult();

        public async ValueTask InjectAsync(LedgerFaultPoint point, string detail, CancellationToken cancellationToken)
        {
            if (point == LedgerFaultPoint.AfterCommit && _reached.TrySetResult())
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
        }
    }
}
