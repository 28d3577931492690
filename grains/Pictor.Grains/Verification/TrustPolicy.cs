using Pictor.Contracts.Workers;

namespace Pictor.Grains.Verification;

/// <summary>Adaptive trust as in BOINC's adaptive replication: check everything of a newcomer, then less as its record grows.</summary>
/// <remarks>
/// Anchors (named by the operator on the core, <see cref="VerificationOptions.Anchors"/>) are trusted while they have no
/// recent invalid result: their renders are final without a check (probability 0). One invalid result (an anchor
/// outvoted in a tie-break) makes it a worker like any other until it has earned trust back.
/// </remarks>
/// <param name="options">The policy's numbers.</param>
public sealed class TrustPolicy(VerificationOptions options)
{
    /// <summary>The record of a worker never checked.</summary>
    public TrustRecord Initial => new(0, 0, 0, 0, 1.0, false);

    /// <summary>The record of an operator-vouched worker never checked: trusted from the start.</summary>
    public TrustRecord Anchored => WithAnchor(Initial, anchor: true);

    /// <summary>Whether a worker's record makes it fit to check others: earned trust, or an anchor's, not quarantined.</summary>
    /// <param name="record">The record.</param>
    /// <returns>True when trusted.</returns>
    public bool IsTrusted(TrustRecord record) =>
        record is not null && !record.Quarantined
            && ((record.Anchor && record.RecentInvalid == 0) || record.ConsecutiveValid >= options.NewWorkerChecks);

    /// <summary>Whether a worker acts as an anchor now: named by the operator, with no recent invalid result.</summary>
    /// <param name="record">The record.</param>
    /// <returns>True for an anchor in good standing.</returns>
    public bool IsAnchor(TrustRecord record) => record is not null && record.Anchor && IsTrusted(record);

    /// <summary>The record as the core's configuration says: an anchor or not, whatever the stored record held.</summary>
    /// <param name="record">The stored record.</param>
    /// <param name="anchor">Whether the operator names the worker an anchor.</param>
    /// <returns>The record with its anchor flag and check probability set accordingly.</returns>
    public TrustRecord WithAnchor(TrustRecord record, bool anchor)
    {
        ArgumentNullException.ThrowIfNull(record);
        var flagged = record with { Anchor = anchor };
        return flagged with { CheckProbability = CheckProbabilityOf(flagged) };
    }

    /// <summary>
    /// The probability that a tile of a worker with <paramref name="consecutiveValid"/> valid results in a row is
    /// checked.
    /// </summary>
    /// <param name="consecutiveValid">Valid results since its last invalid one.</param>
    /// <returns>A probability in [floor, 1].</returns>
    public double CheckProbability(long consecutiveValid) =>
        consecutiveValid < options.NewWorkerChecks ? 1.0 : Math.Max(options.Floor, Math.Min(1.0, options.Scale / consecutiveValid));

    /// <summary>
    /// How many unverified tiles (in flight, or back and waiting for their check) a worker may have out: unbounded for an
    /// anchor and at the floor, else <see cref="VerificationOptions.OnboardingChecksInFlight"/> over its check probability
    /// (so that many checks are expected of them, at least one tile).
    /// </summary>
    /// <param name="record">The worker's record.</param>
    /// <returns>The bound; <see cref="int.MaxValue"/> when there is none.</returns>
    public int UnverifiedTilesAllowed(TrustRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        double p = record.CheckProbability;
        if (options.OnboardingChecksInFlight <= 0 || p <= options.Floor)
        {
            return int.MaxValue;
        }

        return (int)Math.Clamp(Math.Floor(options.OnboardingChecksInFlight / p), 1, int.MaxValue);
    }

    /// <summary>Applies a verdict to a record.</summary>
    /// <param name="record">The record before.</param>
    /// <param name="verdict">The verdict.</param>
    /// <returns>The record after.</returns>
    public TrustRecord Apply(TrustRecord record, TrustVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(record);
        TrustRecord after;
        if (verdict == TrustVerdict.Valid)
        {
            long consecutive = record.ConsecutiveValid + 1;

            // Back at trusted level: earlier slips no longer count towards quarantine.
            int recent = consecutive >= options.NewWorkerChecks ? 0 : record.RecentInvalid;
            after = record with { ConsecutiveValid = consecutive, TotalValid = record.TotalValid + 1, RecentInvalid = recent };
        }
        else
        {
            int invalid = record.RecentInvalid + 1;
            after = record with
            {
                ConsecutiveValid = 0,
                TotalInvalid = record.TotalInvalid + 1,
                RecentInvalid = invalid,
                Quarantined = record.Quarantined || invalid >= options.QuarantineAfterInvalid,
            };
        }

        return after with { CheckProbability = CheckProbabilityOf(after) };
    }

    private double CheckProbabilityOf(TrustRecord record) =>
        record.Anchor && record.RecentInvalid == 0 && !record.Quarantined ? 0.0 : CheckProbability(record.ConsecutiveValid);
}
