namespace Pictor.Contracts.Ledger;

/// <summary>How many credits a tile earns: its pixel-samples times its scene's cost factor.</summary>
public static class CreditPricing
{
    /// <summary>The cost factor of a scene: 1 for every scene so far (built-in and glTF alike).</summary>
    /// <param name="scene">The scene, e.g. <c>builtin:cornell-spheres</c>.</param>
    /// <returns>The factor.</returns>
    public static long CostFactor(string scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return 1;
    }

    /// <summary>Credits for a tile.</summary>
    /// <param name="scene">The scene.</param>
    /// <param name="pixelSamples">Pixel-samples of the tile.</param>
    /// <returns><paramref name="pixelSamples"/> × <see cref="CostFactor"/>.</returns>
    /// <exception cref="OverflowException">The product does not fit in 64 bits.</exception>
    public static long Credits(string scene, long pixelSamples) => checked(pixelSamples * CostFactor(scene));
}
