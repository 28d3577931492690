namespace Pictor.Contracts.Ledger;

/// <summary>The fields of one work receipt, as the canonical encoding in <see cref="ReceiptProof.Receipt"/> holds them.</summary>
/// <param name="LedgerId">The ledger's stable id.</param>
/// <param name="Epoch">The epoch that pays it.</param>
/// <param name="Sequence">Journal sequence of the entry that made it payable; 0 for a carry.</param>
/// <param name="Kind">Why it pays.</param>
/// <param name="JobId">The job; empty for a carry.</param>
/// <param name="TileId">The tile; empty for a carry.</param>
/// <param name="WorkerId">The worker.</param>
/// <param name="Wallet">The EIP-55 wallet paid, or empty when none (carried, not minted).</param>
/// <param name="PixelSamples">Pixel-samples of the tile; 0 for a carry.</param>
/// <param name="Credits">Credits it pays.</param>
[GenerateSerializer, Immutable, Alias("pictor.WorkReceiptInfo")]
public sealed record WorkReceiptInfo(
    [property: Id(0)] string LedgerId,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long Sequence,
    [property: Id(3)] ReceiptKind Kind,
    [property: Id(4)] string JobId,
    [property: Id(5)] string TileId,
    [property: Id(6)] string WorkerId,
    [property: Id(7)] string Wallet,
    [property: Id(8)] long PixelSamples,
    [property: Id(9)] long Credits);
