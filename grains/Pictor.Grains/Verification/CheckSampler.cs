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

    /// <summary>
    /// Which of <paramref name="count"/> entries to check, drawn from the secret: the entry that closes a worker's window
    /// at the end of a job, so that a worker cannot tell which of its tiles the closing check renders.
    /// </summary>
    /// <param name="secret">The job's secret salt.</param>
    /// <param name="salt">What tells this draw from the job's others (the window's first sequence number).</param>
    /// <param name="count">How many entries there are; at least one.</param>
    /// <returns>An index in [0, <paramref name="count"/>).</returns>
    public static int Pick(uint secret, long salt, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        uint low = PcgHash.Hash(unchecked((uint)salt * 2246822519u) ^ 0x9E3779B9u);
        uint high = PcgHash.Hash(unchecked((uint)(salt >> 32)) ^ low);
        uint draw = PcgHash.Hash(secret ^ high);
        return (int)((ulong)draw * (ulong)count >> 32);
    }
}
