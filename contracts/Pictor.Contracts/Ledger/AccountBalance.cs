namespace Pictor.Contracts.Ledger;

/// <summary>The credits of one worker or wallet, derived from the journal.</summary>
/// <param name="Account">The worker id or wallet address.</param>
/// <param name="Tiles">Tiles credited.</param>
/// <param name="PixelSamples">Pixel-samples credited.</param>
/// <param name="Amount">Credit in base units.</param>
[GenerateSerializer, Immutable, Alias("pictor.AccountBalance")]
public sealed record AccountBalance(
    [property: Id(0)] string Account,
    [property: Id(1)] long Tiles,
    [property: Id(2)] long PixelSamples,
    [property: Id(3)] long Amount);
