using System.Text;
using Pictor.Chain.Receipts;

namespace Pictor.Chain.Tests;

[Trait("Suite", "fast")]
public sealed class ReceiptMerkleTreeTests
{
    private static WorkReceipt Receipt(int i, long credits = 256) =>
        new(
            "default:0123", 3, 100 + i, WorkReceiptKind.Credit, "job", $"job/0/{i}", $"host/cpu-{i % 2}",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 256, credits);

    [Fact]
    public void Encode_SmallReceipt_IsTheShortestMessagePackArrayInFieldOrder()
    {
        var receipt = new WorkReceipt("L", 1, 2, WorkReceiptKind.Confirmed, "j", "j/0/1", "w", string.Empty, 5, 300);

        byte[] expected =
        [
            0x9B, 0x01, 0xA1, (byte)'L', 0x01, 0x02, 0x01, 0xA1, (byte)'j',
            0xA5, (byte)'j', (byte)'/', (byte)'0', (byte)'/', (byte)'1', 0xA1, (byte)'w', 0xA0, 0x05, 0xCD, 0x01, 0x2C,
        ];
        Assert.Equal(expected, WorkReceiptCodec.Encode(receipt));
    }

    [Fact]
    public void Decode_CanonicalBytes_RoundTrips()
    {
        var receipt = Receipt(7, credits: long.MaxValue);
        Assert.Equal(receipt, WorkReceiptCodec.Decode(WorkReceiptCodec.Encode(receipt)));
    }

    [Fact]
    public void Decode_SameValuesInALongerIntegerForm_IsRefusedAsNotCanonical()
    {
        byte[] canonical = WorkReceiptCodec.Encode(
            new WorkReceipt("L", 1, 2, WorkReceiptKind.Credit, "j", "j/0/1", "w", string.Empty, 5, 6));
        // Epoch 1 as uint8 (0xCC 0x01) instead of positive fixint 0x01: the same value, another encoding, another leaf.
        byte[] longer = [.. canonical[..4], 0xCC, .. canonical[4..]];

        var ex = Assert.Throws<FormatException>(() => WorkReceiptCodec.Decode(longer));
        Assert.Contains("canonical", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => WorkReceiptCodec.Decode(canonical.AsMemory(0, canonical.Length - 1)));
        byte[] trailing = [.. canonical, 0x00];
        Assert.Throws<FormatException>(() => WorkReceiptCodec.Decode(trailing));
    }

    [Fact]
    public void Root_SmallTrees_AreTheDocumentedHashes()
    {
        var encoded = Enumerable.Range(0, 3).Select(i => WorkReceiptCodec.Encode(Receipt(i))).ToList();
        var leaves = encoded.Select(e => Bytes32.Keccak256([0x00, .. e])).ToList();
        Bytes32 Node(Bytes32 l, Bytes32 r) => Bytes32.Keccak256([0x01, .. l.ToArray(), .. r.ToArray()]);

        Assert.Equal(Bytes32.Zero, new ReceiptMerkleTree([]).Root);
        Assert.Equal(leaves[0], new ReceiptMerkleTree(encoded[..1]).Root);
        Assert.Equal(Node(leaves[0], leaves[1]), new ReceiptMerkleTree(encoded[..2]).Root);
        // The odd node moves up unpaired.
        Assert.Equal(Node(Node(leaves[0], leaves[1]), leaves[2]), new ReceiptMerkleTree(encoded).Root);
    }

    [Fact]
    public void Verify_EveryReceiptOfTreesUpTo17_HoldsAgainstTheRoot()
    {
        for (int count = 1; count <= 17; count++)
        {
            var encoded = Enumerable.Range(0, count).Select(i => WorkReceiptCodec.Encode(Receipt(i))).ToList();
            var tree = new ReceiptMerkleTree(encoded);
            for (int i = 0; i < count; i++)
            {
                Assert.True(ReceiptMerkleTree.Verify(encoded[i], tree.Prove(i), tree.Root), $"receipt {i} of {count}");
            }
        }
    }

    [Fact]
    public void Verify_TamperedReceiptOrProof_Fails()
    {
        var receipts = Enumerable.Range(0, 6).Select(i => Receipt(i)).ToList();
        var encoded = receipts.Select(WorkReceiptCodec.Encode).ToList();
        var tree = new ReceiptMerkleTree(encoded);
        var proof = tree.Prove(4);

        var richer = WorkReceiptCodec.Encode(receipts[4] with { Credits = receipts[4].Credits + 1 });
        var otherWallet = WorkReceiptCodec.Encode(receipts[4] with { Wallet = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" });
        Assert.False(ReceiptMerkleTree.Verify(richer, proof, tree.Root));
        Assert.False(ReceiptMerkleTree.Verify(otherWallet, proof, tree.Root));
        Assert.False(ReceiptMerkleTree.Verify(encoded[5], proof, tree.Root));
        Assert.False(ReceiptMerkleTree.Verify(encoded[4], proof with { LeafIndex = 5 }, tree.Root));
        Assert.False(ReceiptMerkleTree.Verify(encoded[4], proof with { Siblings = [.. proof.Siblings, tree.Root] }, tree.Root));
        Assert.False(ReceiptMerkleTree.Verify(encoded[4], proof with { Siblings = proof.Siblings.Skip(1).ToList() }, tree.Root));
        Assert.False(ReceiptMerkleTree.Verify(encoded[4], proof, Bytes32.Keccak256(Encoding.UTF8.GetBytes("another root"))));
        Assert.True(ReceiptMerkleTree.Verify(encoded[4], proof, tree.Root));
    }

    [Fact]
    public void SettlementId_IsKeccakOfTheLedgerAndEpoch()
    {
        Assert.Equal(
            Bytes32.Keccak256(Encoding.UTF8.GetBytes("pictor-settlement:default:abc:3")), SettlementIds.ForEpoch("default:abc", 3));
        Assert.NotEqual(SettlementIds.ForEpoch("default:abc", 3), SettlementIds.ForEpoch("default:abc", 4));
        Assert.NotEqual(SettlementIds.ForEpoch("default:abc", 3), SettlementIds.ForEpoch("default:abd", 3));
    }
}
