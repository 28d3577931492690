using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>Persisted state of one epoch: its entries and, once closed, its carries and statement.</summary>
[GenerateSerializer, Alias("pictor.LedgerEpochState")]
public sealed class LedgerEpochState
{
    /// <summary>The ledger's stable id; empty until the ledger opened this epoch.</summary>
    [Id(0)]
    public string LedgerId { get; set; } = string.Empty;

    /// <summary>The epoch number.</summary>
    [Id(1)]
    public long Epoch { get; set; }

    /// <summary>Journal sequence of the first entry.</summary>
    [Id(2)]
    public long FirstSequence { get; set; }

    /// <summary>When the epoch opened.</summary>
    [Id(3)]
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>
    /// Entries stored in the header by versions before paged epochs, in sequence order; new entries go to
    /// <see cref="LedgerEpochPageGrain"/> pages.
    /// </summary>
    [Id(4)]
    public List<LedgerEntry> Entries { get; set; } = [];

    /// <summary>When the epoch closed; null while open.</summary>
    [Id(5)]
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Carry lines fixed at close.</summary>
    [Id(6)]
    public List<CarryLine> Carries { get; set; } = [];

    /// <summary>The statement fixed at close.</summary>
    [Id(7)]
    public EpochStatement? Statement { get; set; }
}
