using Pictor.Contracts.Ledger;
using Pictor.Contracts.Security;

namespace Pictor.Grains.Ledger;

/// <summary>
/// One shard of a ledger's durable tile index: which epoch holds each tile's credit, so a tile is credited once across
/// epochs.
/// </summary>
/// <remarks>
/// Keyed by <see cref="LedgerTileIndex.Key"/>: one shard per job frame, so a write rewrites one frame's tiles, never
/// the whole history.
/// </remarks>
[Alias("pictor.ILedgerTileIndexGrain")]
public interface ILedgerTileIndexGrain : IGrainWithStringKey
{
    /// <summary>Returns each tile's record, and records the unclaimed ones as credited in <paramref name="epoch"/>.</summary>
    /// <param name="tileIds">The tiles.</param>
    /// <param name="epoch">The open epoch.</param>
    /// <returns>Per tile, its record before this call; null for a tile claimed now.</returns>
    [CallableBy(Callers.Core)]
    [Alias("ClaimCredits")]
    Task<IReadOnlyList<TileLedgerRecord?>> ClaimCreditsAsync(IReadOnlyList<string> tileIds, long epoch);

    /// <summary>Points tiles' credit claims at <paramref name="epoch"/>: their old epoch never received the entries.</summary>
    /// <param name="tileIds">The tiles.</param>
    /// <param name="epoch">The open epoch.</param>
    /// <returns>A task that completes when durable.</returns>
    [CallableBy(Callers.Core)]
    [Alias("MoveCredits")]
    Task MoveCreditsAsync(IReadOnlyList<string> tileIds, long epoch);

    /// <summary>Records that tiles' verification outcome goes to <paramref name="epoch"/>.</summary>
    /// <param name="tileIds">The tiles; each must have a credit claim.</param>
    /// <param name="epoch">The open epoch.</param>
    /// <param name="resolution">Confirmed or rejected.</param>
    /// <returns>A task that completes when durable.</returns>
    [CallableBy(Callers.Core)]
    [Alias("ClaimResolutions")]
    Task ClaimResolutionsAsync(IReadOnlyList<string> tileIds, long epoch, LedgerEntryKind resolution);

    /// <summary>Returns each tile's record.</summary>
    /// <param name="tileIds">The tiles.</param>
    /// <returns>Per tile, its record or null.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Get")]
    Task<IReadOnlyList<TileLedgerRecord?>> GetAsync(IReadOnlyList<string> tileIds);
}
