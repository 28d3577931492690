namespace Pictor.Grains.Jobs.Dispatch;

/// <content>Units that did not render: lost with their silo (no attempt used up) or failed (an attempt used up).</content>
internal sealed partial class JobDispatcher
{
    /// <summary>
    /// The silo holding the unit is gone or cut off, or placement sent it where no slot may take it (a stale view of
    /// the grid while a silo dies): not the tiles' fault nor a worker's. Retry (briefly backed off) until the silo
    /// answers or is declared dead and the unit is placed on a live one.
    /// </summary>
    private UnitReturn Lost(UnitAttempt attempt)
    {
        GridMetrics.TileRetries.Add(attempt.Requests.Count);
        var now = _clock.GetUtcNow();
        if (attempt.Silo is not null && attempt.Outcome == UnitOutcome.Unreachable)
        {
            _scheduler.Suspect(attempt.Silo, now + SuspectFor);
        }

        var lostFor = TimeSpan.Zero;
        int lostTries = 0;
        foreach (var request in attempt.Requests)
        {
            var key = (request.Ordinal, request.Kind);
            var lost = _unreachable.Record(key, now);
            lostFor = lost.For > lostFor ? lost.For : lostFor;
            lostTries = Math.Max(lostTries, lost.Tries);
            if (attempt.Outcome == UnitOutcome.Misplaced)
            {
                // A silo's location cache keeps sending a grain id where it last lived, and that silo activates it
                // again without asking placement: the next try must be a grain of its own.
                _misplaced[key] = _misplaced.GetValueOrDefault(key) + 1;
            }
        }

        _queued.AddRange(attempt.Requests);
        string tiles = Describe(attempt, out int frame);
        LogTileUnreachable(_job.JobId, frame, tiles, lostTries, attempt.Message);
        if (lostFor > _options.SiloLossRetryWindow)
        {
            return new UnitReturn([], [], $"{tiles} of frame {frame}: its silo stayed unreachable for {lostFor.TotalSeconds:F0} s "
                + $"(Grid:SiloLossRetryWindow); last error: {attempt.Message}");
        }

        return new UnitReturn([], lostTries == 1
            ? [new RetryNotice(
                attempt.Requests[0].Ordinal,
                null,
                $"silo unreachable or unfit, re-issued once it answers or is declared dead: {attempt.Message}")]
            : []);
    }

    private UnitReturn Failed(UnitAttempt attempt)
    {
        GridMetrics.TileRetries.Add(attempt.Requests.Count);
        int tries = 0;
        foreach (var request in attempt.Requests)
        {
            var key = (request.Ordinal, request.Kind);
            tries = Math.Max(tries, _attempts[key] = _attempts.GetValueOrDefault(key) + 1);
        }

        _queued.AddRange(attempt.Requests);
        string tiles = Describe(attempt, out int frame);
        int ordinal = attempt.Requests[0].Ordinal;
        LogTileFailed(attempt.Error, _job.JobId, frame, tiles, tries);
        var notices = new List<RetryNotice>();
        if (attempt.Result is { WorkerId.Length: > 0 } faulty && Failures.RecordFailure(faulty.WorkerId))
        {
            LogBlocklisted(_job.JobId, faulty.WorkerId, _options.WorkerFailuresBeforeBlocklist);
            notices.Add(new RetryNotice(ordinal, faulty.WorkerId,
                $"worker {faulty.WorkerId} is blocklisted for this job after {_options.WorkerFailuresBeforeBlocklist} failed work units"));
        }

        if (tries >= _options.MaxTileAttempts)
        {
            return new UnitReturn([], notices, $"{tiles} of frame {frame} failed {tries} times; last error: {attempt.Error?.Message}");
        }

        notices.Add(new RetryNotice(ordinal, null, attempt.Error?.Message));
        return new UnitReturn([], notices);
    }
}
