using Pictor.Contracts.Jobs;

namespace Pictor.Grains.Jobs;

/// <summary>Persisted state of a tile grain: its result once rendered.</summary>
[GenerateSerializer, Alias("pictor.TileState")]
public sealed class TileState
{
    /// <summary>The rendered tile, null before rendering and after release.</summary>
    [Id(0)]
    public TileRenderResult? Result { get; set; }
}
