namespace Pictor.Contracts.Ledger;

/// <summary>What a credit call did.</summary>
/// <param name="Applied">Credits newly recorded.</param>
/// <param name="Duplicates">Credits refused because their tile was already credited.</param>
[GenerateSerializer, Immutable, Alias("pictor.CreditOutcome")]
public sealed record CreditOutcome(
    [property: Id(0)] int Applied,
    [property: Id(1)] int Duplicates);
