namespace Pictor.Grains.Ledger;

/// <summary>What one job's entries in an epoch drew from its reservation and hold pending there.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Drawn">Payable credits (credits recorded payable, and confirmations).</param>
/// <param name="Pending">Pending credits recorded, less confirmations and rejections recorded (may be negative).</param>
[GenerateSerializer, Immutable, Alias("pictor.JobTotals")]
public sealed record JobTotals(
    [property: Id(0)] string JobId,
    [property: Id(1)] long Drawn,
    [property: Id(2)] long Pending);
