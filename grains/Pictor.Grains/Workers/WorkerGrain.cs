using Microsoft.Extensions.Options;
using Pictor.Contracts.Security;
using Pictor.Contracts.Workers;
using Pictor.Grains.Security;
using Pictor.Grains.Verification;

namespace Pictor.Grains.Workers;

/// <summary>One device slot: identity, owner wallet, device, status and counters.</summary>
/// <remarks>
/// Whether the worker is a trust anchor is the core's configuration (<see cref="VerificationOptions.Anchors"/>), read
/// whenever the trust record is: a registration's own <see cref="WorkerRegistration.Anchor"/> is dropped, and a stored
/// record's flag is overwritten, so an operator who removes an anchor from the list removes it at once.
/// Registration and status changes are written at once. Tile counters are statistics, not money (the ledger is
/// the record of pay), so they are written at most every <see cref="CounterFlushInterval"/> and on deactivation,
/// instead of adding a storage write to every tile.
/// </remarks>
public sealed class WorkerGrain(
    [PersistentState("worker", StorageNames.Grid)] IPersistentState<WorkerState> state,
    IOptions<GridOptions> options,
    IClusterMembershipService membership,
    TimeProvider clock) : Grain, IWorkerGrain
{
    /// <summary>Decisions kept in the worker's record.</summary>
    public const int DecisionsKept = 50;

    /// <summary>Most verdicts one <see cref="IWorkerGrain.RecordVerdictsAsync"/> call may carry.</summary>
    public const int MaxVerdictsPerCall = 4096;

    /// <summary>Verdict batches remembered for idempotency (a retry comes right after the call it repeats).</summary>
    public const int AppliedBatchesKept = 64;

    private readonly TrustPolicy _policy = new(options.Value.Verification);
    private readonly AnchorList _anchors = new(options.Value.Verification.Anchors);

    /// <summary>Longest time tile counters stay unwritten.</summary>
    public static readonly TimeSpan CounterFlushInterval = TimeSpan.FromSeconds(5);

    private bool _countersDirty;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(
            FlushCountersAsync, new GrainTimerCreationOptions(CounterFlushInterval, CounterFlushInterval) { Interleave = false });
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        FlushCountersAsync(cancellationToken);

    async Task<WorkerInfo> IWorkerGrain.RegisterAsync(WorkerRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.WorkerId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException(
                $"Worker grain {this.GetPrimaryKeyString()} cannot register {registration.WorkerId}.", nameof(registration));
        }

        CallerContext.DemandSelfForWorkerSilo(registration.SiloAddress, $"register worker {registration.WorkerId}");

        var now = clock.GetUtcNow();
        var s = state.State;
        if (s.Registration is { } current && IsAnotherRunningSilo(current.SiloAddress, registration.SiloAddress))
        {
            // Two silos that chose the same worker host would share ids, credits and trust: refuse the second, never merge.
            throw new InvalidOperationException(
                $"Worker id {registration.WorkerId} is already registered by the running silo {current.SiloAddress} "
                + $"(host '{current.Host}'); the silo {registration.SiloAddress} may not take it over. "
                + "Give each silo its own worker host (--host, Silo:WorkerHost).");
        }

        if (s.Registration is null)
        {
            s.RegisteredAt = now;
        }

        // A worker silo cannot make itself an anchor: the claim is kept off the record (the wire field stays for old silos).
        s.Registration = registration with { Anchor = false };

        if (s.Status != WorkerStatus.Quarantined)
        {
            s.Status = WorkerStatus.Online;
            s.StatusReason = "registered by its host";
        }

        s.LastSeenAt = now;
        await state.WriteStateAsync();
        _countersDirty = false;
        await GrainFactory.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.DefaultKey).AddAsync(registration.WorkerId);
        return ToInfo();
    }

    Task IWorkerGrain.RecordTilesAsync(int tiles, long pixelSamples, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tiles);
        ArgumentOutOfRangeException.ThrowIfNegative(pixelSamples);
        var s = state.State;
        s.TilesRendered += tiles;
        s.PixelSamples += pixelSamples;
        s.BusySeconds += Math.Max(0, seconds);
        s.LastSeenAt = clock.GetUtcNow();
        _countersDirty = true;
        return Task.CompletedTask;
    }

    private async Task FlushCountersAsync(CancellationToken cancellationToken)
    {
        if (_countersDirty)
        {
            _countersDirty = false;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    async Task IWorkerGrain.SetStatusAsync(WorkerStatus status, string reason)
    {
        if (CallerContext.Current is { Kind: Callers.WorkerSilos } caller)
        {
            // A worker silo may only take its own slots out of work (offline, below spec), never mark itself fit or
            // lift a quarantine, nor touch another silo's slots.
            if (status is not (WorkerStatus.Offline or WorkerStatus.BelowSpec))
            {
                throw new UnauthorizedAccessException(
                    $"refused: {caller.Describe()} may set its workers offline or below spec, not {status}");
            }

            CallerContext.DemandSelfForWorkerSilo(
                state.State.Registration?.SiloAddress ?? string.Empty, $"set the status of worker {this.GetPrimaryKeyString()}");
        }

        state.State.Status = status;
        state.State.StatusReason = reason ?? string.Empty;
        state.State.LastSeenAt = clock.GetUtcNow();
        await state.WriteStateAsync();
    }

    /// <summary>
    /// Whether <paramref name="holder"/> (parsable form) is another silo than <paramref name="claimant"/> that the cluster
    /// holds active. The same endpoint in a new generation is the same silo restarted (its old self may not be declared
    /// dead yet); a silo that is dead or unknown may be replaced.
    /// </summary>
    private bool IsAnotherRunningSilo(string holder, string claimant)
    {
        try
        {
            var (held, claims) = (SiloAddress.FromParsableString(holder), SiloAddress.FromParsableString(claimant));
            return !held.Endpoint.Equals(claims.Endpoint)
                && membership.CurrentSnapshot.GetSiloStatus(held) == SiloStatus.Active;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    Task<TrustRecord> IWorkerGrain.RecordVerdictAsync(TrustDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return RecordVerdictsAsync([decision]);
    }

    Task<TrustRecord> IWorkerGrain.RecordVerdictsAsync(IReadOnlyList<TrustDecision> decisions) => RecordVerdictsAsync(decisions);

    private async Task<TrustRecord> RecordVerdictsAsync(IReadOnlyList<TrustDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count is 0 or > MaxVerdictsPerCall || decisions.Any(d => d is null))
        {
            throw new ArgumentException($"Record 1 to {MaxVerdictsPerCall} verdicts per call, none of them null.", nameof(decisions));
        }

        var s = state.State;
        string digest = VerdictBatchDigest.Of(decisions);
        if (s.AppliedBatches.Contains(digest, StringComparer.Ordinal))
        {
            // The same verdicts on the same tiles again: a retried call whose first attempt was applied.
            return Trust();
        }

        var trust = Trust();
        foreach (var decision in decisions)
        {
            var before = trust;
            trust = _policy.Apply(before, decision.Verdict);
            s.Decisions.Add(decision);
            if (trust.Quarantined && !before.Quarantined)
            {
                s.Status = WorkerStatus.Quarantined;
                s.StatusReason = $"quarantined after {trust.RecentInvalid} invalid results; last: {decision.Reason}";
            }
        }

        s.Trust = trust;
        s.AppliedBatches.Add(digest);
        if (s.AppliedBatches.Count > AppliedBatchesKept)
        {
            s.AppliedBatches.RemoveRange(0, s.AppliedBatches.Count - AppliedBatchesKept);
        }

        if (s.Decisions.Count > DecisionsKept)
        {
            s.Decisions.RemoveRange(0, s.Decisions.Count - DecisionsKept);
        }

        // Trust decides money: write it now, not with the lazily flushed counters.
        await state.WriteStateAsync();
        _countersDirty = false;
        return trust;
    }

    Task<TrustRecord> IWorkerGrain.GetTrustAsync() => Task.FromResult(Trust());

    /// <summary>The stored record (or a newcomer's), flagged an anchor or not as the core's configuration says now.</summary>
    private TrustRecord Trust() => _policy.WithAnchor(state.State.Trust ?? _policy.Initial, _anchors.Contains(this.GetPrimaryKeyString()));

    Task<WorkerInfo> IWorkerGrain.GetInfoAsync() => Task.FromResult(ToInfo());

    private WorkerInfo ToInfo()
    {
        var s = state.State;
        var registration = s.Registration ?? new WorkerRegistration(
            this.GetPrimaryKeyString(), string.Empty, string.Empty, new DeviceSpec(string.Empty, string.Empty, 0, 0, string.Empty),
            string.Empty, 0);
        return new WorkerInfo(
            registration, s.Registration is null ? WorkerStatus.Unknown : s.Status, s.StatusReason, s.TilesRendered, s.PixelSamples,
            s.BusySeconds, s.RegisteredAt, s.LastSeenAt, Trust(), [.. s.Decisions]);
    }
}
