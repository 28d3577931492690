using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Settlement;

/// <summary>Persisted outbox entry of one epoch's settlement.</summary>
[GenerateSerializer, Alias("pictor.SettlementState")]
public sealed class SettlementState
{
    /// <summary>The epoch.</summary>
    [Id(0)]
    public long Epoch { get; set; }

    /// <summary>Where the settlement is.</summary>
    [Id(1)]
    public SettlementStatus Status { get; set; }

    /// <summary>The settlement id (0x-hex).</summary>
    [Id(2)]
    public string SettlementId { get; set; } = string.Empty;

    /// <summary>The receipts root (0x-hex).</summary>
    [Id(3)]
    public string ReceiptsRoot { get; set; } = string.Empty;

    /// <summary>EIP-55 recipients, one per line.</summary>
    [Id(4)]
    public List<string> Recipients { get; set; } = [];

    /// <summary>Base units per line, as decimal strings.</summary>
    [Id(5)]
    public List<string> Amounts { get; set; } = [];

    /// <summary>The rate the batch was planned with.</summary>
    [Id(6)]
    public long BaseUnitsPerCredit { get; set; }

    /// <summary>The last transaction sent, or the minting one once confirmed.</summary>
    [Id(7)]
    public string TransactionHash { get; set; } = string.Empty;

    /// <summary>Nonce of the last transaction sent; -1 before any.</summary>
    [Id(8)]
    public long Nonce { get; set; } = -1;

    /// <summary>Block of the minting transaction.</summary>
    [Id(9)]
    public long BlockNumber { get; set; }

    /// <summary>Failed attempts.</summary>
    [Id(10)]
    public int Attempts { get; set; }

    /// <summary>The last failure.</summary>
    [Id(11)]
    public string LastError { get; set; } = string.Empty;

    /// <summary>When the entry last changed.</summary>
    [Id(12)]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Every transaction sent for this settlement, oldest first (at most one of them can mint).</summary>
    [Id(13)]
    public List<string> SentTransactions { get; set; } = [];
}
