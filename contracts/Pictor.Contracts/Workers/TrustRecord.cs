namespace Pictor.Contracts.Workers;

/// <summary>A worker's verification record and what it implies.</summary>
/// <param name="ConsecutiveValid">Valid checks since the last invalid one.</param>
/// <param name="TotalValid">Valid checks ever.</param>
/// <param name="TotalInvalid">Invalid checks ever.</param>
/// <param name="RecentInvalid">Invalid checks since the last run of trusted-level valid ones.</param>
/// <param name="CheckProbability">Share of its tiles that are rendered again and compared.</param>
/// <param name="Quarantined">Whether it is excluded from work.</param>
/// <param name="Anchor">Whether the operator vouches for it: anchors check others' work first.</param>
[GenerateSerializer, Immutable, Alias("pictor.TrustRecord")]
public sealed record TrustRecord(
    [property: Id(0)] long ConsecutiveValid,
    [property: Id(1)] long TotalValid,
    [property: Id(2)] long TotalInvalid,
    [property: Id(3)] int RecentInvalid,
    [property: Id(4)] double CheckProbability,
    [property: Id(5)] bool Quarantined,
    [property: Id(6)] bool Anchor = false);
