using Pictor.Contracts.Ledger;
using Pictor.Contracts.Security;

namespace Pictor.Grains.Ledger;

/// <summary>One page of an epoch's journal: the only record an append rewrites.</summary>
/// <remarks>Only <see cref="LedgerEpochGrain"/> calls these; it is the single writer of its pages.</remarks>
[Alias("pictor.ILedgerEpochPageGrain")]
public interface ILedgerEpochPageGrain : IGrainWithStringKey
{
    /// <summary>The page's entries.</summary>
    /// <returns>Entries in sequence order; empty for a page never written.</returns>
    [CallableBy(Callers.Core)]
    [Alias("Read")]
    Task<IReadOnlyList<LedgerEntry>> ReadAsync();

    /// <summary>Stores the page with entries appended: <paramref name="entries"/> must begin with the entries already stored.</summary>
    /// <param name="entries">All of the page's entries.</param>
    /// <returns>When durable.</returns>
    /// <exception cref="InvalidOperationException">The entries would change or drop a stored entry.</exception>
    [CallableBy(Callers.Core)]
    [Alias("Write")]
    Task WriteAsync(IReadOnlyList<LedgerEntry> entries);
}
