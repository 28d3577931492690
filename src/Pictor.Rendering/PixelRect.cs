namespace Pictor.Rendering;

/// <summary>A rectangle of pixels inside a frame; origin at the top-left, y grows downwards.</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>Number of pixels in the rectangle.</summary>
    public int PixelCount => Width * Height;

    /// <summary>Number of floats of an RGB buffer for this rectangle.</summary>
    public int FloatCount => Width * Height * 3;

    /// <summary>Whether the rectangle lies inside a frame of the given size and is not empty.</summary>
    /// <param name="frameWidth">Frame width.</param>
    /// <param name="frameHeight">Frame height.</param>
    /// <returns>True when it fits.</returns>
    public bool FitsIn(int frameWidth, int frameHeight) =>
        X >= 0 && Y >= 0 && Width > 0 && Height > 0 && X + Width <= frameWidth && Y + Height <= frameHeight;
}
