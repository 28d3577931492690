namespace Pictor.Contracts.Ledger;

/// <summary>Reading the journal: which entries pay, and which tile a credit key belongs to.</summary>
/// <remarks>
/// Credit keys are the tile id for a tile's render, <c>{tile}#rN</c> for its N-th re-issue after a rejection, and
/// <c>{tile}#check</c> / <c>{tile}#tiebreak</c> (optionally after <c>#rN</c>) for verification renders.
/// </remarks>
public static class LedgerEntries
{
    /// <summary>Whether an entry makes its credit payable: a direct credit, or the confirmation of a pending one.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>True when it pays.</returns>
    public static bool IsPayable(this LedgerEntry entry) =>
        entry?.Kind is LedgerEntryKind.Credit or LedgerEntryKind.Confirmed;

    /// <summary>Whether a credit key is for verification work (a check or a tie-break) rather than a tile's render.</summary>
    /// <param name="creditKey">The key.</param>
    /// <returns>True for verification work.</returns>
    public static bool IsVerificationWork(string creditKey) =>
        creditKey is not null
            && (creditKey.EndsWith("#check", StringComparison.Ordinal) || creditKey.EndsWith("-check", StringComparison.Ordinal)
            || creditKey.EndsWith("#tiebreak", StringComparison.Ordinal) || creditKey.EndsWith("-tiebreak", StringComparison.Ordinal));

    /// <summary>The tile id a credit key belongs to.</summary>
    /// <param name="creditKey">The key.</param>
    /// <returns>The key up to its first <c>#</c>.</returns>
    public static string TileOf(string creditKey)
    {
        ArgumentNullException.ThrowIfNull(creditKey);
        int hash = creditKey.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? creditKey : creditKey[..hash];
    }
}
