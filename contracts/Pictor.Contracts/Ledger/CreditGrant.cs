namespace Pictor.Contracts.Ledger;

/// <summary>The operator grants a creator account credits.</summary>
/// <param name="GrantId">
/// The idempotency key, per account: a grant id already applied to the account is not applied again (a retried call
/// grants once), and reusing it with another amount is refused.
/// </param>
/// <param name="Account">The account.</param>
/// <param name="Amount">Credits, 1 to <see cref="LedgerAmounts.Max"/>.</param>
[GenerateSerializer, Immutable, Alias("pictor.CreditGrant")]
public sealed record CreditGrant(
    [property: Id(0)] string GrantId,
    [property: Id(1)] string Account,
    [property: Id(2)] long Amount);
