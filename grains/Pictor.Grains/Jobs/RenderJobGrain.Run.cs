using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Placement;
using Pictor.Rendering;
using Pictor.Rendering.Imaging;

namespace Pictor.Grains.Jobs;

/// <content>The dispatch loop: the only code that writes the job's state while it runs.</content>
public sealed partial class RenderJobGrain
{
    private async Task RunAsync()
    {
        var spec = state.State.Spec!;
        int tilesPerFrame = TilePlan.TilesPerFrame(spec);
        int total = tilesPerFrame * spec.FrameCount;
        await RestorePartialFramesAsync(spec, tilesPerFrame);

        var inflight = new Dictionary<Task<TileAttempt>, int>();
        var attempts = new Dictionary<int, int>();
        var failures = new FailureTracker(_options.WorkerFailuresBeforeBlocklist);
        var retries = new Queue<int>();
        using var fresh = PendingOrdinals(total).GetEnumerator();
        bool moreFresh = true;
        while (state.State.Phase == JobPhase.Running)
        {
            while (inflight.Count < Window())
            {
                int ordinal;
                if (retries.Count > 0)
                {
                    ordinal = retries.Dequeue();
                }
                else if (moreFresh && (moreFresh = fresh.MoveNext()))
                {
                    ordinal = fresh.Current;
                }
                else
                {
                    break;
                }

                inflight[DispatchAsync(spec, tilesPerFrame, ordinal, failures, attempts.GetValueOrDefault(ordinal))] = ordinal;
            }

            if (inflight.Count == 0)
            {
                break;
            }

            // The loop is not a grain call, so nothing else keeps an idle-looking activation alive.
            DelayDeactivation(_options.TileTimeout + TimeSpan.FromMinutes(1));
            await Task.WhenAny(inflight.Keys);
            var completed = new List<TileAttempt>();
            foreach (var task in inflight.Keys.Where(t => t.IsCompleted).ToList())
            {
                inflight.Remove(task);
                var attempt = await task;
                if (attempt.Result is { Succeeded: true })
                {
                    completed.Add(attempt);
                    continue;
                }

                int tries = attempts[attempt.Ordinal] = attempts.GetValueOrDefault(attempt.Ordinal) + 1;
                GridMetrics.TileRetries.Add(1);
                var (frame, tile) = Locate(spec, tilesPerFrame, attempt.Ordinal);
                LogTileFailed(attempt.Error, JobId, frame, tile, tries);
                if (attempt.Result is { WorkerId.Length: > 0 } faulty && failures.RecordFailure(faulty.WorkerId))
                {
                    LogBlocklisted(JobId, faulty.WorkerId, _options.WorkerFailuresBeforeBlocklist);
                    await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileRetried, frame, tile, faulty.WorkerId, state.State.TilesDone, total, $"worker {faulty.WorkerId} is blocklisted for this job after {_options.WorkerFailuresBeforeBlocklist} failed tiles"));
                }

                if (tries >= _options.MaxTileAttempts)
                {
                    await FailAsync($"tile {tile} of frame {frame} failed {tries} times; last error: {attempt.Error?.Message}");
                    return;
                }

                retries.Enqueue(attempt.Ordinal);
                await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileRetried, frame, tile, null, state.State.TilesDone, total, attempt.Error?.Message));
            }

            if (state.State.Phase != JobPhase.Running || completed.Count == 0)
            {
                continue;
            }

            // Refill the window before the bookkeeping, so devices do not idle while credits and state are written.
            while (inflight.Count < Window() && (retries.Count > 0 || moreFresh))
            {
                int next = retries.Count > 0 ? retries.Dequeue() : (moreFresh = fresh.MoveNext()) ? fresh.Current : -1;
                if (next >= 0)
                {
                    inflight[DispatchAsync(spec, tilesPerFrame, next, failures, attempts.GetValueOrDefault(next))] = next;
                }
            }

            await RecordTilesAsync(spec, tilesPerFrame, total, completed);
        }

        if (state.State.Phase == JobPhase.Running && state.State.FramesDone == spec.FrameCount)
        {
            state.State.Phase = JobPhase.Completed;
            state.State.FinishedAt = clock.GetUtcNow();
            await state.WriteStateAsync();
            await StopReminderAsync();
            LogCompleted(JobId, total);
            await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.JobCompleted, spec.FirstFrame + spec.FrameCount - 1, -1, null, state.State.TilesDone, total, null));
        }
    }

    /// <summary>Blits, credits, marks done and publishes a batch of rendered tiles, then stores finished frames.</summary>
    private async Task RecordTilesAsync(RenderJobSpec spec, int tilesPerFrame, int total, List<TileAttempt> completed)
    {
        var credits = new List<CreditRequest>(completed.Count);
        var touchedFrames = new SortedSet<int>();
        foreach (var attempt in completed)
        {
            var result = attempt.Result!;
            var (frame, tile) = Locate(spec, tilesPerFrame, attempt.Ordinal);
            int frameOffset = frame - spec.FirstFrame;
            var rect = TilePlan.Rect(spec, tile);
            FrameBufferFor(spec, frameOffset).Blit(new PixelRect(rect.X, rect.Y, rect.Width, rect.Height), result.Pixels);
            touchedFrames.Add(frameOffset);
            credits.Add(new CreditRequest(result.TileId, JobId, result.WorkerId, result.Wallet, result.PixelSamples, CreditAmount(result.PixelSamples)));
        }

        await CreditAsync(credits);
        foreach (var attempt in completed)
        {
            if (!BitSet.Get(state.State.DoneTiles, attempt.Ordinal))
            {
                BitSet.Set(state.State.DoneTiles, attempt.Ordinal);
                state.State.TilesDone++;
            }
        }

        await state.WriteStateAsync();
        foreach (var attempt in completed)
        {
            var (frame, tile) = Locate(spec, tilesPerFrame, attempt.Ordinal);
            await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileCompleted, frame, tile, attempt.Result!.WorkerId, state.State.TilesDone, total, null));
        }

        foreach (int frameOffset in touchedFrames)
        {
            if (IsFrameRendered(tilesPerFrame, frameOffset) && !BitSet.Get(state.State.StoredFrames, frameOffset))
            {
                await StoreFrameAsync(spec, tilesPerFrame, frameOffset, total);
            }
        }
    }

    /// <summary>Rebuilds frames that were partly rendered before this activation from the tile grains' stored results.</summary>
    private async Task RestorePartialFramesAsync(RenderJobSpec spec, int tilesPerFrame)
    {
        int total = tilesPerFrame * spec.FrameCount;
        for (int frameOffset = 0; frameOffset < spec.FrameCount; frameOffset++)
        {
            if (BitSet.Get(state.State.StoredFrames, frameOffset))
            {
                continue;
            }

            bool changed = false;
            for (int tile = 0; tile < tilesPerFrame; tile++)
            {
                int ordinal = (frameOffset * tilesPerFrame) + tile;
                if (!BitSet.Get(state.State.DoneTiles, ordinal))
                {
                    continue;
                }

                var rect = TilePlan.Rect(spec, tile);
                var result = await GrainFactory.GetGrain<ITileGrain>(TilePlan.TileId(JobId, spec.FirstFrame + frameOffset, tile)).GetResultAsync();
                if (result is null || result.Pixels.Length != rect.PixelCount * 3)
                {
                    // The pixels are gone: render the tile again. Its credit stays single: the ledger keys it by tile id.
                    BitSet.Clear(state.State.DoneTiles, ordinal);
                    state.State.TilesDone--;
                    changed = true;
                    continue;
                }

                FrameBufferFor(spec, frameOffset).Blit(new PixelRect(rect.X, rect.Y, rect.Width, rect.Height), result.Pixels);
            }

            if (changed)
            {
                await state.WriteStateAsync();
            }

            if (IsFrameRendered(tilesPerFrame, frameOffset))
            {
                await StoreFrameAsync(spec, tilesPerFrame, frameOffset, total);
            }
        }
    }

    private async Task StoreFrameAsync(RenderJobSpec spec, int tilesPerFrame, int frameOffset, int total)
    {
        int frame = spec.FirstFrame + frameOffset;
        var buffer = FrameBufferFor(spec, frameOffset);
        await GrainFactory.GetGrain<IFrameGrain>(TilePlan.FrameId(JobId, frame)).StoreAsync(buffer.Width, buffer.Height, buffer.Pixels);
        BitSet.Set(state.State.StoredFrames, frameOffset);
        state.State.FramesDone++;
        await state.WriteStateAsync();
        _frames.Remove(frameOffset);
        await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.FrameCompleted, frame, -1, null, state.State.TilesDone, total, null));

        // The frame is durable, so the tiles' copies are no longer needed; losing a release only costs storage.
        var releases = Enumerable.Range(0, tilesPerFrame)
            .Select(tile => GrainFactory.GetGrain<ITileGrain>(TilePlan.TileId(JobId, frame, tile)).ReleaseAsync());
        try
        {
            await Task.WhenAll(releases);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, JobId, frame);
        }
    }

    private async Task<TileAttempt> DispatchAsync(RenderJobSpec spec, int tilesPerFrame, int ordinal, FailureTracker failures, int previousAttempts)
    {
        if (previousAttempts > 0)
        {
            // Back off so that a lost silo is declared dead, or a device frees up, before the tile runs out of attempts.
            await Task.Delay(RetryDelay(previousAttempts));
        }

        var (frame, tile) = Locate(spec, tilesPerFrame, ordinal);
        var work = new TileWork(JobId, spec, frame, tile, TilePlan.Rect(spec, tile), failures.Blocklisted.Count > 0 ? [.. failures.Blocklisted] : null);
        try
        {
            var grain = GrainFactory.GetGrain<ITileGrain>(work.TileId);
            var avoid = failures.SilosToAvoid(capacity.Silos.Values);
            var result = await PlacementHints.AvoidingSilos(avoid, () => grain.RenderAsync(work)).WaitAsync(_options.TileTimeout);
            if (!result.Succeeded)
            {
                return new TileAttempt(ordinal, result, new InvalidOperationException(result.Error));
            }

            if (result.Pixels.Length != work.Rect.PixelCount * 3)
            {
                // A malformed answer is the worker's fault: it counts towards its blocklist.
                return new TileAttempt(ordinal, result with { Error = "wrong pixel count" }, new InvalidOperationException($"worker {result.WorkerId} returned {result.Pixels.Length} floats for a {work.Rect.Width}x{work.Rect.Height} tile"));
            }

            return new TileAttempt(ordinal, result, null);
        }
        catch (Exception ex)
        {
            return new TileAttempt(ordinal, null, ex);
        }
    }

    private async Task CreditAsync(List<CreditRequest> credits)
    {
        var ledger = GrainFactory.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await ledger.CreditAsync(credits);
                return;
            }
            catch (Exception ex) when (attempt < _options.MaxCreditAttempts && ex is not ArgumentException)
            {
                // Retrying is safe: credits are keyed by tile id, so one that did land is not applied twice.
                LogCreditRetry(ex, JobId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    private async Task FailAsync(string error)
    {
        state.State.Phase = JobPhase.Failed;
        state.State.Error = error;
        state.State.FinishedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await StopReminderAsync();
        var spec = state.State.Spec!;
        await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.JobFailed, spec.FirstFrame, -1, null, state.State.TilesDone, TilePlan.TilesPerFrame(spec) * spec.FrameCount, error));
    }

    private async Task PublishAsync(JobProgressEvent progress)
    {
        try
        {
            await _progress!.OnNextAsync(progress);
        }
        catch (Exception ex)
        {
            // Progress is for watching: a lost event must never stop or undo work.
            LogPublishFailed(ex, JobId);
        }
    }

    /// <summary>Delay before re-issuing a tile: 200 ms doubling per attempt, at most 10 s.</summary>
    private static TimeSpan RetryDelay(int previousAttempts) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 200 * Math.Pow(2, previousAttempts - 1)));

    /// <summary>Tiles to keep in flight: configured, or two per eligible device slot in the grid.</summary>
    private int Window() => _options.MaxTilesInFlightPerJob > 0
        ? _options.MaxTilesInFlightPerJob
        : Math.Clamp(2 * capacity.EligibleSlots, 4, 512);

    private IEnumerable<int> PendingOrdinals(int total)
    {
        for (int ordinal = 0; ordinal < total; ordinal++)
        {
            if (!BitSet.Get(state.State.DoneTiles, ordinal))
            {
                yield return ordinal;
            }
        }
    }

    private bool IsFrameRendered(int tilesPerFrame, int frameOffset)
    {
        for (int tile = 0; tile < tilesPerFrame; tile++)
        {
            if (!BitSet.Get(state.State.DoneTiles, (frameOffset * tilesPerFrame) + tile))
            {
                return false;
            }
        }

        return true;
    }

    private FrameBuffer FrameBufferFor(RenderJobSpec spec, int frameOffset)
    {
        if (!_frames.TryGetValue(frameOffset, out var buffer))
        {
            buffer = new FrameBuffer(spec.Width, spec.Height);
            _frames[frameOffset] = buffer;
        }

        return buffer;
    }

    private static (int Frame, int Tile) Locate(RenderJobSpec spec, int tilesPerFrame, int ordinal) =>
        (spec.FirstFrame + (ordinal / tilesPerFrame), ordinal % tilesPerFrame);

    /// <summary>Credit for a tile: its pixel-samples times the scene's cost factor (1 for built-in scenes).</summary>
    private static long CreditAmount(long pixelSamples) => pixelSamples;

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Tiles} tiles")]
    private partial void LogCompleted(string jobId, int tiles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: tile {Tile} of frame {Frame} failed (attempt {Attempt})")]
    private partial void LogTileFailed(Exception? ex, string jobId, int frame, int tile, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: worker {WorkerId} blocklisted after {Failures} failed tiles")]
    private partial void LogBlocklisted(string jobId, string workerId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: ledger credit failed (attempt {Attempt}); retrying")]
    private partial void LogCreditRetry(Exception ex, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not release the tiles of frame {Frame}")]
    private partial void LogReleaseFailed(Exception ex, string jobId, int frame);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: progress event not published")]
    private partial void LogPublishFailed(Exception ex, string jobId);
}
