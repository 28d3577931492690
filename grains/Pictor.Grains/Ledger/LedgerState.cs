using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>Persisted state of a ledger: the index of its epochs, and totals over the closed ones.</summary>
/// <remarks>Entries live in the epoch grains; this state grows with the number of epochs and accounts, not of credits.</remarks>
[GenerateSerializer, Alias("pictor.LedgerState")]
public sealed class LedgerState
{
    /// <summary>The whole journal as it was stored before epochs existed; moved into the open epoch on activation, then empty.</summary>
    [Id(0)]
    public List<LedgerEntry> Journal { get; set; } = [];

    /// <summary>Drawn once when the ledger is created; with the grain key it forms the ledger id that settlement ids derive from.</summary>
    [Id(1)]
    public string Uid { get; set; } = string.Empty;

    /// <summary>The epoch new entries go to; 0 before the ledger was first used.</summary>
    [Id(2)]
    public long OpenEpoch { get; set; }

    /// <summary>When the open epoch opened.</summary>
    [Id(3)]
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Journal sequence of the open epoch's first entry.</summary>
    [Id(4)]
    public long OpenFirstSequence { get; set; } = 1;

    /// <summary>Closed epochs, in order.</summary>
    [Id(5)]
    public List<EpochInfo> Closed { get; set; } = [];

    /// <summary>Totals per worker over closed epochs.</summary>
    [Id(6)]
    public Dictionary<string, AccountTotals> Workers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Totals per wallet (as credited) over closed epochs.</summary>
    [Id(7)]
    public Dictionary<string, AccountTotals> Wallets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Credits of workers that had no wallet, per worker, not yet carried to one.</summary>
    [Id(8)]
    public Dictionary<string, long> Unassigned { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every epoch up to this one has a final settlement.</summary>
    [Id(9)]
    public long SettledThrough { get; set; }

    /// <summary>Entries in closed epochs.</summary>
    [Id(10)]
    public long ClosedEntries { get; set; }

    /// <summary>Payable credits in closed epochs.</summary>
    [Id(11)]
    public long ClosedPayable { get; set; }

    /// <summary>Pending credits in closed epochs (net of later resolutions within them).</summary>
    [Id(12)]
    public long ClosedPending { get; set; }

    /// <summary>Rejected credits in closed epochs.</summary>
    [Id(13)]
    public long ClosedRejected { get; set; }

    /// <summary>Every creator account that was granted credits or charged for a job: the index of their books.</summary>
    [Id(14)]
    public SortedSet<string> AccountIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The reservations of jobs that have not been released, by job id: what their credits may draw.</summary>
    [Id(15)]
    public Dictionary<string, OpenReservation> Reservations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The most the ledger can ever have paid: open reservations plus what released jobs drew. Kept within
    /// <see cref="LedgerAmounts.Max"/>, so no sum of payable credits overflows.
    /// </summary>
    [Id(16)]
    public long Committed { get; set; }

    /// <summary>Credits drawn from creator accounts by payable entries of closed epochs.</summary>
    [Id(17)]
    public long ClosedDrawn { get; set; }
}
