namespace Pictor.Contracts.Jobs;

/// <summary>A rectangle of a frame; origin top-left, y down.</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
[GenerateSerializer, Immutable, Alias("pictor.TileRect")]
public readonly record struct TileRect(
    [property: Id(0)] int X,
    [property: Id(1)] int Y,
    [property: Id(2)] int Width,
    [property: Id(3)] int Height)
{
    /// <summary>Pixels in the rectangle.</summary>
    public int PixelCount => Width * Height;
}
