using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>Checks a work unit's answer against what the job asked for; an answer that does not match is the worker's failure.</summary>
/// <remarks>
/// A worker's answer is a claim: the job reads from it only the pixels, and only after this check. It must name the
/// unit that was sent (its id encodes the job, frame, tiles and variant), one tile per tile asked for, in order, each
/// with that tile's id, the unit's worker and exactly the tile's pixel count. What the render is worth, who is paid
/// and which backend it counts as are never read from it (<see cref="VerificationStep"/> computes them).
/// </remarks>
internal static class UnitResultCheck
{
    /// <summary>Why <paramref name="result"/> does not answer <paramref name="work"/>; null when it does.</summary>
    /// <param name="work">The unit sent.</param>
    /// <param name="result">A successful answer.</param>
    /// <returns>The reason, or null.</returns>
    public static string? Mismatch(WorkUnit work, WorkUnitResult result)
    {
        if (result.UnitId != work.UnitId)
        {
            return $"answered unit {Short(result.UnitId)} for unit {work.UnitId}";
        }

        if (result.Tiles is null || result.Tiles.Count != work.Tiles.Count)
        {
            return $"returned {result.Tiles?.Count ?? 0} tiles for {work.Tiles.Count}";
        }

        for (int i = 0; i < work.Tiles.Count; i++)
        {
            var tile = result.Tiles[i];
            string expected = work.TileId(work.Tiles[i]);
            if (tile is null || tile.TileId != expected)
            {
                return $"returned tile {Short(tile?.TileId)} where tile {expected} was asked for";
            }

            if (tile.WorkerId != result.WorkerId)
            {
                return $"returned tile {expected} as rendered by {Short(tile.WorkerId)}, not by the unit's worker";
            }

            int pixels = TilePlan.Rect(work.Spec, work.Tiles[i]).PixelCount * 3;
            if (tile.Pixels is null || tile.Pixels.Length != pixels)
            {
                return $"returned {tile.Pixels?.Length ?? 0} floats for tile {expected}, which has {pixels}";
            }
        }

        return null;
    }

    /// <summary>An id from a worker, cut short for a message: it is not ours to print in full.</summary>
    private static string Short(string? id) => id is null ? "(none)" : id.Length <= 80 ? id : id[..80] + "…";
}
