namespace Pictor.Contracts.Ledger;

/// <summary>What one worker earned in an epoch, toward one wallet.</summary>
/// <param name="WorkerId">The worker.</param>
/// <param name="Wallet">The EIP-55 wallet the credits are minted to; empty when the worker had none (the credits are carried).</param>
/// <param name="Tiles">Tiles paid (a carry line pays no tile of this epoch, so counts 0).</param>
/// <param name="PixelSamples">Pixel-samples of those tiles.</param>
/// <param name="Credits">Credits paid.</param>
/// <param name="CarriedCredits">Of <paramref name="Credits"/>, those earned without a wallet in earlier epochs and paid now.</param>
[GenerateSerializer, Immutable, Alias("pictor.EpochWorkerLine")]
public sealed record EpochWorkerLine(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Wallet,
    [property: Id(2)] long Tiles,
    [property: Id(3)] long PixelSamples,
    [property: Id(4)] long Credits,
    [property: Id(5)] long CarriedCredits);
