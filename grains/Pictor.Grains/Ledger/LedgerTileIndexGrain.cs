using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>One shard of a ledger's tile index; see <see cref="ILedgerTileIndexGrain"/>.</summary>
public sealed class LedgerTileIndexGrain(
    [PersistentState("tiles", StorageNames.Grid)] IPersistentState<LedgerTileIndexState> state) : Grain, ILedgerTileIndexGrain
{
    async Task<IReadOnlyList<TileLedgerRecord?>> ILedgerTileIndexGrain.ClaimCreditsAsync(IReadOnlyList<string> tileIds, long epoch)
    {
        var tiles = state.State.Tiles;
        var before = tileIds.Select(t => tiles.GetValueOrDefault(t)).ToList();
        var claimed = new List<string>();
        foreach (string tile in tileIds)
        {
            if (tiles.TryAdd(tile, new TileLedgerRecord(epoch, 0, LedgerEntryKind.Credit)))
            {
                claimed.Add(tile);
            }
        }

        await WriteOrUndoAsync(claimed, tile => tiles.Remove(tile));
        return before;
    }

    async Task ILedgerTileIndexGrain.MoveCreditsAsync(IReadOnlyList<string> tileIds, long epoch)
    {
        var tiles = state.State.Tiles;
        var old = tileIds.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => tiles.GetValueOrDefault(t), StringComparer.Ordinal);
        foreach (string tile in old.Keys)
        {
            tiles[tile] = (old[tile] ?? new TileLedgerRecord(epoch, 0, LedgerEntryKind.Credit)) with { CreditEpoch = epoch };
        }

        await WriteOrUndoAsync(old.Keys, tile => Restore(tile, old[tile]));
    }

    async Task ILedgerTileIndexGrain.ClaimResolutionsAsync(IReadOnlyList<string> tileIds, long epoch, LedgerEntryKind resolution)
    {
        var tiles = state.State.Tiles;
        var old = tileIds.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => tiles.GetValueOrDefault(t), StringComparer.Ordinal);
        foreach (var (tile, record) in old)
        {
            if (record is null)
            {
                throw new InvalidOperationException($"Tile {tile} has no credit claim to resolve.");
            }

            tiles[tile] = record with { ResolutionEpoch = epoch, Resolution = resolution };
        }

        await WriteOrUndoAsync(old.Keys, tile => Restore(tile, old[tile]));
    }

    Task<IReadOnlyList<TileLedgerRecord?>> ILedgerTileIndexGrain.GetAsync(IReadOnlyList<string> tileIds) =>
        Task.FromResult<IReadOnlyList<TileLedgerRecord?>>(tileIds.Select(t => state.State.Tiles.GetValueOrDefault(t)).ToList());

    private void Restore(string tile, TileLedgerRecord? record)
    {
        if (record is null)
        {
            state.State.Tiles.Remove(tile);
        }
        else
        {
            state.State.Tiles[tile] = record;
        }
    }

    /// <summary>Writes the state if anything changed; a failed write undoes the changes so memory never runs ahead of storage.</summary>
    private async Task WriteOrUndoAsync(IEnumerable<string> changed, Action<string> undo)
    {
        var tiles = changed.ToList();
        if (tiles.Count == 0)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            tiles.ForEach(undo);
            throw;
        }
    }
}
