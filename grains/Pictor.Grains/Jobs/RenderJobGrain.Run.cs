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

        var inflight = new Dictionary<Task<UnitAttempt>, int>();
        int tilesInFlight = 0;
        var attempts = new Dictionary<(int, AttemptKind), int>();
        var unreachable = new UnreachableTiles();
        var misplaced = new Dictionary<(int, AttemptKind), int>();
        var failures = new FailureTracker(_options.WorkerFailuresBeforeBlocklist);
        var queued = new LinkedList<TileRequest>();
        var fresh = new FreshTiles(state.State.DoneTiles, total, tilesPerFrame);
        var scheduler = new UnitScheduler(_options);
        long tileSamples = (long)Math.Min(spec.TileSize, spec.Width) * Math.Min(spec.TileSize, spec.Height) * spec.SamplesPerPixel;
        int maxTilesPerUnit = Math.Clamp(_options.MaxUnitPixels / Math.Max(1, spec.TileSize * spec.TileSize), 1, WorkUnit.MaxTiles);

        UnitVariant VariantOf(TileRequest request) =>
            Verification.Variant(request, misplaced.GetValueOrDefault((request.Ordinal, request.Kind)));

        TimeSpan DelayOf(TileRequest request)
        {
            var key = (request.Ordinal, request.Kind);
            return unreachable.Tries(key) is > 0 and int lost ? SiloLoss.RetryDelay(lost)
                : attempts.GetValueOrDefault(key) is > 0 and int tried ? RetryDelay(tried) : TimeSpan.Zero;
        }

        // Takes up to max requests that can share one unit with the head: same frame, kind, variant and excluded workers.
        List<TileRequest> TakeQueued(TileRequest head, int max)
        {
            int frame = head.Ordinal / tilesPerFrame;
            var variant = VariantOf(head);
            var priors = head.Prior.Select(p => p.WorkerId).Order(StringComparer.Ordinal).ToList();
            var taken = new List<TileRequest>();
            for (var node = queued.First; node is not null && taken.Count < max;)
            {
                var next = node.Next;
                var r = node.Value;
                if (r.Ordinal / tilesPerFrame == frame && r.Kind == head.Kind && VariantOf(r) == variant
                    && r.Prior.Select(p => p.WorkerId).Order(StringComparer.Ordinal).SequenceEqual(priors, StringComparer.Ordinal)
                    && !taken.Any(t => t.Ordinal == r.Ordinal))
                {
                    taken.Add(r);
                    queued.Remove(node);
                }

                node = next;
            }

            taken.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
            return taken;
        }

        async Task RefillAsync()
        {
            while (true)
            {
                int cap = _options.MaxTilesInFlightPerJob > 0 ? _options.MaxTilesInFlightPerJob - tilesInFlight : int.MaxValue;
                if (cap <= 0)
                {
                    return;
                }

                TileRequest? head = queued.First?.Value ?? (fresh.Peek() is int next ? TileRequest.Primary(next) : null);
                if (head is null)
                {
                    return;
                }

                var excluded = await ExcludedWorkersAsync(head, failures);
                var avoid = failures.SilosToAvoid(capacity.Silos.Values, excluded);
                long remaining = ((long)fresh.Remaining + queued.Count) * tileSamples;
                var choice = scheduler.Choose(capacity.Silos.Values, avoid, excluded, tileSamples, remaining, Math.Min(maxTilesPerUnit, cap), clock.GetUtcNow());
                if (choice is null)
                {
                    // Without a usable silo in view (no capacity report yet, or every device excluded) placement decides,
                    // one tile at a time: a unit that fits nowhere comes back misplaced and is retried as a lost silo's.
                    bool nowhere = !UnitScheduler.AnyCandidate(capacity.Silos.Values, avoid, excluded);
                    if (!nowhere || inflight.Count >= Window())
                    {
                        return;
                    }
                }

                int size = choice?.Tiles ?? 1;
                List<TileRequest> requests = queued.Count > 0
                    ? TakeQueued(head, size)
                    : [.. fresh.Take(size).Select(TileRequest.Primary)];
                var delay = requests.Max(DelayOf);
                var variant = VariantOf(requests[0]);
                var work = new WorkUnit(JobId, spec, spec.FirstFrame + (requests[0].Ordinal / tilesPerFrame), [.. requests.Select(r => r.Ordinal % tilesPerFrame)],
                    excluded.Count > 0 ? excluded : null, variant.Wire);
                long samples = work.PixelSamples;
                if (choice is not null)
                {
                    scheduler.Dispatched(choice.Silo, samples);
                }

                inflight[DispatchAsync(work, requests, choice?.Silo, avoid, samples, delay)] = requests.Count;
                tilesInFlight += requests.Count;
            }
        }

        while (state.State.Phase == JobPhase.Running && !_deactivating)
        {
            await RefillAsync();
            if (inflight.Count == 0)
            {
                // Everything rendered: close the open verification windows, or finish.
                foreach (var check in CloseWindows())
                {
                    queued.AddLast(check);
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
                tilesInFlight -= inflight[task];
                inflight.Remove(task);
                var attempt = await task;
                if (attempt.Silo is not null)
                {
                    scheduler.Returned(attempt.Silo, attempt.Samples);
                }

                if (attempt.Result is { Succeeded: true } rendered)
                {
                    if (attempt.Silo is not null)
                    {
                        scheduler.Observe(attempt.Silo, attempt.Samples, rendered.RenderSeconds, Benchmark(rendered.WorkerId));
                    }

                    if (attempt.Requests[0].Kind == AttemptKind.Primary && attempt.Result.UnitId.IndexOf('#', StringComparison.Ordinal) < 0)
                    {
                        UnitsOf(attempt.Requests[0].Ordinal / tilesPerFrame).Add(rendered.UnitId);
                    }

                    for (int i = 0; i < attempt.Requests.Count; i++)
                    {
                        var request = attempt.Requests[i];
                        unreachable.Forget((request.Ordinal, request.Kind));
                        succeeded.Add(new TileAttempt(request, rendered.Tiles[i]) { ArrivedAt = attempt.ArrivedAt });
                    }

                    continue;
                }

                GridMetrics.TileRetries.Add(attempt.Requests.Count);
                var (frame, tile) = Locate(spec, tilesPerFrame, attempt.Requests[0].Ordinal);
                string tiles = attempt.Requests.Count == 1 ? $"tile {tile}" : $"{attempt.Requests.Count} tiles from {tile}";
                if (attempt.Result is { Misplaced: true } || (attempt.Result is null && SiloLoss.IsUnreachable(attempt.Error)))
                {
                    // The silo holding the unit is gone or cut off, or placement sent it where no slot may take it (a
                    // stale view of the grid while a silo dies): not the tiles' fault nor a worker's. Retry (briefly
                    // backed off) until the silo answers or is declared dead and the unit is placed on a live one.
                    if (attempt.Silo is not null && attempt.Result is null)
                    {
                        scheduler.Suspect(attempt.Silo, clock.GetUtcNow() + SuspectFor);
                    }

                    var lostFor = TimeSpan.Zero;
                    int lostTries = 0;
                    foreach (var request in attempt.Requests)
                    {
                        var key = (request.Ordinal, request.Kind);
                        var lost = unreachable.Record(key, clock.GetUtcNow());
                        lostFor = lost.For > lostFor ? lost.For : lostFor;
                        lostTries = Math.Max(lostTries, lost.Tries);
                        if (attempt.Result is { Misplaced: true })
                        {
                            // A silo's location cache keeps sending a grain id where it last lived, and that silo
                            // activates it again without asking placement: the next try must be a grain of its own.
                            misplaced[key] = misplaced.GetValueOrDefault(key) + 1;
                        }

                        queued.AddLast(request);
                    }

                    LogTileUnreachable(JobId, frame, tiles, lostTries, attempt.Error?.Message ?? attempt.Result?.Error);
                    if (lostFor > _options.SiloLossRetryWindow)
                    {
                        await FailAsync($"{tiles} of frame {frame}: its silo stayed unreachable for {lostFor.TotalSeconds:F0} s (Grid:SiloLossRetryWindow); last error: {attempt.Error?.Message ?? attempt.Result?.Error}");
                        return;
                    }

                    if (lostTries == 1)
                    {
                        await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileRetried, frame, tile, null, state.State.TilesDone, total, $"silo unreachable or unfit, re-issued once it answers or is declared dead: {attempt.Error?.Message ?? attempt.Result?.Error}"));
                    }

                    continue;
                }

                int tries = 0;
                foreach (var request in attempt.Requests)
                {
                    var key = (request.Ordinal, request.Kind);
                    tries = Math.Max(tries, attempts[key] = attempts.GetValueOrDefault(key) + 1);
                    queued.AddLast(request);
                }

                LogTileFailed(attempt.Error, JobId, frame, tiles, tries);
                if (attempt.Result is { WorkerId.Length: > 0 } faulty && failures.RecordFailure(faulty.WorkerId))
                {
                    LogBlocklisted(JobId, faulty.WorkerId, _options.WorkerFailuresBeforeBlocklist);
                    await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileRetried, frame, tile, faulty.WorkerId, state.State.TilesDone, total, $"worker {faulty.WorkerId} is blocklisted for this job after {_options.WorkerFailuresBeforeBlocklist} failed work units"));
                }

                if (tries >= _options.MaxTileAttempts)
                {
                    await FailAsync($"{tiles} of frame {frame} failed {tries} times; last error: {attempt.Error?.Message}");
                    return;
                }

                await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.TileRetried, frame, tile, null, state.State.TilesDone, total, attempt.Error?.Message));
            }

            if (state.State.Phase != JobPhase.Running || succeeded.Count == 0)
            {
                continue;
            }

            // Refill before the bookkeeping, so devices do not idle while credits and state are written.
            await RefillAsync();

            // In order of arrival: a passing check vouches only for a worker's tiles that reached the job before it.
            succeeded.Sort((x, y) => x.ArrivedAt != y.ArrivedAt ? x.ArrivedAt.CompareTo(y.ArrivedAt) : x.Ordinal.CompareTo(y.Ordinal));
            var (finals, followUps) = await VerifyAsync(spec, tilesPerFrame, succeeded, failures);
            foreach (var followUp in followUps)
            {
                queued.AddLast(followUp);
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

        // No state write here: done-bits of a frame not yet stored are cleared on reactivation anyway (its tiles are
        // rendered again, since their pixels lived in memory), so they become durable with the frame's own write.
        // Writing them per batch cost one storage write per work unit for nothing.
        var completed = new List<JobProgressEvent>(finals.Count);
        foreach (var final in finals)
        {
            var (frame, tile) = Locate(spec, tilesPerFrame, final.Ordinal);
            completed.Add(new JobProgressEvent(JobId, JobProgressKind.TileCompleted, frame, tile, final.Result.WorkerId, state.State.TilesDone, total, null));
        }

        await PublishAsync(completed);

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
        await GrainFactory.GetGrain<IFrameGrain>(TilePlan.FrameId(JobId, frame)).StoreAsync(buffer.Width, buffer.Height, new PackedFloats(buffer.Pixels));
        BitSet.Set(state.State.StoredFrames, frameOffset);
        state.State.FramesDone++;
        await state.WriteStateAsync();
        _frames.Remove(frameOffset);
        await PublishAsync(new JobProgressEvent(JobId, JobProgressKind.FrameCompleted, frame, -1, null, state.State.TilesDone, total, null));

        // The frame is durable, so the units' copies are no longer needed; losing a release only costs memory until
        // the idle unit grains are collected (units of an earlier activation of this job are left to that).
        var releases = (_frameUnits.Remove(frameOffset, out var units) ? units : [])
            .Select(unit => GrainFactory.GetGrain<IWorkUnitGrain>(unit).ReleaseAsync());
        try
        {
            await Task.WhenAll(releases);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, JobId, frame);
        }
    }

    private async Task<UnitAttempt> DispatchAsync(WorkUnit work, List<TileRequest> requests, string? silo, IReadOnlyCollection<string> avoid, long samples, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            // Back off so that a lost silo is declared dead, or a device frees up, before the unit is tried again.
            await Task.Delay(delay);
        }

        try
        {
            var grain = GrainFactory.GetGrain<IWorkUnitGrain>(work.UnitId);
            var result = await PlacementHints.Placing(avoid, silo, () => grain.RenderAsync(work)).WaitAsync(_options.TileTimeout);
            if (!result.Succeeded)
            {
                return new UnitAttempt(requests, silo, samples, result, new InvalidOperationException(result.Error));
            }

            for (int i = 0; i < requests.Count; i++)
            {
                int expected = TilePlan.Rect(work.Spec, work.Tiles[i]).PixelCount * 3;
                if (result.Tiles.Count != requests.Count || result.Tiles[i].Pixels.Length != expected)
                {
                    // A malformed answer is the worker's fault: it counts towards its blocklist.
                    string error = $"worker {result.WorkerId} returned a malformed unit: {result.Tiles.Count} tiles for {requests.Count}, or a tile of the wrong size";
                    return new UnitAttempt(requests, silo, samples, result with { Error = "malformed unit" }, new InvalidOperationException(error));
                }
            }

            return new UnitAttempt(requests, silo, samples, result, null);
        }
        catch (Exception ex)
        {
            return new UnitAttempt(requests, silo, samples, null, ex);
        }
    }

    /// <summary>Workers that must not render this request: the job's blocklist, the renders it checks, and (for checks) unfit checkers.</summary>
    private async Task<IReadOnlyList<string>> ExcludedWorkersAsync(TileRequest request, FailureTracker failures)
    {
        var excluded = failures.Blocklisted.Concat(request.Prior.Select(p => p.WorkerId)).Distinct(StringComparer.Ordinal).ToList();
        if (request.Kind != AttemptKind.Primary)
        {
            excluded.AddRange(await UnfitCheckersAsync(excluded));
        }

        return excluded;
    }

    /// <summary>The benchmark speed of a worker, from the capacity reports; 0 when unknown.</summary>
    private double Benchmark(string workerId) =>
        capacity.Silos.Values.SelectMany(s => s.Slots).FirstOrDefault(s => s.WorkerId == workerId)?.MsamplesPerSecond ?? 0;

    private List<string> UnitsOf(int frameOffset)
    {
        if (!_frameUnits.TryGetValue(frameOffset, out var units))
        {
            units = [];
            _frameUnits[frameOffset] = units;
        }

        return units;
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

    /// <summary>Publishes a batch of events in one stream message: a unit's tiles complete together, and one message per tile kept the job loop (and so the devices) waiting.</summary>
    private async Task PublishAsync(List<JobProgressEvent> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await _progress!.OnNextBatchAsync(batch);
        }
        catch (Exception ex)
        {
            // Progress is for watching: a lost event must never stop or undo work.
            LogPublishFailed(ex, JobId);
        }
    }

    private Task PublishAsync(JobProgressEvent progress) => PublishAsync([progress]);

    /// <summary>Delay before re-issuing a tile: 200 ms doubling per attempt, at most 10 s.</summary>
    private static TimeSpan RetryDelay(int previousAttempts) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 200 * Math.Pow(2, previousAttempts - 1)));

    /// <summary>How long new units avoid a silo that could not be reached (other silos permitting).</summary>
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(5);

    /// <summary>Units to keep in flight while no capacity report says where to send them: configured, or two per eligible slot weighted by speed (<see cref="DeviceDirectoryCache.SpeedWeightedSlots"/>), 4 to 512.</summary>
    private int Window() => _options.MaxTilesInFlightPerJob > 0
        ? _options.MaxTilesInFlightPerJob
        : Math.Clamp(2 * capacity.SpeedWeightedSlots, 4, 512);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Tiles} tiles")]
    private partial void LogCompleted(string jobId, int tiles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Tiles} of frame {Frame} failed (attempt {Attempt})")]
    private partial void LogTileFailed(Exception? ex, string jobId, int frame, string tiles, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Tiles} of frame {Frame} could not reach a silo that can take them (try {Try}): {Error}")]
    private partial void LogTileUnreachable(string jobId, int frame, string tiles, int @try, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: worker {WorkerId} blocklisted after {Failures} failed tiles")]
    private partial void LogBlocklisted(string jobId, string workerId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: ledger credit failed (attempt {Attempt}); retrying")]
    private partial void LogCreditRetry(Exception ex, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not release the tiles of frame {Frame}")]
    private partial void LogReleaseFailed(Exception ex, string jobId, int frame);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: progress event not published")]
    private partial void LogPublishFailed(Exception ex, string jobId);
}
