namespace Pictor.Contracts.Jobs;

/// <summary>One unit of render work sent to a tile grain.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Spec">The job spec (scene, frame size, samples, seed).</param>
/// <param name="Frame">The frame number.</param>
/// <param name="TileIndex">The tile index within the frame.</param>
/// <param name="Rect">The pixels to render.</param>
/// <param name="ExcludedWorkers">Workers that must not render it: blocklisted for the job, or the first renderer of a check.</param>
/// <param name="Variant">Which render of the tile this is: null for the first, <c>check</c>, <c>tiebreak</c>, <c>rN</c> for a re-issue after a rejection, with <c>-pN</c> (or <c>pN</c>) when it had to be placed afresh; each variant is its own tile grain.</param>
[GenerateSerializer, Immutable, Alias("pictor.TileWork")]
public sealed record TileWork(
    [property: Id(0)] string JobId,
    [property: Id(1)] RenderJobSpec Spec,
    [property: Id(2)] int Frame,
    [property: Id(3)] int TileIndex,
    [property: Id(4)] TileRect Rect,
    [property: Id(5)] IReadOnlyList<string>? ExcludedWorkers = null,
    [property: Id(6)] string? Variant = null)
{
    /// <summary>The tile grain's key: the tile's grid-wide id, with <c>#variant</c> for checks and re-issues.</summary>
    public string TileId => Variant is null ? TilePlan.TileId(JobId, Frame, TileIndex) : $"{TilePlan.TileId(JobId, Frame, TileIndex)}#{Variant}";

    /// <summary>Pixel-samples this tile costs.</summary>
    public long PixelSamples => (long)Rect.PixelCount * Spec.SamplesPerPixel;
}
