namespace Pictor.Chain.Receipts;

/// <summary>One paid line of an epoch: the unit the epoch's Merkle root commits to.</summary>
/// <param name="LedgerId">The ledger's stable id (its grain key and a creation-time uid).</param>
/// <param name="Epoch">The epoch that pays it.</param>
/// <param name="Sequence">The journal sequence of the entry that made it payable; 0 for <see cref="WorkReceiptKind.Carry"/>.</param>
/// <param name="Kind">Why it pays.</param>
/// <param name="JobId">The job of the tile; empty for a carry.</param>
/// <param name="TileId">The tile; empty for a carry.</param>
/// <param name="WorkerId">The worker that earned it.</param>
/// <param name="Wallet">The EIP-55 wallet it is minted to, or empty when the worker had none (then it is carried, not minted).</param>
/// <param name="PixelSamples">Pixel-samples of the tile; 0 for a carry.</param>
/// <param name="Credits">Credits it pays (pixel-samples × the scene's cost factor).</param>
public sealed record WorkReceipt(
    string LedgerId,
    long Epoch,
    long Sequence,
    WorkReceiptKind Kind,
    string JobId,
    string TileId,
    string WorkerId,
    string Wallet,
    long PixelSamples,
    long Credits)
{
    /// <summary>Version of the encoding, the first element of every encoded receipt.</summary>
    public const int EncodingVersion = 1;
}
