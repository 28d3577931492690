namespace Pictor.Contracts.Ledger;

/// <summary>Balances per worker and per wallet.</summary>
/// <param name="Entries">Journal length.</param>
/// <param name="TotalAmount">Sum of all credits.</param>
/// <param name="Workers">Per-worker balances, sorted by worker id.</param>
/// <param name="Wallets">Per-wallet balances, sorted by wallet; workers without a wallet are left out.</param>
[GenerateSerializer, Immutable, Alias("pictor.LedgerSummary")]
public sealed record LedgerSummary(
    [property: Id(0)] long Entries,
    [property: Id(1)] long TotalAmount,
    [property: Id(2)] IReadOnlyList<AccountBalance> Workers,
    [property: Id(3)] IReadOnlyList<AccountBalance> Wallets);
