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

        var inflight = new Dictionary<Task<TileAttempt>, TileRequest>();
        var attempts = new Dictionary<(int, AttemptKind), int>();
        var unreachable = new UnreachableTiles();
        var misplaced = new Dictionary<(int, AttemptKind), int>();
        var failures = new FailureTracker(_options.WorkerFailuresBeforeBlocklist);
        var queued = new Queue<TileRequest>();
        using var fresh = PendingOrdinals(total).GetEnumerator();
        bool moreFresh = true;

        void Refill()
        {
            while (inflight.Count < Window())
            {
                TileRequest request;
                if (queued.Count > 0)
                {
                    request = queued.Dequeue();
                }
                else if (moreFresh && (moreFresh = fresh.MoveNext()))
                {
                    request = TileRequest.Primary(fresh.Current);
                }
                else
                {
                    return;
                }

                var key = (request.Ordinal, request.Kind);
                var delay = unreachable.Tries(key) is > 0 and int lost ? SiloLoss.RetryDelay(lost)
                    : attempts.GetValueOrDefault(key) is > 0 and int tried ? RetryDelay(tried) : TimeSpan.Zero;
                inflight[DispatchAsync(spec, tilesPerFrame, request, failures, delay, misplaced.GetValueOrDefault(key))] = request;
            }
        }

        while (state.State.Phase == JobPhase.Running && !_deactivating)
        {
            Refill();
            if (inflight.Count == 0)
            {
                // Everything rendered: close the open verification windows, or finish.
                foreach (var check in CloseWindows())
                {
                    queued.Enqueue(check);
                }

                if (queued.Count == 0)
                {
                    break;
                }

                continue;
            }

            // The loop is not a grain call, so nothing else keeps an idle-looking activation alive.
            DelayDeactivation(_options.TileTimeout + TimeSpan.FromMinutes(1));
            await Task.WhenAny(inflight.Keys);
            var succeeded = new List<TileAttempt>();
            foreach (var task in inflight.Keys.Where(t => t.IsCompleted).ToList())
            {
                inflight.Remove(task);
                var attempt = await task;
                var key = (attempt.Ordinal, attempt.Request.Kind);
                if (attempt.Result is { Succeeded: true })
                {
                    unreachable.Forget(key);
                    succeeded.Add(attempt);
                    continue;
                }

                GridMetrics.TileRetries.Add(1);
                var (frame, tile) = Locate(spec, tilesPerFrame, attempt.Ordinal);
                if (attempt.Result is { Misplaced: true } || (attempt.Result is null && SiloLoss.IsUnreachable(attempt.Error)))
                {
                    // The silo holding the tile is gone or cut off, or placement sent it where no slot may take it (a
                    // stale view of the grid while a silo dies): not the tile's fault nor a worker's. Retry (briefly
                    // backed off) until the silo answers or is declared dead and the tile is placed on a live one.
                    var (lostFor, lostTries) = unreachable.Record(key, clock.GetUtcNow());
                    if (attempt.Result is { Misplaced: true })
                    {
                        // A silo's location cache keeps sending a tile grain's id where it last lived, and that silo
                        // activates it again without asking placement: the next try must be a grain of its own.
                        misplaced[key] = misplaced.GetValueOrDefault(key) + 1;
                    }

                    LogTileUnreachable(JobId, frame, tile, lostTries, attempt.Error?.Message);
                    if (lostFor > _options.SiloLossRetryWindow)
                    {
                        await FailAsync($"tile {tile} of frame {frame}: its silo stayed unreachable for {lostFor.TotalSeconds:F0} s (Grid:SiloLossRetryWindow); last error: {attempt.Error?.Message}");
                        return;
                    }

                    queued.Enqueue(attempt.Request);
                    if (lostTries == 1)
                    {
                        await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileRetried, frame, tile, null, state.State.TilesDone, total, $"silo unreachable or unfit, re-issued once it answers or is declared dead: {attempt.Error?.Message}"));
                    }

                    continue;
                }

                int tries = attempts[key] = attempts.GetValueOrDefault(key) + 1;
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

                queued.Enqueue(attempt.Request);
                await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileRetried, frame, tile, null, state.State.TilesDone, total, attempt.Error?.Message));
            }

            if (state.State.Phase != JobPhase.Running || succeeded.Count == 0)
            {
                continue;
            }

            // Refill the window before the bookkeeping, so devices do not idle while credits and state are written.
            Refill();

            // In order of arrival: a passing check vouches only for a worker's tiles that reached the job before it.
            succeeded.Sort((x, y) => x.ArrivedAt.CompareTo(y.ArrivedAt));
            var (finals, followUps) = await VerifyAsync(spec, tilesPerFrame, succeeded, failures);
            foreach (var followUp in followUps)
            {
                queued.Enqueue(followUp);
            }

            if (finals.Count > 0)
            {
                await RecordTilesAsync(spec, tilesPerFrame, total, finals);
            }
        }

        if (state.State.Phase == JobPhase.Running && !_deactivating && state.State.FramesDone == spec.FrameCount)
        {
            state.State.Phase = JobPhase.Completed;
            state.State.FinishedAt = clock.GetUtcNow();
            await state.WriteStateAsync();
            await StopReminderAsync();
            LogCompleted(JobId, total);
            await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.JobCompleted, spec.FirstFrame + spec.FrameCount - 1, -1, null, state.State.TilesDone, total, null));
        }
    }

    /// <summary>Blits, marks done and publishes tiles whose pixels are decided, then stores finished frames.</summary>
    private async Task RecordTilesAsync(RenderJobSpec spec, int tilesPerFrame, int total, List<FinalTile> finals)
    {
        var touchedFrames = new SortedSet<int>();
        foreach (var final in finals)
        {
            var (frame, tile) = Locate(spec, tilesPerFrame, final.Ordinal);
            int frameOffset = frame - spec.FirstFrame;
            var rect = TilePlan.Rect(spec, tile);
            FrameBufferFor(spec, frameOffset).Blit(new PixelRect(rect.X, rect.Y, rect.Width, rect.Height), final.Result.Pixels);
            touchedFrames.Add(frameOffset);
            if (!BitSet.Get(state.State.DoneTiles, final.Ordinal))
            {
                BitSet.Set(state.State.DoneTiles, final.Ordinal);
                state.State.TilesDone++;
            }
        }

        await state.WriteStateAsync();
        foreach (var final in finals)
        {
            var (frame, tile) = Locate(spec, tilesPerFrame, final.Ordinal);
            await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileCompleted, frame, tile, final.Result.WorkerId, state.State.TilesDone, total, null));
        }

        foreach (int frameOffset in touchedFrames)
        {
            if (IsFrameRendered(tilesPerFrame, frameOffset) && !BitSet.Get(state.State.StoredFrames, frameOffset))
            {
                await StoreFrameAsync(spec, tilesPerFrame, frameOffset, total);
            }
        }
    }

    /// <summary>Forgets the done tiles of frames that were not stored before this activation, so they render again.</summary>
    /// <remarks>
    /// Tile results live in memory only and a frame's pixels are durable only once it is stored, so after a restart
    /// the unstored frames are rendered again. Their credits are keyed by tile id: a tile credited before the restart
    /// is not credited twice (its re-render is unpaid); nobody is ever paid twice for one tile.
    /// </remarks>
    private async Task RestorePartialFramesAsync(RenderJobSpec spec, int tilesPerFrame)
    {
        bool changed = false;
        for (int frameOffset = 0; frameOffset < spec.FrameCount; frameOffset++)
        {
            if (BitSet.Get(state.State.StoredFrames, frameOffset))
            {
                continue;
            }

            for (int tile = 0; tile < tilesPerFrame; tile++)
            {
                int ordinal = (frameOffset * tilesPerFrame) + tile;
                if (BitSet.Get(state.State.DoneTiles, ordinal))
                {
                    BitSet.Clear(state.State.DoneTiles, ordinal);
                    state.State.TilesDone--;
                    changed = true;
                }
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
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

    private async Task<TileAttempt> DispatchAsync(RenderJobSpec spec, int tilesPerFrame, TileRequest request, FailureTracker failures, TimeSpan delay, int replacements)
    {
        if (delay > TimeSpan.Zero)
        {
            // Back off so that a lost silo is declared dead, or a device frees up, before the tile is tried again.
            await Task.Delay(delay);
        }

        var (frame, tile) = Locate(spec, tilesPerFrame, request.Ordinal);
        var excluded = failures.Blocklisted.Concat(request.Prior.Select(p => p.WorkerId)).Distinct(StringComparer.Ordinal).ToList();
        if (request.Kind != AttemptKind.Primary)
        {
            excluded.AddRange(await UnfitCheckersAsync(excluded));
        }

        string? variant = Verification.Variant(request);
        if (replacements > 0)
        {
            // Placed afresh under a new grain id; the ledger key stays the tile's (credits do not follow grain ids).
            variant = variant is null ? $"p{replacements}" : $"{variant}-p{replacements}";
        }

        var work = new TileWork(JobId, spec, frame, tile, TilePlan.Rect(spec, tile), excluded.Count > 0 ? excluded : null, variant);
        try
        {
            var grain = GrainFactory.GetGrain<ITileGrain>(work.TileId);
            var avoid = failures.SilosToAvoid(capacity.Silos.Values, excluded);
            var result = await PlacementHints.AvoidingSilos(avoid, () => grain.RenderAsync(work)).WaitAsync(_options.TileTimeout);
            if (!result.Succeeded)
            {
                return new TileAttempt(request, result, new InvalidOperationException(result.Error));
            }

            if (result.Pixels.Length != work.Rect.PixelCount * 3)
            {
                // A malformed answer is the worker's fault: it counts towards its blocklist.
                return new TileAttempt(request, result with { Error = "wrong pixel count" }, new InvalidOperationException($"worker {result.WorkerId} returned {result.Pixels.Length} floats for a {work.Rect.Width}x{work.Rect.Height} tile"));
            }

            return new TileAttempt(request, result, null);
        }
        catch (Exception ex)
        {
            return new TileAttempt(request, null, ex);
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
        if (_deactivating)
        {
            // Tiles fail while the silo shuts down; that is no reason to fail the job, which resumes elsewhere.
            return;
        }

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

    /// <summary>Tiles to keep in flight: configured, or two per eligible slot weighted by speed (<see cref="DeviceDirectoryCache.SpeedWeightedSlots"/>), 4 to 512.</summary>
    private int Window() => _options.MaxTilesInFlightPerJob > 0
        ? _options.MaxTilesInFlightPerJob
        : Math.Clamp(2 * capacity.SpeedWeightedSlots, 4, 512);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: tile {Tile} of frame {Frame} could not reach a silo that can take it (try {Try}): {Error}")]
    private partial void LogTileUnreachable(string jobId, int frame, int tile, int @try, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: worker {WorkerId} blocklisted after {Failures} failed tiles")]
    private partial void LogBlocklisted(string jobId, string workerId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: ledger credit failed (attempt {Attempt}); retrying")]
    private partial void LogCreditRetry(Exception ex, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not release the tiles of frame {Frame}")]
    private partial void LogReleaseFailed(Exception ex, string jobId, int frame);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: progress event not published")]
    private partial void LogPublishFailed(Exception ex, string jobId);
}
