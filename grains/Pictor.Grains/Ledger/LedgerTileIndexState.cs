namespace Pictor.Grains.Ledger;

/// <summary>Persisted state of one shard of a ledger's tile index: the tiles of one job frame.</summary>
[GenerateSerializer, Alias("pictor.LedgerTileIndexState")]
public sealed class LedgerTileIndexState
{
    /// <summary>Per tile id, where its entries are.</summary>
    [Id(0)]
    public Dictionary<string, TileLedgerRecord> Tiles { get; set; } = new(StringComparer.Ordinal);
}
