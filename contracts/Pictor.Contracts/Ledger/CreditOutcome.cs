namespace Pictor.Contracts.Ledger;

/// <summary>What a credit call did.</summary>
/// <param name="Applied">Credits newly recorded.</param>
/// <param name="Duplicates">Credits refused because their tile was already credited.</param>
/// <param name="Unfunded">
/// Credits not recorded because their job's reservation could not cover them (only reachable when tiles are rendered and
/// verified again after a restart; see docs/chain.md).
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.CreditOutcome")]
public sealed record CreditOutcome(
    [property: Id(0)] int Applied,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] int Unfunded = 0);
