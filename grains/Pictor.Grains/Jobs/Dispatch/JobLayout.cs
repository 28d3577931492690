using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs.Dispatch;

/// <summary>The fixed shape of a job: its spec and how tile ordinals map to frames and tiles.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Spec">Its spec.</param>
internal sealed record JobLayout(string JobId, RenderJobSpec Spec)
{
    /// <summary>Tiles in one frame.</summary>
    public int TilesPerFrame { get; } = TilePlan.TilesPerFrame(Spec);

    /// <summary>Tiles in the job.</summary>
    public int Total => TilesPerFrame * Spec.FrameCount;

    /// <summary>Pixel-samples of a full tile.</summary>
    public long TileSamples =>
        (long)Math.Min(Spec.TileSize, Spec.Width) * Math.Min(Spec.TileSize, Spec.Height) * Spec.SamplesPerPixel;

    /// <summary>The frame number and tile index of a tile ordinal.</summary>
    /// <param name="ordinal">The ordinal.</param>
    /// <returns>Frame and tile.</returns>
    public (int Frame, int Tile) Locate(int ordinal) => (Spec.FirstFrame + (ordinal / TilesPerFrame), ordinal % TilesPerFrame);

    /// <summary>The frame offset (0-based within the job) of a tile ordinal.</summary>
    /// <param name="ordinal">The ordinal.</param>
    /// <returns>The offset.</returns>
    public int FrameOffset(int ordinal) => ordinal / TilesPerFrame;

    /// <summary>The tile id of a tile ordinal (the ledger's and the wire's name of the tile).</summary>
    /// <param name="ordinal">The ordinal.</param>
    /// <returns>The id.</returns>
    public string TileId(int ordinal)
    {
        var (frame, tile) = Locate(ordinal);
        return TilePlan.TileId(JobId, frame, tile);
    }
}
