using Pictor.Contracts.Security;
namespace Pictor.Grains.Ledger;

/// <summary>The ledger grain's side of a creator account's book: grant, reserve, release, read.</summary>
/// <remarks>
/// Keyed by <see cref="Contracts.Ledger.LedgerKeys.Account"/>. Only <see cref="LedgerGrain"/> calls these (clients read
/// accounts through the ledger); each call is idempotent by its key (grant id, job id) and writes once.
/// </remarks>
[Alias("pictor.ILedgerAccountWriter")]
public interface ILedgerAccountWriter : IGrainWithStringKey
{
    /// <summary>Applies a grant once per grant id.</summary>
    /// <param name="grantId">The grant id.</param>
    /// <param name="amount">Credits, 1 to <see cref="Contracts.Ledger.LedgerAmounts.Max"/>.</param>
    /// <returns>Whether it was applied now, and the book after the call.</returns>
    /// <exception cref="ArgumentException">
    /// The grant id was applied with another amount, or the balance would exceed
    /// <see cref="Contracts.Ledger.LedgerAmounts.Max"/>; nothing changed.
    /// </exception>
    [CallableBy(Callers.Core)]
    [Alias("Grant")]
    Task<(bool Applied, AccountBook Book)> GrantAsync(string grantId, long amount);

    /// <summary>Reserves a job's cost once per job id; a repeat with the same amount returns the record.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="amount">Credits.</param>
    /// <param name="unlimited">Whether the account has an unlimited grant (the operator's).</param>
    /// <param name="at">Now.</param>
    /// <returns>The job's record.</returns>
    /// <exception cref="ArgumentException">
    /// The account cannot cover it, the job reserved another amount, or it was released; nothing changed.
    /// </exception>
    [CallableBy(Callers.Core)]
    [Alias("Reserve")]
    Task<AccountJob> ReserveAsync(string jobId, long amount, bool unlimited, DateTimeOffset at);

    /// <summary>Releases a job's reservation once: it keeps <paramref name="drawn"/>, the rest goes back to the account.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="drawn">What it drew (ignored when it was released before: the first release fixed it).</param>
    /// <param name="at">Now.</param>
    /// <returns>The job's record; null when the job never reserved here.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Release")]
    Task<AccountJob?> ReleaseAsync(string jobId, long drawn, DateTimeOffset at);

    /// <summary>Returns the book.</summary>
    /// <returns>The book.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Get")]
    Task<AccountBook> GetAsync();
}
