namespace Pictor.Rendering.Import;

/// <summary>Bounds an import checks before it allocates, so a hostile or broken file fails fast instead of
/// exhausting memory.</summary>
/// <param name="MaxFileBytes">Largest scene or buffer file.</param>
/// <param name="MaxAccessorElements">Most elements one accessor may declare.</param>
/// <param name="MaxTriangles">Most triangles in the whole scene.</param>
/// <param name="MaxTexturePixels">Largest texture (width × height) decoded; larger ones are skipped with a warning.</param>
/// <param name="MaxNodes">Most nodes in the hierarchy.</param>
public sealed record ImportLimits(
    long MaxFileBytes = 4L << 30,
    long MaxAccessorElements = 1L << 27,
    long MaxTriangles = 1L << 27,
    long MaxTexturePixels = 1L << 26,
    int MaxNodes = 1 << 20)
{
    /// <summary>The limits used unless told otherwise.</summary>
    public static ImportLimits Default { get; } = new();
}
