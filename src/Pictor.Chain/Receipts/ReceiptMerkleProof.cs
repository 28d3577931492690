namespace Pictor.Chain.Receipts;

/// <summary>Where a receipt sits in its epoch's Merkle tree, and the hashes that lead from it to the root.</summary>
/// <param name="LeafIndex">Position of the receipt among the epoch's receipts, from 0.</param>
/// <param name="LeafCount">Number of receipts in the epoch.</param>
/// <param name="Siblings">The sibling hash at each level from the leaf up, skipping levels where the node had none.</param>
public sealed record ReceiptMerkleProof(int LeafIndex, int LeafCount, IReadOnlyList<Bytes32> Siblings);
