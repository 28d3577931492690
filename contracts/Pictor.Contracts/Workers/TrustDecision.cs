namespace Pictor.Contracts.Workers;

/// <summary>One recorded verification decision about a worker, shown in its record.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="JobId">The job.</param>
/// <param name="TileId">The tile checked.</param>
/// <param name="Verdict">Valid or invalid.</param>
/// <param name="Reason">Why, in words (who it was compared with and how).</param>
[GenerateSerializer, Immutable, Alias("pictor.TrustDecision")]
public sealed record TrustDecision(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string JobId,
    [property: Id(2)] string TileId,
    [property: Id(3)] TrustVerdict Verdict,
    [property: Id(4)] string Reason);
