using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>Persisted state of a ledger: the append-only credit journal.</summary>
[GenerateSerializer, Alias("pictor.LedgerState")]
public sealed class LedgerState
{
    /// <summary>Every credit, in sequence order.</summary>
    [Id(0)]
    public List<LedgerEntry> Journal { get; set; } = [];
}
