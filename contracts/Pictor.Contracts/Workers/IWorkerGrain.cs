using Pictor.Contracts.Security;

namespace Pictor.Contracts.Workers;

/// <summary>One device slot of the grid: each GPU is one worker; a CPU-only host has N CPU slots.</summary>
/// <remarks>Keyed by worker id <c>{host}/{device}</c>, stable across restarts so earnings follow the device.</remarks>
[Alias("pictor.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Registers or re-registers the slot and marks it online.</summary>
    /// <param name="registration">The slot's description; its worker id must equal this grain's key.</param>
    /// <returns>The worker's record.</returns>
    [CallableBy(Callers.Core | Callers.WorkerSilos)]
    [Alias("Register")]
    Task<WorkerInfo> RegisterAsync(WorkerRegistration registration);

    /// <summary>Adds a rendered work unit to the worker's counters.</summary>
    /// <param name="tiles">Tiles in the unit.</param>
    /// <param name="pixelSamples">Pixel-samples of the unit.</param>
    /// <param name="seconds">Device seconds spent.</param>
    /// <returns>A task that completes when recorded.</returns>
    [CallableBy(Callers.Core | Callers.WorkerSilos)]
    [Alias("RecordTiles")]
    Task RecordTilesAsync(int tiles, long pixelSamples, double seconds);

    /// <summary>Sets the worker's status, with the reason shown to its owner.</summary>
    /// <param name="status">The new status.</param>
    /// <param name="reason">Why.</param>
    /// <returns>A task that completes when recorded.</returns>
    [CallableBy(Callers.Core | Callers.Operator | Callers.WorkerSilos)]
    [Alias("SetStatus")]
    Task SetStatusAsync(WorkerStatus status, string reason);

    /// <summary>Records a verification decision and updates the worker's trust; repeated invalid results quarantine it.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>The updated trust record.</returns>
    [CallableBy(Callers.Core)]
    [Alias("RecordVerdict")]
    Task<TrustRecord> RecordVerdictAsync(TrustDecision decision);

    /// <summary>Records several verification decisions in order, in one write; the same as recording them one by one.</summary>
    /// <param name="decisions">The decisions, oldest first (at most <c>MaxVerdictsPerCall</c> of the grain).</param>
    /// <returns>The trust record after the last one.</returns>
    [CallableBy(Callers.Core)]
    [Alias("RecordVerdicts")]
    Task<TrustRecord> RecordVerdictsAsync(IReadOnlyList<TrustDecision> decisions);

    /// <summary>Returns the worker's trust record: how often its tiles are checked, and whether it is quarantined.</summary>
    /// <returns>The record.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetTrust")]
    Task<TrustRecord> GetTrustAsync();

    /// <summary>Returns the worker's record.</summary>
    /// <returns>The record, with <see cref="WorkerStatus.Unknown"/> when never registered.</returns>
    [CallableBy(Callers.Anyone)]
    [Alias("GetInfo")]
    Task<WorkerInfo> GetInfoAsync();
}
