namespace Pictor.Grains.Ledger;

/// <summary>How tile ids map to tile index shards.</summary>
public static class LedgerTileIndex
{
    /// <summary>
    /// The shard key of a tile: its ledger and its id without the last <c>/</c> segment (the job frame for
    /// <c>{job}/{frame}/{tile}</c>).
    /// </summary>
    /// <param name="ledgerKey">The ledger's grain key.</param>
    /// <param name="tileId">A tile id that starts with <c>{jobId}/</c>.</param>
    /// <returns>The key.</returns>
    public static string Key(string ledgerKey, string tileId)
    {
        ArgumentNullException.ThrowIfNull(tileId);
        int cut = tileId.LastIndexOf('/');
        return $"{ledgerKey}/tiles/{(cut < 0 ? tileId : tileId[..cut])}";
    }
}
