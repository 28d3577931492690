using System.Globalization;

namespace Pictor.Contracts.Ledger;

/// <summary>Grain keys of a ledger's parts.</summary>
public static class LedgerKeys
{
    /// <summary>
    /// The key of epoch <paramref name="epoch"/> of ledger <paramref name="ledgerKey"/>, for
    /// <see cref="ILedgerEpochGrain"/> and <see cref="ISettlementGrain"/>.
    /// </summary>
    /// <param name="ledgerKey">The ledger's grain key, e.g. <see cref="ILedgerGrain.DefaultKey"/>.</param>
    /// <param name="epoch">The epoch number.</param>
    /// <returns><c>{ledgerKey}/{epoch}</c>.</returns>
    public static string Epoch(string ledgerKey, long epoch) => string.Create(CultureInfo.InvariantCulture, $"{ledgerKey}/{epoch}");

    /// <summary>The key of creator account <paramref name="account"/>'s book in ledger <paramref name="ledgerKey"/>.</summary>
    /// <param name="ledgerKey">The ledger's grain key.</param>
    /// <param name="account">The account id.</param>
    /// <returns><c>{ledgerKey}/accounts/{account}</c>.</returns>
    public static string Account(string ledgerKey, string account) => $"{ledgerKey}/accounts/{account}";
}
