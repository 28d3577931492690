using System.Security.Cryptography;
using System.Text;
using Pictor.Contracts.Workers;

namespace Pictor.Grains.Workers;

/// <summary>Names a batch of verdicts by its content, so the worker grain can tell a retried batch from a new one.</summary>
/// <remarks>
/// The digest covers each verdict's job, tile key and verdict, in order, but not its time or wording: a retry built
/// again from the same decision carries the same verdicts on the same tiles. Two different batches never share them,
/// since a tile key is judged once (a re-render after a rejection gets a new key).
/// </remarks>
public static class VerdictBatchDigest
{
    /// <summary>The digest of a batch.</summary>
    /// <param name="decisions">The verdicts.</param>
    /// <returns>32 hex digits (the first 128 bits of SHA-256).</returns>
    public static string Of(IReadOnlyList<TrustDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var decision in decisions)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{decision.JobId}\n{decision.TileId}\n{(int)decision.Verdict}\n"));
        }

        return Convert.ToHexString(hash.GetHashAndReset(), 0, 16);
    }
}
