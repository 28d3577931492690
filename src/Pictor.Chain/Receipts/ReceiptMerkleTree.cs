namespace Pictor.Chain.Receipts;

/// <summary>The binary Merkle tree over an epoch's encoded work receipts, with keccak-256 as in Solidity.</summary>
/// <remarks>
/// <para>
/// Leaf <c>= keccak256(0x00 ‖ receipt)</c> where receipt is the canonical encoding
/// (<see cref="WorkReceiptCodec"/>); inner node <c>= keccak256(0x01 ‖ left ‖ right)</c>. The prefixes keep a
/// leaf from ever being read as an inner node. Leaves keep the order of the receipts; a node without a right
/// sibling moves up unchanged (it is not paired with itself, which would let two different lists share a
/// root). The root of no receipts is zero.
/// </para>
/// <para>
/// keccak-256 rather than SHA-256 so that a contract can check a proof with its <c>keccak256</c> builtin.
/// </para>
/// </remarks>
public sealed class ReceiptMerkleTree
{
    private readonly List<Bytes32[]> _levels;

    /// <summary>Builds the tree over encoded receipts, in order.</summary>
    /// <param name="encodedReceipts">Canonical encodings, one per receipt.</param>
    public ReceiptMerkleTree(IReadOnlyList<byte[]> encodedReceipts)
    {
        ArgumentNullException.ThrowIfNull(encodedReceipts);
        var level = encodedReceipts.Select(LeafHash).ToArray();
        _levels = [level];
        while (level.Length > 1)
        {
            var up = new Bytes32[(level.Length + 1) / 2];
            for (int i = 0; i < up.Length; i++)
            {
                int left = 2 * i;
                up[i] = left + 1 < level.Length ? NodeHash(level[left], level[left + 1]) : level[left];
            }

            _levels.Add(up);
            level = up;
        }
    }

    /// <summary>Number of receipts.</summary>
    public int LeafCount => _levels[0].Length;

    /// <summary>The root; zero when there are no receipts.</summary>
    public Bytes32 Root => LeafCount == 0 ? Bytes32.Zero : _levels[^1][0];

    /// <summary>Hash of one leaf: <c>keccak256(0x00 ‖ encodedReceipt)</c>.</summary>
    /// <param name="encodedReceipt">A canonical receipt encoding.</param>
    /// <returns>The leaf hash.</returns>
    public static Bytes32 LeafHash(byte[] encodedReceipt)
    {
        ArgumentNullException.ThrowIfNull(encodedReceipt);
        var data = new byte[encodedReceipt.Length + 1];
        encodedReceipt.CopyTo(data, 1);
        return Bytes32.Keccak256(data);
    }

    /// <summary>Hash of an inner node: <c>keccak256(0x01 ‖ left ‖ right)</c>.</summary>
    /// <param name="left">Left child.</param>
    /// <param name="right">Right child.</param>
    /// <returns>The node hash.</returns>
    public static Bytes32 NodeHash(Bytes32 left, Bytes32 right)
    {
        var data = new byte[1 + (2 * Bytes32.Length)];
        data[0] = 1;
        left.ToArray().CopyTo(data, 1);
        right.ToArray().CopyTo(data, 1 + Bytes32.Length);
        return Bytes32.Keccak256(data);
    }

    /// <summary>The proof for the receipt at <paramref name="leafIndex"/>.</summary>
    /// <param name="leafIndex">Position of the receipt, from 0.</param>
    /// <returns>The proof.</returns>
    public ReceiptMerkleProof Prove(int leafIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, LeafCount);
        var siblings = new List<Bytes32>();
        int index = leafIndex;
        foreach (var level in _levels.Take(_levels.Count - 1))
        {
            int sibling = index ^ 1;
            if (sibling < level.Length)
            {
                siblings.Add(level[sibling]);
            }

            index /= 2;
        }

        return new ReceiptMerkleProof(leafIndex, LeafCount, siblings);
    }

    /// <summary>
    /// Checks that <paramref name="encodedReceipt"/> is the receipt at the proof's position under
    /// <paramref name="root"/>.
    /// </summary>
    /// <param name="encodedReceipt">The receipt's canonical encoding.</param>
    /// <param name="proof">Position and sibling hashes.</param>
    /// <param name="root">The epoch's receipts root, as the chain recorded it.</param>
    /// <returns>Whether the proof holds.</returns>
    public static bool Verify(byte[] encodedReceipt, ReceiptMerkleProof proof, Bytes32 root)
    {
        ArgumentNullException.ThrowIfNull(encodedReceipt);
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.LeafCount < 1 || proof.LeafIndex < 0 || proof.LeafIndex >= proof.LeafCount)
        {
            return false;
        }

        var node = LeafHash(encodedReceipt);
        int index = proof.LeafIndex;
        int width = proof.LeafCount;
        int used = 0;
        while (width > 1)
        {
            bool promoted = index == width - 1 && width % 2 == 1;
            if (!promoted)
            {
                if (used == proof.Siblings.Count)
                {
                    return false;
                }

                var sibling = proof.Siblings[used++];
                node = index % 2 == 0 ? NodeHash(node, sibling) : NodeHash(sibling, node);
            }

            index /= 2;
            width = (width + 1) / 2;
        }

        return used == proof.Siblings.Count && node == root;
    }
}
