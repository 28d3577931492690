using Pictor.Rendering.Numerics;

namespace Pictor.Grains.Verification;

/// <summary>Decides which tiles are checked, from a per-job secret the workers never see.</summary>
/// <remarks>Deterministic for a job (a restarted job makes the same choices) and unpredictable to workers.</remarks>
public static class CheckSampler
{
    /// <summary>Whether to check a tile.</summary>
    /// <param name="secret">The job's secret salt.</param>
    /// <param name="ordinal">The tile's ordinal in the job.</param>
    /// <param name="probability">The worker's check probability.</param>
    /// <returns>True to check it.</returns>
    public static bool ShouldCheck(uint secret, int ordinal, double probability)
    {
        if (probability >= 1.0)
        {
            return true;
        }

        uint draw = PcgHash.Hash(secret ^ PcgHash.Hash(unchecked((uint)ordinal * 2654435761u)));
        return draw / 4294967296.0 < probability;
    }
}
