using Orleans.Placement;
using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>One page of an epoch's journal, stored on its own so that an append writes one page, not the whole epoch.</summary>
/// <remarks>
/// Placed beside its epoch grain (which is its only caller). Pages only grow: a write that would change or drop a
/// stored entry is refused.
/// </remarks>
[PreferLocalPlacement]
public sealed class LedgerEpochPageGrain(
    [PersistentState("page", StorageNames.Grid)] IPersistentState<LedgerEpochPageState> state) : Grain, ILedgerEpochPageGrain
{
    // The runtime copies a mutable result for a local caller and serializes it for a remote one: no copy needed here.
    Task<IReadOnlyList<LedgerEntry>> ILedgerEpochPageGrain.ReadAsync() =>
        Task.FromResult<IReadOnlyList<LedgerEntry>>(state.State.Entries);

    async Task ILedgerEpochPageGrain.WriteAsync(IReadOnlyList<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var stored = state.State.Entries;
        if (entries.Count < stored.Count || !stored.SequenceEqual(entries.Take(stored.Count)))
        {
            throw new InvalidOperationException(
                $"Ledger page {this.GetPrimaryKeyString()} only grows: the write would change or drop one of its {stored.Count} entries.");
        }

        if (entries.Count == stored.Count)
        {
            return;
        }

        state.State.Entries = [.. entries];
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Entries = stored;
            throw;
        }
    }
}
