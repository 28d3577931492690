namespace Pictor.Contracts.Jobs;

/// <summary>One work unit sent to a work-unit grain: one or more tiles of one frame, rendered in one go on one device.</summary>
/// <remarks>
/// The tile (<see cref="RenderJobSpec.TileSize"/>) is the grid's unit of credit, verification and idempotency; the work
/// unit is its unit of messaging. The job sizes units to the device they go to (a CPU core takes a few tiles, a GPU
/// many), so the per-unit cost of a grain call, scene lookup, result transfer and bookkeeping stays small against
/// the unit's compute. Every pixel's random stream depends only on its coordinates, so a unit renders the same
/// pixels as its tiles rendered one by one.
/// </remarks>
/// <param name="JobId">The job.</param>
/// <param name="Spec">The job spec (scene, frame size, samples, seed).</param>
/// <param name="Frame">The frame number.</param>
/// <param name="Tiles">Tile indices within the frame, ascending and distinct.</param>
/// <param name="ExcludedWorkers">Workers that must not render it: blocklisted for the job, or the first renderer of a check.</param>
/// <param name="Variant">
/// Which render of the tiles this is: null for the first, <c>check</c>, <c>tiebreak</c>, <c>rN</c> for a re-issue after
/// a rejection, with <c>-pN</c> (or <c>pN</c>) when it had to be placed afresh; each variant is its own unit grain.
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.TileWork")]
public sealed record WorkUnit(
    [property: Id(0)] string JobId,
    [property: Id(1)] RenderJobSpec Spec,
    [property: Id(2)] int Frame,
    [property: Id(3)] IReadOnlyList<int> Tiles,
    [property: Id(4)] IReadOnlyList<string>? ExcludedWorkers = null,
    [property: Id(5)] string? Variant = null)
{
    /// <summary>Most tiles in one unit.</summary>
    public const int MaxTiles = 1 << 16;

    /// <summary>The unit grain's key: <see cref="TilePlan.UnitId"/>, with <c>#variant</c> for checks and re-issues.</summary>
    public string UnitId => WithVariant(TilePlan.UnitId(JobId, Frame, Tiles));

    /// <summary>Pixel-samples the unit costs.</summary>
    public long PixelSamples => Tiles.Sum(t => (long)TilePlan.Rect(Spec, t).PixelCount) * Spec.SamplesPerPixel;

    /// <summary>The id of one tile's render in this unit (its tile id, with <c>#variant</c>).</summary>
    /// <param name="tile">A tile index of the unit.</param>
    /// <returns>The id.</returns>
    public string TileId(int tile) => WithVariant(TilePlan.TileId(JobId, Frame, tile));

    /// <summary>Checks that the unit names existing tiles, ascending and distinct, no more than <see cref="MaxTiles"/>.</summary>
    /// <exception cref="ArgumentException">It does not.</exception>
    public void ThrowIfInvalid()
    {
        if (Tiles is null || Tiles.Count == 0 || Tiles.Count > MaxTiles)
        {
            throw new ArgumentException($"A work unit holds 1 to {MaxTiles} tiles, not {Tiles?.Count ?? 0}.", nameof(Tiles));
        }

        int perFrame = TilePlan.TilesPerFrame(Spec);
        for (int i = 0; i < Tiles.Count; i++)
        {
            if (Tiles[i] < 0 || Tiles[i] >= perFrame || (i > 0 && Tiles[i] <= Tiles[i - 1]))
            {
                throw new ArgumentException($"Tile indices of a work unit must be ascending, distinct and below {perFrame}; index " +
                    $"{i} is {Tiles[i]}.", nameof(Tiles));
            }
        }
    }

    private string WithVariant(string id) => Variant is null ? id : $"{id}#{Variant}";
}
