using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Grains.Jobs.Dispatch;
using Pictor.Grains.Placement;

namespace Pictor.Grains.Jobs;

/// <content>The dispatch loop: sends what the dispatcher asks for, hands it the answers, applies verification's decisions.</content>
public sealed partial class RenderJobGrain
{
    private JobLayout? _layout;
    private VerificationStep? _verification;
    private string? _waiting;

    private JobLayout Layout => _layout ??= new JobLayout(JobId, state.State.Spec!);

    private VerificationStep Verification =>
        _verification ??= new VerificationStep(Layout, _options.Verification, state.State.CheckSecret, clock, state.State.Rejections);

    private async Task RunAsync()
    {
        try
        {
            // No unit is sent before the creator's account holds the job's cost.
            await FundAsync();
        }
        catch (ArgumentException)
        {
            // Refused: the job was forgotten (FundAsync says why to the submit that waits on it).
            return;
        }

        if (!Running)
        {
            return;
        }

        await RestorePartialFramesAsync();
        if (_resuming)
        {
            await RetireLostRendersAsync();
            _resuming = false;
        }

        var dispatcher = new JobDispatcher(Layout, _options, state.State.DoneTiles, Verification, clock, logger);
        var inflight = new HashSet<Task<UnitAttempt>>();
        while (Running)
        {
            await SendAsync(dispatcher, inflight);
            if (inflight.Count == 0)
            {
                // Everything rendered: close the open verification windows, or finish.
                var closing = Verification.CloseWindows();
                dispatcher.Enqueue(closing);
                if (dispatcher.Drained)
                {
                    break;
                }

                if (closing.Count == 0)
                {
                    // Nothing could be sent: what is left waits for a worker not in view (an independent checker). The
                    // tiles stay pending, the status says why, and the next capacity report is looked at rather than spun on.
                    DelayDeactivation(_options.TileTimeout + TimeSpan.FromMinutes(1));
                    if (_ledgerBatch.Age >= _options.LedgerBatchDelay)
                    {
                        await FlushLedgerAsync();
                    }

                    await Task.Delay(_options.CapacityReportInterval);
                }

                continue;
            }

            // The loop is not a grain call, so nothing else keeps an idle-looking activation alive.
            DelayDeactivation(_options.TileTimeout + TimeSpan.FromMinutes(1));
            await Task.WhenAny(inflight);
            var rendered = await CollectAsync(dispatcher, inflight);
            if (!Running || rendered.Count == 0)
            {
                continue;
            }

            // Refill before the bookkeeping, so devices do not idle while credits and state are written.
            await SendAsync(dispatcher, inflight);
            await VerifyAndRecordAsync(dispatcher, rendered);
        }

        if (!_deactivating)
        {
            // Whatever ended the loop (done, failed, cancelled), the credits of work already verified are recorded.
            await FlushLedgerAsync();
        }

        if (Running && dispatcher.Drained && state.State.FramesDone == Layout.Spec.FrameCount
            && await TryEndAsync(JobPhase.Completed, null))
        {
            LogCompleted(JobId, Layout.Total);
            var spec = Layout.Spec;
            await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.JobCompleted, spec.FirstFrame + spec.FrameCount - 1, -1, null,
                state.State.TilesDone, Layout.Total, null));
        }
    }

    /// <summary>Sends every unit the dispatcher wants sent now.</summary>
    private async Task SendAsync(JobDispatcher dispatcher, HashSet<Task<UnitAttempt>> inflight)
    {
        var silos = capacity.Silos.Values.ToList();
        if (_options.Verification.Enabled)
        {
            // Who may check depends on trust records: learn those of workers newly in view first.
            await LearnWorkersAsync(silos.SelectMany(s => s.Slots).Where(s => s.Eligible).Select(s => s.WorkerId));
        }

        foreach (var order in dispatcher.NextUnits(silos, capacity.SpeedWeightedSlots))
        {
            inflight.Add(DispatchAsync(order));
        }

        await NoteWaitingAsync(dispatcher.Waiting);
    }

    /// <summary>Keeps why the job waits for the status, and tells watchers once when it starts waiting for something new.</summary>
    private async Task NoteWaitingAsync(string? waiting)
    {
        if (string.Equals(waiting, _waiting, StringComparison.Ordinal))
        {
            return;
        }

        _waiting = waiting;
        if (waiting is not null)
        {
            LogWaiting(JobId, waiting);
            await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.Waiting, Layout.Spec.FirstFrame, -1, null, state.State.TilesDone,
                Layout.Total, waiting));
        }
    }

    /// <summary>Hands every answered unit to the dispatcher; returns their rendered tiles in order of arrival.</summary>
    private async Task<List<TileAttempt>> CollectAsync(JobDispatcher dispatcher, HashSet<Task<UnitAttempt>> inflight)
    {
        var rendered = new List<TileAttempt>();
        var silos = capacity.Silos.Values.ToList();
        foreach (var task in inflight.Where(t => t.IsCompleted).ToList())
        {
            inflight.Remove(task);
            var attempt = await task;
            var outcome = dispatcher.Returned(attempt, silos);
            if (attempt.Outcome == UnitOutcome.Rendered)
            {
                TrackUnit(attempt);
            }

            rendered.AddRange(outcome.Rendered);
            // A unit's notices go out in one stream message, like its tiles' completions.
            await PublishAsync([.. outcome.Notices.Select(notice =>
            {
                var (frame, tile) = Layout.Locate(notice.Ordinal);
                return new JobProgressEvent(
                    JobId, JobProgressKind.TileRetried, frame, tile, notice.WorkerId, state.State.TilesDone, Layout.Total, notice.Message);
            })]);

            if (outcome.JobError is { } error)
            {
                await FailAsync(error);
                return [];
            }
        }

        // In order of arrival: a passing check vouches only for a worker's tiles that reached the job before it.
        rendered.Sort((x, y) => x.ArrivedAt != y.ArrivedAt ? x.ArrivedAt.CompareTo(y.ArrivedAt) : x.Ordinal.CompareTo(y.Ordinal));
        return rendered;
    }

    /// <summary>Sends one unit to its unit grain and classifies the answer; never throws.</summary>
    private async Task<UnitAttempt> DispatchAsync(UnitOrder order)
    {
        var (work, requests, silo, samples) = (order.Work, order.Requests, order.Silo, order.Samples);
        if (order.Delay > TimeSpan.Zero)
        {
            // Back off so that a lost silo is declared dead, or a device frees up, before the unit is tried again.
            await Task.Delay(order.Delay);
        }

        try
        {
            var grain = GrainFactory.GetGrain<IWorkUnitGrain>(work.UnitId);
            var result = await PlacementHints.Placing(order.Avoid, silo, () => grain.RenderAsync(work)).WaitAsync(_options.TileTimeout);
            if (!result.Succeeded)
            {
                var outcome = result.Misplaced ? UnitOutcome.Misplaced : UnitOutcome.Failed;
                return new UnitAttempt(requests, silo, samples, outcome, result, new InvalidOperationException(result.Error));
            }

            await LearnWorkersAsync([result.WorkerId]);
            string? mismatch = UnitResultCheck.Mismatch(work, result)
                ?? (Verification.IsRegisteredWorker(result.WorkerId) ? null : $"worker {result.WorkerId} has no registration on the core");
            if (mismatch is not null)
            {
                // An answer that is not the unit asked for is the worker's fault: it counts towards its blocklist.
                string error = $"worker {result.WorkerId} returned a malformed unit: {mismatch}";
                return new UnitAttempt(requests, silo, samples, UnitOutcome.Failed, result with { Error = "malformed unit" },
                    new InvalidOperationException(error));
            }

            return new UnitAttempt(requests, silo, samples, UnitOutcome.Rendered, result, null);
        }
        catch (Exception ex)
        {
            var outcome = SiloLoss.IsUnreachable(ex) ? UnitOutcome.Unreachable : UnitOutcome.Failed;
            return new UnitAttempt(requests, silo, samples, outcome, null, ex);
        }
    }

    private async Task FailAsync(string error)
    {
        if (_deactivating)
        {
            // Tiles fail while the silo shuts down; that is no reason to fail the job, which resumes elsewhere.
            return;
        }

        if (await TryEndAsync(JobPhase.Failed, error))
        {
            var spec = Layout.Spec;
            await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.JobFailed, spec.FirstFrame, -1, null,
                state.State.TilesDone, Layout.Total, error));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Reason}")]
    private partial void LogWaiting(string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Tiles} tiles")]
    private partial void LogCompleted(string jobId, int tiles);
}
