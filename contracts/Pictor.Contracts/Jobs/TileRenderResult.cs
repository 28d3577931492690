namespace Pictor.Contracts.Jobs;

/// <summary>A rendered tile: its pixels and who rendered it on what.</summary>
/// <param name="TileId">The tile's grid-wide id.</param>
/// <param name="WorkerId">The worker (device slot) that rendered it.</param>
/// <param name="Wallet">The worker's owner wallet, empty when none is registered.</param>
/// <param name="Backend">The backend, e.g. <c>cpu-managed</c> or <c>cuda</c>: equal backends give bit-identical pixels.</param>
/// <param name="Pixels">
/// Linear RGB floats, row-major, three per pixel of the tile. On the wire they travel as raw bytes
/// (<see cref="PixelBytes"/>).
/// </param>
/// <param name="PixelSamples">Pixel-samples computed.</param>
/// <param name="RenderSeconds">Time the device spent, in seconds.</param>
/// <param name="Error">
/// Why the tile was not rendered, null on success; <paramref name="WorkerId"/> names the worker at fault, empty when
/// none is.
/// </param>
/// <param name="Misplaced">
/// The tile reached a silo none of whose slots may take it (placement worked from a stale view of the grid): no fault
/// of the tile or of any worker; place it again.
/// </param>
[GenerateSerializer(IncludePrimaryConstructorParameters = false), Immutable, Alias("pictor.TileRenderResult")]
public sealed record TileRenderResult(
    [property: Id(0)] string TileId,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] string Wallet,
    [property: Id(3)] string Backend,
    float[] Pixels,
    [property: Id(5)] long PixelSamples,
    [property: Id(6)] double RenderSeconds,
    [property: Id(7)] string? Error = null,
    [property: Id(8)] bool Misplaced = false)
{
    /// <summary>Whether the tile was rendered.</summary>
    public bool Succeeded => Error is null;

    [NonSerialized]
    private float[] _pixels = Pixels;

    /// <summary>Linear RGB floats, row-major, three per pixel of the tile.</summary>
    public float[] Pixels
    {
        get => _pixels;
        init => _pixels = value;
    }

    /// <summary>The pixels as their raw little-endian bytes: what is serialized in place of <see cref="Pixels"/>.</summary>
    /// <remarks>See <see cref="FloatBytes"/> for why. The setter is for the serializer only.</remarks>
    [Id(9)]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public byte[] PixelBytes
    {
        get => FloatBytes.ToBytes(_pixels);
        set => _pixels = FloatBytes.FromBytes(value);
    }
}
