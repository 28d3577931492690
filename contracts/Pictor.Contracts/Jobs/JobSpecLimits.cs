namespace Pictor.Contracts.Jobs;

/// <summary>Bounds a job spec must respect; over a limit, a job is refused before any work starts.</summary>
/// <param name="MaxWidth">Largest frame width.</param>
/// <param name="MaxHeight">Largest frame height.</param>
/// <param name="MaxSamplesPerPixel">Largest samples per pixel.</param>
/// <param name="MinTileSize">Smallest tile edge.</param>
/// <param name="MaxTileSize">Largest tile edge.</param>
/// <param name="MaxFrames">Most frames in one job.</param>
[GenerateSerializer, Immutable, Alias("pictor.JobSpecLimits")]
public sealed record JobSpecLimits(
    [property: Id(0)] int MaxWidth,
    [property: Id(1)] int MaxHeight,
    [property: Id(2)] int MaxSamplesPerPixel,
    [property: Id(3)] int MinTileSize,
    [property: Id(4)] int MaxTileSize,
    [property: Id(5)] int MaxFrames)
{
    /// <summary>The network defaults: 16384², 65536 spp, tiles 16–4096 px, 100000 frames.</summary>
    public static JobSpecLimits Default { get; } = new(16384, 16384, 65536, 16, 4096, 100_000);
}
