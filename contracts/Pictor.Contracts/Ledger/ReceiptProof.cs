namespace Pictor.Contracts.Ledger;

/// <summary>A work receipt and the Merkle path that ties it to its epoch's receipts root.</summary>
/// <remarks>
/// Check it with <c>Pictor.Chain.Receipts.ReceiptMerkleTree.Verify</c> against the root the chain recorded in the
/// settlement's <c>Settled</c> event; see docs/chain.md for the leaf and node hashing.
/// </remarks>
/// <param name="Epoch">The epoch.</param>
/// <param name="ReceiptsRoot">The epoch's Merkle root (0x-hex).</param>
/// <param name="LeafIndex">Position of the receipt, from 0.</param>
/// <param name="LeafCount">Receipts in the epoch.</param>
/// <param name="Receipt">The receipt's canonical MessagePack encoding: the bytes the leaf hashes.</param>
/// <param name="Siblings">Sibling hashes (0x-hex) from the leaf up.</param>
/// <param name="Fields">The receipt decoded, for display.</param>
[GenerateSerializer, Immutable, Alias("pictor.ReceiptProof")]
public sealed record ReceiptProof(
    [property: Id(0)] long Epoch,
    [property: Id(1)] string ReceiptsRoot,
    [property: Id(2)] int LeafIndex,
    [property: Id(3)] int LeafCount,
    [property: Id(4)] byte[] Receipt,
    [property: Id(5)] IReadOnlyList<string> Siblings,
    [property: Id(6)] WorkReceiptInfo Fields);
