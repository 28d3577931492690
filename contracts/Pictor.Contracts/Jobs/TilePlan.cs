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

    /// <summary>The grid-wide id of a tile, also the key of its ledger credit (and of a one-tile unit's grain).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="frame">The frame number.</param>
    /// <param name="tileIndex">The tile index within the frame.</param>
    /// <returns><c>{job}/{frame}/{tile}</c>.</returns>
    public static string TileId(string jobId, int frame, int tileIndex) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{jobId}/{frame}/{tileIndex}");

    /// <summary>
    /// The id of a work unit: <c>{job}/{frame}/{ranges}</c>, its ascending tile indices as ranges (<c>3</c>,
    /// <c>3-10</c>, <c>3-10,15</c>).
    /// </summary>
    /// <remarks>A one-tile unit's id is that tile's id.</remarks>
    /// <param name="jobId">The job id.</param>
    /// <param name="frame">The frame number.</param>
    /// <param name="tiles">Ascending tile indices.</param>
    /// <returns>The id.</returns>
    public static string UnitId(string jobId, int frame, IReadOnlyList<int> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var ranges = new System.Text.StringBuilder();
        for (int i = 0; i < tiles.Count;)
        {
            int j = i;
            while (j + 1 < tiles.Count && tiles[j + 1] == tiles[j] + 1)
            {
                j++;
            }

            ranges.Append(ranges.Length > 0 ? "," : string.Empty).Append(System.Globalization.CultureInfo.InvariantCulture, $"{tiles[i]}");
            if (j > i)
            {
                ranges.Append(System.Globalization.CultureInfo.InvariantCulture, $"-{tiles[j]}");
            }

            i = j + 1;
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{jobId}/{frame}/{ranges}");
    }

    /// <summary>The rectangle the tiles cover together, when they cover exactly one.</summary>
    /// <param name="spec">The job spec.</param>
    /// <param name="tiles">Distinct tile indices.</param>
    /// <returns>The rectangle, or null when the tiles do not fill one (gaps, or ragged rows).</returns>
    public static TileRect? UnionRect(RenderJobSpec spec, IReadOnlyList<int> tiles)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        if (tiles.Count == 0)
        {
            return null;
        }

        int columns = Columns(spec);
        int minColumn = int.MaxValue, maxColumn = -1, minRow = int.MaxValue, maxRow = -1;
        foreach (int tile in tiles)
        {
            minColumn = Math.Min(minColumn, tile % columns);
            maxColumn = Math.Max(maxColumn, tile % columns);
            minRow = Math.Min(minRow, tile / columns);
            maxRow = Math.Max(maxRow, tile / columns);
        }

        // Distinct tiles inside the bounding box fill it exactly when there are as many as it has cells.
        if ((long)(maxColumn - minColumn + 1) * (maxRow - minRow + 1) != tiles.Count)
        {
            return null;
        }

        var first = Rect(spec, (minRow * columns) + minColumn);
        var last = Rect(spec, (maxRow * columns) + maxColumn);
        return new TileRect(first.X, first.Y, last.X + last.Width - first.X, last.Y + last.Height - first.Y);
    }

    /// <summary>The key of a stored frame.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="frame">The frame number.</param>
    /// <returns><c>{job}/{frame}</c>.</returns>
    public static string FrameId(string jobId, int frame) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{jobId}/{frame}");
}
