using Orleans.Concurrency;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Security;

namespace Pictor.Grains.Settlement;

/// <summary>The ledger's side of a settlement grain.</summary>
[Alias("pictor.ISettlementPlanner")]
public interface ISettlementPlanner : IGrainWithStringKey
{
    /// <summary>Persists the batch as planned; planning the same batch again changes nothing.</summary>
    /// <param name="plan">The batch.</param>
    /// <returns>The settlement's state.</returns>
    /// <exception cref="InvalidOperationException">A different batch is already planned for this epoch.</exception>
    [CallableBy(Callers.Core)]
    [Alias("Plan")]
    Task<SettlementInfo> PlanAsync(SettlementPlan plan);

    /// <summary>Starts driving the settlement if it is planned or sent and a chain is configured; does not wait.</summary>
    /// <returns>The settlement's state.</returns>
    /// <remarks>Interleaves, so the ledger never waits behind a caller blocked in <see cref="ISettlementGrain.SettleAsync"/>.</remarks>
    [CallableBy(Callers.Core)]
    [Alias("Resume")]
    [AlwaysInterleave]
    Task<SettlementInfo> ResumeAsync();
}
