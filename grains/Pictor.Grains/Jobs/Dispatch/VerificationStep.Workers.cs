using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;

namespace Pictor.Grains.Jobs.Dispatch;

/// <content>What the step knows of workers (registrations, trust, who may check) and how it pays them.</content>
internal sealed partial class VerificationStep
{
    /// <summary>
    /// Workers of <paramref name="workers"/> whose trust record the step has not learnt yet, or whose registration it has
    /// not seen (yet: a worker's first capacity report can come before its registration lands, so "none" is asked again).
    /// </summary>
    /// <param name="workers">Worker ids.</param>
    /// <returns>The unknown ones, each once.</returns>
    public List<string> Unknown(IEnumerable<string> workers) => [.. workers
        .Where(w => !Run.Trust.ContainsKey(w) || _registered.GetValueOrDefault(w) is null).Distinct(StringComparer.Ordinal)];

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
        var records = open.ToDictionary(w => w, TrustOrInitial, StringComparer.Ordinal);
        var anchors = open.Where(w => policy.IsAnchor(records[w])).ToHashSet(StringComparer.Ordinal);
        var fit = anchors.Count > 0 ? anchors : open.Where(w => policy.IsTrusted(records[w])).ToHashSet(StringComparer.Ordinal);
        return fit.Count == 0 ? [] : [.. open.Where(w => !fit.Contains(w))];
    }

    /// <summary>
    /// Candidates that are not independent of every render a check or tie-break compares (see <see cref="IsIndependent"/>).
    /// </summary>
    /// <param name="candidates">Eligible workers of the grid.</param>
    /// <param name="renderers">The workers whose renders are compared.</param>
    /// <returns>The dependent ones, each once.</returns>
    public List<string> DependentCheckers(IEnumerable<string> candidates, IReadOnlyCollection<string> renderers) =>
        [.. candidates.Distinct(StringComparer.Ordinal).Where(c => renderers.Any(r => !IsIndependent(c, r)))];

    /// <summary>Whether <paramref name="checker"/> may check a render of <paramref name="renderer"/>: independent by owner.</summary>
    /// <param name="checker">The candidate checker.</param>
    /// <param name="renderer">The worker whose render is checked.</param>
    /// <returns>True when independent.</returns>
    /// <remarks>
    /// <para>
    /// Owners are the wallets the core holds for the workers, compared without regard to case (EIP-55 spelling is not
    /// identity). Slots of one owner never check each other, whatever their hosts or silos (one silo has one wallet,
    /// so this covers slots of one silo too).
    /// </para>
    /// <para>
    /// A worker with no wallet is unowned: it earns nothing that could be paid, so its renders may be checked by any
    /// other registered worker (independence by slot, as before owners); but an unowned checker never checks an owned
    /// render, or a stranger could vouch for its own paid work through a second, walletless registration.
    /// An anchor in good standing is the operator's and may check anyone but itself; a worker the core holds no
    /// registration for checks nobody.
    /// </para>
    /// </remarks>
    public bool IsIndependent(string checker, string renderer)
    {
        if (string.Equals(checker, renderer, StringComparison.Ordinal)
            || _registered.GetValueOrDefault(checker) is not { } checkerRegistration)
        {
            return false;
        }

        if (Run.Policy.IsAnchor(TrustOrInitial(checker)))
        {
            return true;
        }

        string renderOwner = _registered.GetValueOrDefault(renderer)?.Wallet ?? string.Empty;
        string checkOwner = checkerRegistration.Wallet ?? string.Empty;
        if (renderOwner.Length == 0)
        {
            return true;
        }

        return checkOwner.Length > 0 && !string.Equals(renderOwner, checkOwner, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// How many more first renders <paramref name="workerId"/> may be sent now under its onboarding bound
    /// (<see cref="Verification.TrustPolicy.UnverifiedTilesAllowed"/> less its unverified tiles out); <see cref="int.MaxValue"/> when
    /// it has no bound (verification off, an anchor, or a worker at the floor).
    /// </summary>
    /// <param name="workerId">The worker (unknown ones count as newcomers).</param>
    /// <returns>Tiles it may be sent; 0 when it must wait for verdicts.</returns>
    public int OnboardingAllowance(string workerId)
    {
        if (!_options.Enabled)
        {
            return int.MaxValue;
        }

        int allowed = Run.Policy.UnverifiedTilesAllowed(TrustOrInitial(workerId));
        return allowed == int.MaxValue ? allowed : Math.Max(0, allowed - Run.Unverified(workerId));
    }

    private TrustRecord TrustOrInitial(string workerId) => Run.Trust.GetValueOrDefault(workerId) ?? Run.Policy.Initial;

    private TrustRecord TrustOf(string workerId) => Run.Trust.TryGetValue(workerId, out var trust)
        ? trust
        : throw new InvalidOperationException($"The trust record of worker {workerId} was not learnt before verification.");

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

    /// <summary>Whether the core holds a registration for the worker, as last learnt.</summary>
    /// <param name="workerId">The worker.</param>
    /// <returns>True when registered.</returns>
    public bool IsRegisteredWorker(string workerId) => _registered.GetValueOrDefault(workerId) is not null;

    private bool IsRegistered(string workerId) => _registered.TryGetValue(workerId, out var registration)
        ? registration is not null
        : throw new InvalidOperationException($"The registration of worker {workerId} was not learnt before verification.");

    /// <summary>
    /// A render as verification compares it: with the backend class of the worker's registered device, not the one it
    /// claims.
    /// </summary>
    /// <remarks>A worker that was never registered keeps its claim; its render is refused before it could be paid.</remarks>
    private TileRenderResult AsRegistered(TileRenderResult render) =>
        _registered.TryGetValue(render.WorkerId, out var registration) && registration is not null
            && registration.Device.Backend != render.Backend
            ? render with { Backend = registration.Device.Backend }
            : render;
}
