using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Verification;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>
/// Spot-check verification of a job's renders, as a pure step: it decides, the job grain applies.
/// </summary>
/// <remarks>
/// Every first render is credited as pending. A share of tiles (all of a newcomer's, then fewer as its record grows)
/// is rendered again by another worker and compared; a disagreement is settled by a third render. A worker's
/// unchecked tiles wait in its window: its next passing check vouches for them (they are confirmed and become
/// final); a failing one rejects them all and they are rendered again elsewhere. At the end of the job every open
/// window is closed by one more check. So no tile is final, and no credit payable, until a check has covered it.
/// The step does no I/O: workers' registrations and trust records are learnt beforehand (<see cref="Register"/>,
/// <see cref="Learn(string, WorkerInfo)"/>), and the verdicts it returns
/// are applied to them as the worker grains will (<see cref="TrustPolicy.Apply"/>), so later tiles of the same
/// batch see them.
/// </remarks>
internal sealed class VerificationStep
{
    private readonly JobLayout _job;
    private readonly VerificationOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, WorkerRegistration?> _registered = new(StringComparer.Ordinal);

    /// <summary>Creates the verification of one job run.</summary>
    /// <param name="job">The job's shape.</param>
    /// <param name="options">Verification options.</param>
    /// <param name="secret">The job's check-sampling secret.</param>
    /// <param name="clock">The clock (verdict times).</param>
    public VerificationStep(JobLayout job, VerificationOptions options, uint secret, TimeProvider clock)
    {
        _job = job;
        _options = options;
        _clock = clock;
        Run = new VerificationRun(new TrustPolicy(options), new TileComparer(options), secret);
    }

    /// <summary>The job's windows, rejections and trust records seen.</summary>
    public VerificationRun Run { get; }

    /// <summary>Workers of <paramref name="workers"/> whose registration or trust record the step has not learnt yet.</summary>
    /// <param name="workers">Worker ids.</param>
    /// <returns>The unknown ones, each once.</returns>
    public List<string> Unknown(IEnumerable<string> workers) => [.. workers
        .Where(w => !Run.Trust.ContainsKey(w) || !_registered.ContainsKey(w)).Distinct(StringComparer.Ordinal)];

    /// <summary>Learns what the core holds of a worker: the wallet it is paid to and the backend class its renders count as.</summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="registration">Its registration as the core holds it, or null when it has none (its renders are refused).</param>
    public void Register(string workerId, WorkerRegistration? registration) => _registered[workerId] = registration;

    /// <summary>Learns what the core's record of a worker says: its registration (none when it was never registered) and trust.</summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="info">Its record, read from its grain.</param>
    public void Learn(string workerId, WorkerInfo info)
    {
        Register(workerId, info.Status == WorkerStatus.Unknown ? null : info.Registration);
        Learn(workerId, info.Trust ?? Run.Policy.Initial);
    }

    /// <summary>Learns a worker's trust record (read from its grain, or returned by a verdict).</summary>
    /// <param name="workerId">The worker.</param>
    /// <param name="record">Its record.</param>
    public void Learn(string workerId, TrustRecord record) => Run.Trust[workerId] = record;

    /// <summary>Turns rendered tiles, in order of arrival, into final tiles, follow-up renders, credits and verdicts.</summary>
    /// <param name="rendered">The tiles; every worker in them must be learnt.</param>
    /// <returns>What to apply.</returns>
    public VerificationDecision Decide(IReadOnlyList<TileAttempt> rendered)
    {
        var d = new VerificationDecision();
        foreach (var attempt in rendered)
        {
            if (!IsRegistered(attempt.Result.WorkerId))
            {
                // The core holds no record of this worker: there is nobody to pay and no backend to count the render
                // as. The render is dropped, the worker gets no more of the job, and the tile is rendered again.
                d.Blocklist.Add(attempt.Result.WorkerId);
                d.Unregistered.Add(attempt.Result.WorkerId);
                d.FollowUps.Add(attempt.Request);
                continue;
            }

            switch (attempt.Request.Kind)
            {
                case AttemptKind.Primary:
                    DecidePrimary(attempt, d);
                    break;
                case AttemptKind.Check:
                    DecideCheck(attempt, d);
                    break;
                default:
                    DecideTiebreak(attempt, d);
                    break;
            }
        }

        return d;
    }

    /// <summary>Closes every worker's window with one more check, so no tile stays unverified at the end of a job.</summary>
    /// <returns>The checks to render.</returns>
    public List<TileRequest> CloseWindows()
    {
        var checks = new List<TileRequest>();
        foreach (var window in Run.OpenWindows())
        {
            var last = window[^1];
            window.RemoveAt(window.Count - 1);
            checks.Add(new TileRequest(last.Tile.Ordinal, AttemptKind.Check, [last.Tile.Result], last.Sequence));
        }

        return checks;
    }

    /// <summary>
    /// Workers that must not check: when operator anchors are available only they check; else only trusted workers; a
    /// grid of newcomers checks itself.
    /// </summary>
    /// <param name="candidates">Eligible workers of the grid (unknown ones count as newcomers).</param>
    /// <param name="excluded">Workers already excluded.</param>
    /// <returns>The unfit ones among the candidates.</returns>
    /// <remarks>
    /// Two newcomers that return the same wrong answer would agree, so a check is worth what its checker's record is
    /// worth.
    /// </remarks>
    public List<string> UnfitCheckers(IEnumerable<string> candidates, IReadOnlyCollection<string> excluded)
    {
        var policy = Run.Policy;
        var open = candidates.Where(w => !excluded.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        var records = open.ToDictionary(w => w, w => Run.Trust.GetValueOrDefault(w) ?? policy.Initial, StringComparer.Ordinal);
        var anchors = open.Where(w => records[w].Anchor && policy.IsTrusted(records[w])).ToHashSet(StringComparer.Ordinal);
        var fit = anchors.Count > 0 ? anchors : open.Where(w => policy.IsTrusted(records[w])).ToHashSet(StringComparer.Ordinal);
        return fit.Count == 0 ? [] : [.. open.Where(w => !fit.Contains(w))];
    }

    private void DecidePrimary(TileAttempt attempt, VerificationDecision d)
    {
        var result = attempt.Result;
        int ordinal = attempt.Ordinal;
        var trust = TrustOf(result.WorkerId);
        if (trust.Quarantined)
        {
            d.Blocklist.Add(result.WorkerId);
            d.FollowUps.Add(TileRequest.Primary(ordinal));
            return;
        }

        string key = CreditKey(ordinal);
        if (!_options.Enabled)
        {
            d.Credits.Add(Credit(key, ordinal, result, pending: false));
            d.Finals.Add(new FinalTile(ordinal, result));
            return;
        }

        d.Credits.Add(Credit(key, ordinal, result, pending: true));
        if (CheckSampler.ShouldCheck(Run.Secret, ordinal + (Run.Rejections(ordinal) << 24), trust.CheckProbability))
        {
            // The check vouches for the window as it stands: tiles that arrived before this one.
            d.FollowUps.Add(new TileRequest(ordinal, AttemptKind.Check, [result], Run.NextSequence - 1));
        }
        else
        {
            Run.Defer(result.WorkerId, new FinalTile(ordinal, result));
        }
    }

    private void DecideCheck(TileAttempt attempt, VerificationDecision d)
    {
        var result = attempt.Result;
        string key = CreditKey(attempt.Ordinal);
        var first = attempt.Request.Prior[0];
        var comparison = Run.Comparer.Compare(AsRegistered(first), AsRegistered(result));
        if (!comparison.Agree)
        {
            d.Disagreements.Add(new Disagreement(key, first.WorkerId, result.WorkerId, comparison.Reason));
            d.FollowUps.Add(new TileRequest(attempt.Ordinal, AttemptKind.Tiebreak, [first, result], attempt.Request.VouchUpTo));
            return;
        }

        Verdict(d, first.WorkerId, key, TrustVerdict.Valid, $"agreed with {result.WorkerId}: {comparison.Reason}");
        Verdict(d, result.WorkerId, key, TrustVerdict.Valid, $"agreed with {first.WorkerId}: {comparison.Reason}");
        d.Confirm.Add(key);
        d.Credits.Add(Credit(key + "#check", attempt.Ordinal, result, pending: false));
        d.Finals.Add(new FinalTile(attempt.Ordinal, first));
        Vouch(first.WorkerId, attempt.Request.VouchUpTo, d);
    }

    private void DecideTiebreak(TileAttempt attempt, VerificationDecision d)
    {
        var result = attempt.Result;
        int ordinal = attempt.Ordinal;
        string key = CreditKey(ordinal);
        var (a, b) = (attempt.Request.Prior[0], attempt.Request.Prior[1]);
        var withA = Run.Comparer.Compare(AsRegistered(result), AsRegistered(a));
        var withB = Run.Comparer.Compare(AsRegistered(result), AsRegistered(b));
        if (withA.Agree == withB.Agree)
        {
            // Three renders, no majority: trust none of them and start the tile over.
            d.Reject.Add(key);
            Run.Reject(ordinal);
            d.FollowUps.Add(TileRequest.Primary(ordinal));
            return;
        }

        var (right, wrong) = withA.Agree ? (a, b) : (b, a);
        Verdict(d, result.WorkerId, key, TrustVerdict.Valid, $"broke the tie for {right.WorkerId}");
        Verdict(d, right.WorkerId, key, TrustVerdict.Valid, $"confirmed by {result.WorkerId}");
        string why = (withA.Agree ? withB : withA).Reason;
        Verdict(d, wrong.WorkerId, key, TrustVerdict.Invalid, $"outvoted by {right.WorkerId} and {result.WorkerId}: {why}");
        d.Credits.Add(Credit(key + "#tiebreak", ordinal, result, pending: false));
        if (ReferenceEquals(right, a))
        {
            d.Confirm.Add(key);
        }
        else
        {
            // The first render was wrong: its pending credit is refused and the checker is paid for the pixels that stand.
            d.Reject.Add(key);
            d.Credits.Add(Credit(key + "#check", ordinal, right, pending: false));
        }

        d.Finals.Add(new FinalTile(ordinal, right));
        if (ReferenceEquals(right, a))
        {
            Vouch(right.WorkerId, attempt.Request.VouchUpTo, d);
        }

        Punish(wrong.WorkerId, d);
    }

    /// <summary>
    /// A passing check vouches for the worker's unchecked tiles that arrived before the checked one, never for later
    /// ones.
    /// </summary>
    private void Vouch(string workerId, long upTo, VerificationDecision d)
    {
        var window = Run.Window(workerId);
        foreach (var entry in window.Where(e => e.Sequence <= upTo))
        {
            d.Confirm.Add(CreditKey(entry.Tile.Ordinal));
            d.Finals.Add(entry.Tile);
        }

        window.RemoveAll(e => e.Sequence <= upTo);
    }

    private void Punish(string workerId, VerificationDecision d)
    {
        d.Blocklist.Add(workerId);
        var window = Run.Window(workerId);
        foreach (var entry in window)
        {
            d.Reject.Add(CreditKey(entry.Tile.Ordinal));
            Run.Reject(entry.Tile.Ordinal);
            d.FollowUps.Add(TileRequest.Primary(entry.Tile.Ordinal));
        }

        window.Clear();
    }

    private void Verdict(VerificationDecision d, string workerId, string tileKey, TrustVerdict verdict, string reason)
    {
        d.Verdicts.Add(new WorkerVerdict(workerId, new TrustDecision(_clock.GetUtcNow(), _job.JobId, tileKey, verdict, reason)));
        var after = Run.Policy.Apply(TrustOf(workerId), verdict);
        Run.Trust[workerId] = after;
        if (after.Quarantined)
        {
            d.Blocklist.Add(workerId);
        }
    }

    private TrustRecord TrustOf(string workerId) => Run.Trust.TryGetValue(workerId, out var trust)
        ? trust
        : throw new InvalidOperationException($"The trust record of worker {workerId} was not learnt before verification.");

    /// <summary>The ledger key of the current render of a tile: the tile id, then <c>#rN</c> after N rejections.</summary>
    private string CreditKey(int ordinal)
    {
        int rejected = Run.Rejections(ordinal);
        return rejected == 0 ? _job.TileId(ordinal) : $"{_job.TileId(ordinal)}#r{rejected}";
    }

    /// <summary>
    /// The credit for a render of tile <paramref name="ordinal"/>: what the job asked for (the tile's pixels × the
    /// spec's samples, priced by <see cref="CreditPricing.Credits"/>), paid to the wallet the core holds for the worker.
    /// Nothing of it is read from the worker's answer but the worker's id, which must be registered.
    /// </summary>
    private CreditRequest Credit(string key, int ordinal, TileRenderResult result, bool pending)
    {
        long samples = (long)TilePlan.Rect(_job.Spec, _job.Locate(ordinal).Tile).PixelCount * _job.Spec.SamplesPerPixel;
        string wallet = _registered[result.WorkerId]!.Wallet;
        return new(key, _job.JobId, result.WorkerId, wallet, samples, CreditPricing.Credits(_job.Spec.Scene, samples), pending);
    }

    private bool IsRegistered(string workerId) => _registered.TryGetValue(workerId, out var registration)
        ? registration is not null
        : throw new InvalidOperationException($"The registration of worker {workerId} was not learnt before verification.");

    /// <summary>A render as verification compares it: with the backend class of the worker's registered device, not the one it claims.</summary>
    /// <remarks>A worker that was never registered keeps its claim; its render is refused before it could be paid.</remarks>
    private TileRenderResult AsRegistered(TileRenderResult render) =>
        _registered.TryGetValue(render.WorkerId, out var registration) && registration is not null
            && registration.Device.Backend != render.Backend
            ? render with { Backend = registration.Device.Backend }
            : render;
}
