namespace Pictor.Contracts.Ledger;

/// <summary>An epoch's settlement: the batch, where it is in the outbox, and what the chain says.</summary>
/// <remarks>Token amounts are decimal strings in base units (18 decimals): they do not fit in 64 bits.</remarks>
/// <param name="Epoch">The epoch.</param>
/// <param name="Status">Where it is.</param>
/// <param name="SettlementId">The id the contract mints at most once (0x-hex).</param>
/// <param name="ReceiptsRoot">The Merkle root the batch carries (0x-hex).</param>
/// <param name="Recipients">EIP-55 wallets, one per line.</param>
/// <param name="Amounts">Base units per line.</param>
/// <param name="Total">Sum of <paramref name="Amounts"/>.</param>
/// <param name="BaseUnitsPerCredit">The rate the batch was planned with.</param>
/// <param name="TransactionHash">The transaction that minted it (confirmed), or the last one sent; empty before any.</param>
/// <param name="Nonce">Nonce of the last transaction sent; -1 before any.</param>
/// <param name="BlockNumber">Block of the minting transaction; 0 until confirmed.</param>
/// <param name="Attempts">Send or reconcile attempts that failed.</param>
/// <param name="LastError">The last failure, empty when none.</param>
/// <param name="UpdatedAt">When the outbox entry last changed (UTC).</param>
[GenerateSerializer, Immutable, Alias("pictor.SettlementInfo")]
public sealed record SettlementInfo(
    [property: Id(0)] long Epoch,
    [property: Id(1)] SettlementStatus Status,
    [property: Id(2)] string SettlementId,
    [property: Id(3)] string ReceiptsRoot,
    [property: Id(4)] IReadOnlyList<string> Recipients,
    [property: Id(5)] IReadOnlyList<string> Amounts,
    [property: Id(6)] string Total,
    [property: Id(7)] string BaseUnitsPerCredit,
    [property: Id(8)] string TransactionHash,
    [property: Id(9)] long Nonce,
    [property: Id(10)] long BlockNumber,
    [property: Id(11)] int Attempts,
    [property: Id(12)] string LastError,
    [property: Id(13)] DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the settlement will not change any more.</summary>
    public bool IsFinal => Status is SettlementStatus.Confirmed or SettlementStatus.NothingToMint or SettlementStatus.Conflict;
}
