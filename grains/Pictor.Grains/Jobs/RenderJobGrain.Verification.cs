using Microsoft.Extensions.Logging;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Jobs.Dispatch;

namespace Pictor.Grains.Jobs;

/// <content>
/// Applying verification: the trust records it needs are read first, its decision is applied in a fixed order —
/// verdicts, pending credits, refusals, confirmations — so a crash in between leaves pending credits, never paid ones.
/// </content>
public sealed partial class RenderJobGrain
{
    private readonly LedgerBatch _ledgerBatch = new();

    /// <summary>Verifies rendered tiles and records the final ones.</summary>
    private async Task VerifyAndRecordAsync(JobDispatcher dispatcher, List<TileAttempt> rendered)
    {
        await LearnWorkersAsync(rendered.Select(r => r.Result.WorkerId));
        var decision = Verification.Decide(rendered);
        foreach (string worker in decision.Unregistered)
        {
            LogUnregistered(JobId, worker);
        }

        foreach (var d in decision.Disagreements)
        {
            LogDisagreement(JobId, d.TileKey, d.First, d.Second, d.Reason);
        }

        await ApplyVerdictsAsync(decision);
        foreach (string worker in decision.Blocklist)
        {
            dispatcher.Failures.Blocklist(worker);
        }

        _ledgerBatch.Add(decision);
        dispatcher.Enqueue(decision.FollowUps);
        if (!Running)
        {
            // Cancelled (or failed) while the verdicts were recorded: renders verified before that are paid (the batch
            // is sent when the loop stops), but nothing more is reported done, stored or sent.
            return;
        }

        if (decision.Finals.Count > 0)
        {
            await RecordTilesAsync(decision.Finals);
        }

        if (_ledgerBatch.Count >= _options.LedgerBatchTiles || _ledgerBatch.Age >= _options.LedgerBatchDelay)
        {
            await FlushLedgerAsync();
        }
    }

    /// <summary>
    /// Sends the gathered ledger entries: pending credits first, then refusals, then paid credits, then confirmations.
    /// </summary>
    /// <remarks>
    /// Refusals go before paid credits because each credit draws from the job's reservation and a refused pending credit
    /// frees what it held: a tile whose first render a tie-break refuses pays its check and tie-break instead, and in
    /// this order it never holds more than the two renders the reservation allows per tile.
    /// </remarks>
    private async Task FlushLedgerAsync()
    {
        if (_ledgerBatch.Count == 0)
        {
            return;
        }

        var (credits, reject, confirm) = _ledgerBatch.Take();
        if (reject.Count > 0)
        {
            // The rejection counts name the next renders' credit keys: durable before the ledger refuses the old ones,
            // or a restart would credit a re-render under a key the ledger already refused (and never pay it).
            await WriteStateAsync();
        }

        var pending = credits.Where(c => c.Pending).ToList();
        var paid = credits.Where(c => !c.Pending).ToList();
        if (pending.Count > 0)
        {
            await CreditAsync(pending);
        }

        if (reject.Count > 0)
        {
            await WithLedgerRetriesAsync(ledger => ledger.RejectAsync(JobId, reject, "verification found the tile wrong"));
        }

        if (paid.Count > 0)
        {
            await CreditAsync(paid);
        }

        if (confirm.Count > 0)
        {
            await WithLedgerRetriesAsync(ledger => ledger.ConfirmAsync(JobId, confirm));
        }
    }

    /// <summary>Records credits; those the job's reservation cannot cover are logged (they are not paid).</summary>
    private async Task CreditAsync(List<CreditRequest> credits)
    {
        var outcome = await WithLedgerAnswerAsync(ledger => ledger.CreditAsync(credits));
        if (outcome.Unfunded > 0)
        {
            LogUnfunded(JobId, outcome.Unfunded, state.State.ReservationCredits);
        }
    }

    /// <summary>Reads the trust records verification has not seen yet from the workers' grains.</summary>
    private async Task LearnWorkersAsync(IEnumerable<string> workers)
    {
        foreach (string worker in Verification.Unknown(workers))
        {
            Verification.Learn(worker, await GrainFactory.GetGrain<IWorkerGrain>(worker).GetInfoAsync());
        }
    }

    /// <summary>
    /// Records the verdicts on their workers, one call per worker, in order; the record a worker grain returns is the
    /// one that counts.
    /// </summary>
    private async Task ApplyVerdictsAsync(VerificationDecision decision)
    {
        foreach (var (workerId, verdict) in decision.Verdicts.Where(v => v.Decision.Verdict == TrustVerdict.Invalid))
        {
            GridMetrics.TilesRejected.Add(1);
            LogInvalid(JobId, workerId, verdict.TileId, verdict.Reason);
        }

        var calls = decision.Verdicts.GroupBy(v => v.WorkerId, StringComparer.Ordinal)
            .SelectMany(worker => worker.Select(v => v.Decision).Chunk(Workers.WorkerGrain.MaxVerdictsPerCall)
                .Select(async chunk => (worker.Key, Trust: await RecordVerdictsAsync(worker.Key, chunk))))
            .ToList();
        foreach (var (workerId, trust) in await Task.WhenAll(calls))
        {
            Verification.Learn(workerId, trust);
            if (trust.Quarantined)
            {
                decision.Blocklist.Add(workerId);
            }
        }
    }

    /// <summary>One ledger call, retried on a transient failure up to <see cref="GridOptions.MaxCreditAttempts"/> times.</summary>
    /// <remarks>
    /// Retrying is safe for all three calls: credits are keyed by tile id, so one that did land is not applied twice,
    /// and a confirmation or refusal that landed counts as repeated. A refused argument is not transient.
    /// </remarks>
    /// <summary>Records verdicts on a worker, retried on a transient fault: the worker grain applies a batch once.</summary>
    private Task<TrustRecord> RecordVerdictsAsync(string workerId, TrustDecision[] verdicts)
    {
        var worker = GrainFactory.GetGrain<IWorkerGrain>(workerId);
        return RetryAsync(() => worker.RecordVerdictsAsync(verdicts), (ex, attempt) => LogVerdictRetry(ex, JobId, workerId, attempt));
    }

    private async Task WithLedgerRetriesAsync(Func<ILedgerGrain, Task> call) => await WithLedgerAnswerAsync(async ledger =>
    {
        await call(ledger);
        return true;
    });

    /// <summary>One ledger call with an answer, retried like the credits.</summary>
    private Task<T> WithLedgerAnswerAsync<T>(Func<ILedgerGrain, Task<T>> call)
    {
        var ledger = GrainFactory.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
        return RetryAsync(() => call(ledger), (ex, attempt) => LogCreditRetry(ex, JobId, attempt));
    }

    /// <summary>
    /// Repeats a call the callee applies once (credits, refusals, confirmations, verdicts) through transient faults, up to
    /// <see cref="GridOptions.MaxCreditAttempts"/> tries; an <see cref="ArgumentException"/> is the callee's answer, never retried.
    /// </summary>
    private async Task<T> RetryAsync<T>(Func<Task<T>> call, Action<Exception, int> onRetry)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (attempt < _options.MaxCreditAttempts && ex is not ArgumentException)
            {
                onRetry(ex, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Job {JobId}: {Tile} disagrees between {First} and {Second} ({Reason}); asking a third worker")]
    private partial void LogDisagreement(string jobId, string tile, string first, string second, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: worker {WorkerId} rendered {Tile} wrong: {Reason}")]
    private partial void LogInvalid(string jobId, string workerId, string tile, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Job {JobId}: recording verdicts on {WorkerId} failed (attempt {Attempt}); retrying")]
    private partial void LogVerdictRetry(Exception ex, string jobId, string workerId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Job {JobId}: {Unfunded} credit(s) not recorded: they would draw past the job's reservation of {Reserved}")]
    private partial void LogUnfunded(string jobId, int unfunded, long reserved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: ledger call failed (attempt {Attempt}); retrying")]
    private partial void LogCreditRetry(Exception ex, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Job {JobId}: worker {WorkerId} answered a unit but has no registration on the core; "
            + "its render is dropped and done again")]
    private partial void LogUnregistered(string jobId, string workerId);
}
