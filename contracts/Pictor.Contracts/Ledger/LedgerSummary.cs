namespace Pictor.Contracts.Ledger;

/// <summary>Balances per worker and per wallet.</summary>
/// <param name="Entries">Journal length.</param>
/// <param name="TotalAmount">Sum of all payable credits.</param>
/// <param name="Workers">Per-worker balances, sorted by worker id.</param>
/// <param name="Wallets">Per-wallet balances, sorted by wallet; workers without a wallet are left out.</param>
/// <param name="PendingAmount">Credits awaiting verification.</param>
/// <param name="RejectedAmount">Credits verification rejected; never payable.</param>
/// <param name="OpenEpoch">The epoch new entries go to.</param>
/// <param name="LedgerId">The ledger's stable id, from which settlement ids are derived.</param>
/// <param name="DrawnAmount">
/// Of <paramref name="TotalAmount"/>, what was drawn from creator accounts; the rest was recorded before jobs were funded.
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.LedgerSummary")]
public sealed record LedgerSummary(
    [property: Id(0)] long Entries,
    [property: Id(1)] long TotalAmount,
    [property: Id(2)] IReadOnlyList<AccountBalance> Workers,
    [property: Id(3)] IReadOnlyList<AccountBalance> Wallets,
    [property: Id(4)] long PendingAmount = 0,
    [property: Id(5)] long RejectedAmount = 0,
    [property: Id(6)] long OpenEpoch = 0,
    [property: Id(7)] string LedgerId = "",
    [property: Id(8)] long DrawnAmount = 0);
