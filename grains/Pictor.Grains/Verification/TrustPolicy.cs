using Pictor.Contracts.Workers;

namespace Pictor.Grains.Verification;

/// <summary>Adaptive trust as in BOINC's adaptive replication: check everything of a newcomer, then less as its record grows.</summary>
/// <param name="options">The policy's numbers.</param>
public sealed class TrustPolicy(VerificationOptions options)
{
    /// <summary>The record of a worker never checked.</summary>
    public TrustRecord Initial => new(0, 0, 0, 0, 1.0, false);

    /// <summary>The record of an operator-vouched worker: trusted from the start.</summary>
    public TrustRecord Anchored => new(options.NewWorkerChecks, 0, 0, 0, CheckProbability(options.NewWorkerChecks), false, Anchor: true);

    /// <summary>Whether a worker's record makes it fit to check others: earned trust, not quarantined.</summary>
    /// <param name="record">The record.</param>
    /// <returns>True when trusted.</returns>
    public bool IsTrusted(TrustRecord record) =>
        record is not null && !record.Quarantined
            && ((record.Anchor && record.RecentInvalid == 0) || record.ConsecutiveValid >= options.NewWorkerChecks);

    /// <summary>
    /// The probability that a tile of a worker with <paramref name="consecutiveValid"/> valid results in a row is
    /// checked.
    /// </summary>
    /// <param name="consecutiveValid">Valid results since its last invalid one.</param>
    /// <returns>A probability in [floor, 1].</returns>
    public double CheckProbability(long consecutiveValid) =>
        consecutiveValid < options.NewWorkerChecks ? 1.0 : Math.Max(options.Floor, Math.Min(1.0, options.Scale / consecutiveValid));

    /// <summary>Applies a verdict to a record.</summary>
    /// <param name="record">The record before.</param>
    /// <param name="verdict">The verdict.</param>
    /// <returns>The record after.</returns>
    public TrustRecord Apply(TrustRecord record, TrustVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (verdict == TrustVerdict.Valid)
        {
            long consecutive = record.ConsecutiveValid + 1;

            // Back at trusted level: earlier slips no longer count towards quarantine.
            int recent = consecutive >= options.NewWorkerChecks ? 0 : record.RecentInvalid;
            return record with
            {
                ConsecutiveValid = consecutive,
                TotalValid = record.TotalValid + 1,
                RecentInvalid = recent,
                CheckProbability = CheckProbability(consecutive),
            };
        }

        int invalid = record.RecentInvalid + 1;
        return record with
        {
            ConsecutiveValid = 0,
            TotalInvalid = record.TotalInvalid + 1,
            RecentInvalid = invalid,
            CheckProbability = 1.0,
            Quarantined = record.Quarantined || invalid >= options.QuarantineAfterInvalid,
        };
    }
}
