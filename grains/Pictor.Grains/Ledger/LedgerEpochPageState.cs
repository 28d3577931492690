using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>Persisted state of one page of an epoch's entries.</summary>
[GenerateSerializer, Alias("pictor.LedgerEpochPageState")]
public sealed class LedgerEpochPageState
{
    /// <summary>The page's entries, in sequence order.</summary>
    [Id(0)]
    public List<LedgerEntry> Entries { get; set; } = [];
}
