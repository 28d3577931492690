namespace Pictor.Contracts.Jobs;

/// <summary>How a frame is cut into tiles: row-major, square tiles, edge tiles cut to the frame.</summary>
/// <remarks>The plan is a pure function of the spec, so it is never stored: every silo derives the same one.</remarks>
public static class TilePlan
{
    /// <summary>Tiles across a frame.</summary>
    /// <param name="spec">The job spec.</param>
    /// <returns>Tile columns.</returns>
    public static int Columns(RenderJobSpec spec) => (spec.Width + spec.TileSize - 1) / spec.TileSize;

    /// <summary>Tiles down a frame.</summary>
    /// <param name="spec">The job spec.</param>
    /// <returns>Tile rows.</returns>
    public static int Rows(RenderJobSpec spec) => (spec.Height + spec.TileSize - 1) / spec.TileSize;

    /// <summary>Tiles per frame.</summary>
    /// <param name="spec">The job spec.</param>
    /// <returns>The tile count.</returns>
    public static int TilesPerFrame(RenderJobSpec spec) => Columns(spec) * Rows(spec);

    /// <summary>The rectangle of tile <paramref name="tileIndex"/>.</summary>
    /// <param name="spec">The job spec.</param>
    /// <param name="tileIndex">Row-major tile index.</param>
    /// <returns>The rectangle.</returns>
    public static TileRect Rect(RenderJobSpec spec, int tileIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tileIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(tileIndex, TilesPerFrame(spec));
        int columns = Columns(spec);
        int x = tileIndex % columns * spec.TileSize;
        int y = tileIndex / columns * spec.TileSize;
        return new TileRect(x, y, Math.Min(spec.TileSize, spec.Width - x), Math.Min(spec.TileSize, spec.Height - y));
    }

    /// <summary>The grid-wide id of a tile, also the key of its tile grain and its ledger credit.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="frame">The frame number.</param>
    /// <param name="tileIndex">The tile index within the frame.</param>
    /// <returns><c>{job}/{frame}/{tile}</c>.</returns>
    public static string TileId(string jobId, int frame, int tileIndex) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{jobId}/{frame}/{tileIndex}");

    /// <summary>The key of a stored frame.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="frame">The frame number.</param>
    /// <returns><c>{job}/{frame}</c>.</returns>
    public static string FrameId(string jobId, int frame) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{jobId}/{frame}");
}
