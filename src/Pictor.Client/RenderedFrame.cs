namespace Pictor.Client;

/// <summary>A frame fetched from the grid.</summary>
/// <param name="Frame">The frame number.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Pixels">Linear RGB floats, row-major from the top-left.</param>
public sealed record RenderedFrame(int Frame, int Width, int Height, float[] Pixels);
