using Pictor.Contracts.Workers;
using Pictor.Grains.Verification;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>
/// Spot-check verification of a job's renders, as a pure step: it decides, the job grain applies.
/// </summary>
/// <remarks>
/// Every first render is credited as pending. A share of tiles (all of a newcomer's, then fewer as its record grows)
/// is rendered again by another worker and compared; a disagreement is settled by a third render. Each tile is drawn
/// for a check on its own, and a passing check confirms only the tile it checked. A worker's unchecked tiles wait in
/// its window until the end of the job: any failing check of the worker rejects the whole window (they are rendered
/// again elsewhere), so every bad tile stays exposed to the draw of every other bad tile of the worker, and a worker
/// with b bad tiles at check probability p has them all refused with probability at least <c>1 - (1 - p)^b</c>. When
/// nothing is in flight and none of the worker's checks is undecided, two more checks close the window, of its newest
/// entry (a worker turning bad) and of one drawn from the secret (a cheater honest on what it guesses a close takes):
/// both pass and the window is confirmed (the end rule), one fails and the window is rejected. A window is closed the
/// same way before the end once <see cref="VerificationOptions.WindowTiles"/> of its entries arrived before the worker's
/// oldest undecided check (b then counts the bad tiles of that span). So no tile is final, and no credit payable, until
/// a check has covered it.
/// The step does no I/O: workers' registrations and trust records are learnt beforehand (<see cref="Register"/>,
/// <see cref="Learn(string, WorkerInfo)"/>), and the verdicts it returns
/// are applied to them as the worker grains will (<see cref="TrustPolicy.Apply"/>), so later tiles of the same
/// batch see them.
/// </remarks>
internal sealed partial class VerificationStep
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
    /// <param name="rejections">The job's stored rejections per tile ordinal (counted on in place); empty for a new job.</param>
    public VerificationStep(
        JobLayout job, VerificationOptions options, uint secret, TimeProvider clock, Dictionary<int, int>? rejections = null)
    {
        _job = job;
        _options = options;
        _clock = clock;
        Run = new VerificationRun(new TrustPolicy(options), new TileComparer(options), secret, rejections ?? []);
    }

    /// <summary>The job's windows, rejections and trust records seen.</summary>
    public VerificationRun Run { get; }

    /// <summary>Turns rendered tiles, in order of arrival, into final tiles, follow-up renders, credits and verdicts.</summary>
    /// <param name="rendered">The tiles; every worker in them must be learnt.</param>
    /// <returns>What to apply.</returns>
    public VerificationDecision Decide(IReadOnlyList<TileAttempt> rendered)
    {
        var d = new VerificationDecision();
        foreach (var attempt in rendered)
        {
            if (attempt.Request.Kind == AttemptKind.Primary)
            {
                // Back and about to be decided: no longer out on the worker's onboarding bound (a check drawn now is).
                Run.Unpin(attempt.Ordinal);
            }

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

        if (_options.WindowTiles > 0)
        {
            foreach (var (workerId, window) in Run.OpenWindows())
            {
                int closable = Run.IsClosing(workerId) ? 0 : Run.ClosableEntries(workerId, _options.WindowTiles);
                if (closable >= _options.WindowTiles)
                {
                    d.FollowUps.AddRange(Close(workerId, window, closable));
                }
            }
        }

        return d;
    }

    /// <summary>
    /// Closes the window of every worker none of whose checks is undecided with two more checks, of its newest entry and
    /// of one drawn from the job's secret; their passes confirm the whole window (the end rule), a failure rejects it.
    /// Call it when nothing is in flight (the end of the job), so no tile stays unverified.
    /// </summary>
    /// <returns>The checks to render.</returns>
    /// <remarks>
    /// A worker with a check still undecided keeps its window: that check may yet find it wrong and reject the window,
    /// and a pass that came first would have confirmed bad tiles whose exposure rode on it. Its window is closed at a
    /// later call, once the check is decided (a job drains only when every check is).
    /// </remarks>
    public List<TileRequest> CloseWindows()
    {
        var checks = new List<TileRequest>();
        foreach (var (workerId, window) in Run.OpenWindows())
        {
            if (Run.AwaitingCheck(workerId) == 0)
            {
                checks.AddRange(Close(workerId, window, window.Count));
            }
        }

        return checks;
    }

    /// <summary>
    /// The checks that close the <paramref name="count"/> oldest entries of a worker's window: the newest of them (a
    /// worker that turned bad is caught at once) and one of the others drawn from the secret (a cheater cannot tell which)
    /// are taken out and checked; when both pass, the rest are confirmed.
    /// </summary>
    private List<TileRequest> Close(string workerId, List<WindowEntry> window, int count)
    {
        long upTo = window[count - 1].Sequence;
        List<int> picked = count > 1 ? [count - 1, CheckSampler.Pick(Run.Secret, window[0].Sequence, count - 1)] : [0];
        var checks = new List<TileRequest>();
        foreach (int index in picked)
        {
            var entry = window[index];
            checks.Add(new TileRequest(entry.Tile.Ordinal, AttemptKind.Check, [entry.Tile.Result], upTo));
            Run.AwaitCheck(workerId);
            Run.CloseSent(workerId);
        }

        // The newest is taken out first, so the drawn index still points at its entry.
        foreach (int index in picked)
        {
            window.RemoveAt(index);
        }

        return checks;
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
        if (!_options.Enabled || Run.Policy.IsAnchor(trust))
        {
            // The operator vouches for an anchor's renders: final and payable at once, as with verification off.
            d.Credits.Add(Credit(key, ordinal, result, pending: false));
            d.Finals.Add(new FinalTile(ordinal, result));
            return;
        }

        d.Credits.Add(Credit(key, ordinal, result, pending: true));
        if (CheckSampler.ShouldCheck(Run.Secret, ordinal + (Run.Rejections(ordinal) << 24), trust.CheckProbability))
        {
            // The check confirms this tile only: a pass says nothing of the worker's other tiles, which stay in its window
            // (a failure rejects them all), each exposed to its own draw and to every other one of the job.
            d.FollowUps.Add(new TileRequest(ordinal, AttemptKind.Check, [result], Drawn: Run.Draw(result.WorkerId)));
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
            d.FollowUps.Add(attempt.Request with { Kind = AttemptKind.Tiebreak, Prior = [first, result] });
            return;
        }

        bool closed = Decided(first.WorkerId, attempt.Request);
        Verdict(d, first.WorkerId, key, TrustVerdict.Valid, $"agreed with {result.WorkerId}: {comparison.Reason}");
        Verdict(d, result.WorkerId, key, TrustVerdict.Valid, $"agreed with {first.WorkerId}: {comparison.Reason}");
        d.Confirm.Add(key);
        d.Credits.Add(Credit(key + "#check", attempt.Ordinal, result, pending: false));
        d.Finals.Add(new FinalTile(attempt.Ordinal, first));
        if (closed)
        {
            Vouch(first.WorkerId, attempt.Request.VouchUpTo, d);
        }
    }

    private void DecideTiebreak(TileAttempt attempt, VerificationDecision d)
    {
        var result = attempt.Result;
        int ordinal = attempt.Ordinal;
        string key = CreditKey(ordinal);
        var (a, b) = (attempt.Request.Prior[0], attempt.Request.Prior[1]);
        var withA = Run.Comparer.Compare(AsRegistered(result), AsRegistered(a));
        var withB = Run.Comparer.Compare(AsRegistered(result), AsRegistered(b));
        bool closed = Decided(a.WorkerId, attempt.Request);
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
        if (ReferenceEquals(right, a) && closed)
        {
            Vouch(right.WorkerId, attempt.Request.VouchUpTo, d);
        }

        Punish(wrong.WorkerId, d);
    }

    /// <summary>
    /// A passing closing check (<see cref="CloseWindows"/>) confirms the worker's window up to the entry it was drawn
    /// from, never later ones; a check drawn during the job has <paramref name="upTo"/> -1 and confirms nothing more.
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

    /// <summary>A check (or its tie-break) of <paramref name="workerId"/>'s render is decided.</summary>
    /// <returns>Whether it was the last undecided check of a close: if it passed, the close may confirm the window.</returns>
    private bool Decided(string workerId, TileRequest request)
    {
        Run.CheckDecided(workerId, request.Drawn);
        return request.VouchUpTo >= 0 && Run.CloseDecided(workerId) == 0;
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

    /// <summary>Gives a tile a new credit key, as a rejection does, without a verdict on anyone (a render lost, say).</summary>
    /// <param name="ordinal">The tile.</param>
    public void Retire(int ordinal) => Run.Reject(ordinal);

    /// <summary>The ledger key of the current render of a tile: the tile id, then <c>#rN</c> after N rejections.</summary>
    /// <param name="ordinal">The tile.</param>
    /// <returns>The key.</returns>
    public string CreditKey(int ordinal)
    {
        int rejected = Run.Rejections(ordinal);
        return rejected == 0 ? _job.TileId(ordinal) : $"{_job.TileId(ordinal)}#r{rejected}";
    }
}
