namespace Pictor.Contracts.Ledger;

/// <summary>What a grant did.</summary>
/// <param name="Applied">True when this call granted; false when the grant id was already applied (nothing changed).</param>
/// <param name="Account">The account after the call.</param>
[GenerateSerializer, Immutable, Alias("pictor.GrantOutcome")]
public sealed record GrantOutcome(
    [property: Id(0)] bool Applied,
    [property: Id(1)] AccountInfo Account);
