namespace Pictor.Contracts.Ledger;

/// <summary>The credits of one worker or wallet, derived from the journal.</summary>
/// <param name="Account">The worker id or wallet address.</param>
/// <param name="Tiles">Tiles credited (payable or pending).</param>
/// <param name="PixelSamples">Pixel-samples of those tiles.</param>
/// <param name="Amount">Payable credit in base units: credits recorded payable plus pending credits confirmed since.</param>
/// <param name="Pending">Credit still awaiting verification.</param>
[GenerateSerializer, Immutable, Alias("pictor.AccountBalance")]
public sealed record AccountBalance(
    [property: Id(0)] string Account,
    [property: Id(1)] long Tiles,
    [property: Id(2)] long PixelSamples,
    [property: Id(3)] long Amount,
    [property: Id(4)] long Pending = 0);
