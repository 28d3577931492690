using System.Numerics;

namespace Pictor.Chain;

/// <summary>A settlement as the chain recorded it: what a crashed settler reconciles against.</summary>
/// <param name="SettlementId">The settlement id.</param>
/// <param name="ReceiptsRoot">The receipts root the batch was minted for; compare it with the ledger's.</param>
/// <param name="Total">Sum minted, in base units (18 decimals).</param>
/// <param name="Count">Number of lines minted.</param>
/// <param name="TransactionHash">The transaction that minted it.</param>
/// <param name="BlockNumber">The block that holds that transaction.</param>
/// <param name="Confirmations">Blocks from that block to the head, inclusive, when read.</param>
public sealed record SettlementRecord(
    Bytes32 SettlementId,
    Bytes32 ReceiptsRoot,
    BigInteger Total,
    int Count,
    string TransactionHash,
    ulong BlockNumber,
    ulong Confirmations);
