namespace Pictor.Contracts.Ledger;

/// <summary>What a confirm or reject call did, tile by tile.</summary>
/// <param name="Applied">Pending tiles resolved by this call.</param>
/// <param name="Repeated">Tiles already resolved the same way: a retried call changes nothing.</param>
/// <param name="Conflicting">Tiles that were not pending (credited payable, or resolved the other way); left as they were.</param>
/// <param name="Unknown">Tiles the ledger holds no credit for.</param>
[GenerateSerializer, Immutable, Alias("pictor.ResolutionOutcome")]
public sealed record ResolutionOutcome(
    [property: Id(0)] int Applied,
    [property: Id(1)] int Repeated,
    [property: Id(2)] int Conflicting,
    [property: Id(3)] int Unknown);
