using Microsoft.Extensions.Logging;
using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Verification;

namespace Pictor.Grains.Jobs;

/// <content>
/// Spot-check verification. Every first render is credited as pending. A share of tiles (all of a newcomer's,
/// then fewer as its record grows) is rendered again by another worker and compared; a disagreement is settled
/// by a third render. A worker's unchecked tiles wait in its window: its next passing check vouches for them
/// (they are confirmed and become final); a failing one rejects them all and they are rendered again elsewhere.
/// At the end of the job every open window is closed by one more check. So no tile is final, and no credit
/// payable, until a check has covered it.
/// </content>
public sealed partial class RenderJobGrain
{
    private VerificationRun? _verification;

    private VerificationRun Verification => _verification ??= new VerificationRun(
        new TrustPolicy(_options.Verification),
        new TileComparer(_options.Verification),
        state.State.CheckSecret);

    /// <summary>Turns successful renders into final tiles, follow-up renders and ledger entries.</summary>
    private async Task<(List<FinalTile> Finals, List<TileRequest> FollowUps)> VerifyAsync(RenderJobSpec spec, int tilesPerFrame, List<TileAttempt> successes, FailureTracker failures)
    {
        var v = Verification;
        var finals = new List<FinalTile>();
        var followUps = new List<TileRequest>();
        var credits = new List<CreditRequest>();
        var confirm = new List<string>();
        var reject = new List<string>();
        foreach (var attempt in successes)
        {
            var result = attempt.Result!;
            int ordinal = attempt.Ordinal;
            string key = v.CreditKey(JobId, spec, tilesPerFrame, ordinal);
            switch (attempt.Request.Kind)
            {
                case AttemptKind.Primary:
                    var trust = await TrustAsync(result.WorkerId);
                    if (trust.Quarantined)
                    {
                        failures.Blocklist(result.WorkerId);
                        followUps.Add(TileRequest.Primary(ordinal));
                        break;
                    }

                    if (!_options.Verification.Enabled)
                    {
                        credits.Add(Credit(key, result, pending: false));
                        finals.Add(new FinalTile(ordinal, result));
                        break;
                    }

                    credits.Add(Credit(key, result, pending: true));
                    if (CheckSampler.ShouldCheck(v.Secret, ordinal + (v.Rejections(ordinal) << 24), trust.CheckProbability))
                    {
                        // The check vouches for the window as it stands: tiles that arrived before this one.
                        followUps.Add(new TileRequest(ordinal, AttemptKind.Check, [result], v.NextSequence - 1));
                    }
                    else
                    {
                        v.Defer(result.WorkerId, new FinalTile(ordinal, result));
                    }

                    break;

                case AttemptKind.Check:
                    var first = attempt.Request.Prior[0];
                    var comparison = v.Comparer.Compare(first, result);
                    if (!comparison.Agree)
                    {
                        LogDisagreement(JobId, key, first.WorkerId, result.WorkerId, comparison.Reason);
                        followUps.Add(new TileRequest(ordinal, AttemptKind.Tiebreak, [first, result], attempt.Request.VouchUpTo));
                        break;
                    }

                    await VerdictAsync(first.WorkerId, key, TrustVerdict.Valid, $"agreed with {result.WorkerId}: {comparison.Reason}", failures);
                    await VerdictAsync(result.WorkerId, key, TrustVerdict.Valid, $"agreed with {first.WorkerId}: {comparison.Reason}", failures);
                    confirm.Add(key);
                    credits.Add(Credit(key + "#check", result, pending: false));
                    finals.Add(new FinalTile(ordinal, first));
                    Vouch(v, first.WorkerId, attempt.Request.VouchUpTo, spec, tilesPerFrame, confirm, finals);
                    break;

                default:
                    var (a, b) = (attempt.Request.Prior[0], attempt.Request.Prior[1]);
                    var withA = v.Comparer.Compare(result, a);
                    var withB = v.Comparer.Compare(result, b);
                    if (withA.Agree == withB.Agree)
                    {
                        // Three renders, no majority: trust none of them and start the tile over.
                        reject.Add(key);
                        v.Reject(ordinal);
                        followUps.Add(TileRequest.Primary(ordinal));
                        break;
                    }

                    var (right, wrong) = withA.Agree ? (a, b) : (b, a);
                    await VerdictAsync(result.WorkerId, key, TrustVerdict.Valid, $"broke the tie for {right.WorkerId}", failures);
                    await VerdictAsync(right.WorkerId, key, TrustVerdict.Valid, $"confirmed by {result.WorkerId}", failures);
                    await VerdictAsync(wrong.WorkerId, key, TrustVerdict.Invalid, $"outvoted by {right.WorkerId} and {result.WorkerId}: {(withA.Agree ? withB : withA).Reason}", failures);
                    credits.Add(Credit(key + "#tiebreak", result, pending: false));
                    if (ReferenceEquals(right, a))
                    {
                        confirm.Add(key);
                    }
                    else
                    {
                        // The first render was wrong: its pending credit is refused and the checker is paid for the pixels that stand.
                        reject.Add(key);
                        credits.Add(Credit(key + "#check", right, pending: false));
                    }

                    finals.Add(new FinalTile(ordinal, right));
                    if (ReferenceEquals(right, a))
                    {
                        Vouch(v, right.WorkerId, attempt.Request.VouchUpTo, spec, tilesPerFrame, confirm, finals);
                    }

                    Punish(v, wrong.WorkerId, spec, tilesPerFrame, reject, followUps, failures);
                    break;
            }
        }

        // Pending credits first, then refusals, then confirmations: a crash in between leaves pending credits, never paid ones.
        if (credits.Count > 0)
        {
            await CreditAsync(credits);
        }

        var ledger = GrainFactory.GetGrain<ILedgerGrain>(ILedgerGrain.DefaultKey);
        if (reject.Count > 0)
        {
            await ledger.RejectAsync(JobId, reject, "verification found the tile wrong");
        }

        if (confirm.Count > 0)
        {
            await ledger.ConfirmAsync(JobId, confirm);
        }

        return (finals, followUps);
    }

    /// <summary>Closes every worker's window with one more check, so no tile stays unverified at the end of a job.</summary>
    private List<TileRequest> CloseWindows()
    {
        var checks = new List<TileRequest>();
        foreach (var window in Verification.OpenWindows())
        {
            var last = window[^1];
            window.RemoveAt(window.Count - 1);
            checks.Add(new TileRequest(last.Tile.Ordinal, AttemptKind.Check, [last.Tile.Result], last.Sequence));
        }

        return checks;
    }

    /// <summary>A passing check vouches for the worker's unchecked tiles that arrived before the checked one, never for later ones.</summary>
    private void Vouch(VerificationRun v, string workerId, long upTo, RenderJobSpec spec, int tilesPerFrame, List<string> confirm, List<FinalTile> finals)
    {
        var window = v.Window(workerId);
        foreach (var entry in window.Where(e => e.Sequence <= upTo))
        {
            confirm.Add(v.CreditKey(JobId, spec, tilesPerFrame, entry.Tile.Ordinal));
            finals.Add(entry.Tile);
        }

        window.RemoveAll(e => e.Sequence <= upTo);
    }

    private void Punish(VerificationRun v, string workerId, RenderJobSpec spec, int tilesPerFrame, List<string> reject, List<TileRequest> followUps, FailureTracker failures)
    {
        failures.Blocklist(workerId);
        var window = v.Window(workerId);
        foreach (var entry in window)
        {
            reject.Add(v.CreditKey(JobId, spec, tilesPerFrame, entry.Tile.Ordinal));
            v.Reject(entry.Tile.Ordinal);
            followUps.Add(TileRequest.Primary(entry.Tile.Ordinal));
        }

        window.Clear();
    }

    /// <summary>Workers that must not check: when operator anchors are available only they check; else only trusted workers; a grid of newcomers checks itself.</summary>
    /// <remarks>Two newcomers that return the same wrong answer would agree, so a check is worth what its checker's record is worth.</remarks>
    private async Task<List<string>> UnfitCheckersAsync(IReadOnlyCollection<string> excluded)
    {
        var candidates = capacity.Silos.Values.SelectMany(s => s.Slots).Where(s => s.Eligible).Select(s => s.WorkerId)
            .Where(w => !excluded.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        var records = new Dictionary<string, TrustRecord>(StringComparer.Ordinal);
        foreach (string worker in candidates)
        {
            records[worker] = await TrustAsync(worker);
        }

        var policy = Verification.Policy;
        var anchors = candidates.Where(w => records[w].Anchor && policy.IsTrusted(records[w])).ToHashSet(StringComparer.Ordinal);
        var fit = anchors.Count > 0 ? anchors : candidates.Where(w => policy.IsTrusted(records[w])).ToHashSet(StringComparer.Ordinal);
        return fit.Count == 0 ? [] : [.. candidates.Where(w => !fit.Contains(w))];
    }

    private async Task<TrustRecord> TrustAsync(string workerId)
    {
        var v = Verification;
        if (!v.Trust.TryGetValue(workerId, out var trust))
        {
            trust = await GrainFactory.GetGrain<IWorkerGrain>(workerId).GetTrustAsync();
            v.Trust[workerId] = trust;
        }

        return trust;
    }

    private async Task VerdictAsync(string workerId, string tileKey, TrustVerdict verdict, string reason, FailureTracker failures)
    {
        var decision = new TrustDecision(clock.GetUtcNow(), JobId, tileKey, verdict, reason);
        var trust = await GrainFactory.GetGrain<IWorkerGrain>(workerId).RecordVerdictAsync(decision);
        Verification.Trust[workerId] = trust;
        if (verdict == TrustVerdict.Invalid)
        {
            GridMetrics.TilesRejected.Add(1);
            LogInvalid(JobId, workerId, tileKey, reason);
        }

        if (trust.Quarantined)
        {
            failures.Blocklist(workerId);
        }
    }

    private CreditRequest Credit(string key, TileRenderResult result, bool pending) =>
        new(key, JobId, result.WorkerId, result.Wallet, result.PixelSamples, CreditPricing.Credits(state.State.Spec!.Scene, result.PixelSamples), pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Tile} disagrees between {First} and {Second} ({Reason}); asking a third worker")]
    private partial void LogDisagreement(string jobId, string tile, string first, string second, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: worker {WorkerId} rendered {Tile} wrong: {Reason}")]
    private partial void LogInvalid(string jobId, string workerId, string tile, string reason);
}
