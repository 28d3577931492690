using Pictor.Contracts.Jobs;

namespace Pictor.Contracts.Ledger;

/// <summary>How many credits a tile earns, and what a job costs its creator: pixel-samples times the scene's cost factor.</summary>
/// <remarks>
/// This is the one pricing function: the job prices each tile's credit with <see cref="Credits"/>, and reserves
/// <see cref="Reservation"/> (built on the same function) from its creator before any unit is sent. See docs/chain.md.
/// </remarks>
public static class CreditPricing
{
    /// <summary>
    /// Renders of a tile a verified job may pay: the render that stands and one verification render (a check, or the
    /// tie-break that settles a disagreement). Within one run of a job no tile pays more, so this many times the job's
    /// cost covers everything it can draw.
    /// </summary>
    public const int PaidRendersPerVerifiedTile = 2;

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

    /// <summary>What rendering every tile of a job once costs: the sum of its tiles' <see cref="Credits"/>.</summary>
    /// <param name="spec">The job.</param>
    /// <returns>Credits; the tiles of a frame cover it exactly, so this is the frames' pixel-samples priced at once.</returns>
    /// <exception cref="OverflowException">The cost does not fit in 64 bits.</exception>
    public static long JobCredits(RenderJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Credits(spec.Scene, checked(spec.PixelSamplesPerFrame * spec.FrameCount));
    }

    /// <summary>What a job reserves from its creator's account before any unit is sent.</summary>
    /// <param name="spec">The job.</param>
    /// <param name="verified">Whether the grid verifies renders (then checks and tie-breaks are paid from it too).</param>
    /// <returns>
    /// <see cref="JobCredits"/>, times <see cref="PaidRendersPerVerifiedTile"/> when verified; the job draws only what it
    /// pays and releases the rest when it ends.
    /// </returns>
    /// <exception cref="ArgumentException">The reservation would exceed <see cref="LedgerAmounts.Max"/>.</exception>
    public static long Reservation(RenderJobSpec spec, bool verified)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long reservation;
        try
        {
            reservation = checked(JobCredits(spec) * (verified ? PaidRendersPerVerifiedTile : 1));
        }
        catch (OverflowException)
        {
            reservation = long.MaxValue;
        }

        if (reservation > LedgerAmounts.Max)
        {
            throw new ArgumentException(
                "Invalid job spec: its reservation exceeds the largest amount the ledger takes " +
                $"({LedgerAmounts.Format(LedgerAmounts.Max)} credits); render fewer frames, pixels or samples per job.", nameof(spec));
        }

        return reservation;
    }
}
