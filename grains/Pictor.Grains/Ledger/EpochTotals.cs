using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>Balances derived from one epoch's entries.</summary>
/// <param name="Entries">Entries.</param>
/// <param name="Payable">Payable credits: credits recorded payable, plus confirmations.</param>
/// <param name="Pending">
/// Pending credits recorded, less confirmations and rejections recorded (may be negative for an epoch that resolves
/// earlier ones).
/// </param>
/// <param name="Rejected">Rejected credits.</param>
/// <param name="Workers">Per worker.</param>
/// <param name="Wallets">Per wallet as credited; credits without a wallet are left out.</param>
/// <param name="Drawn">Payable credits drawn from a creator account (entries that carry one).</param>
/// <param name="Jobs">Per job, what its entries that carry an account drew and hold pending.</param>
[GenerateSerializer, Immutable, Alias("pictor.EpochTotals")]
public sealed record EpochTotals(
    [property: Id(0)] long Entries,
    [property: Id(1)] long Payable,
    [property: Id(2)] long Pending,
    [property: Id(3)] long Rejected,
    [property: Id(4)] IReadOnlyList<AccountBalance> Workers,
    [property: Id(5)] IReadOnlyList<AccountBalance> Wallets,
    [property: Id(6)] long Drawn = 0,
    [property: Id(7)] IReadOnlyList<JobTotals>? Jobs = null);
