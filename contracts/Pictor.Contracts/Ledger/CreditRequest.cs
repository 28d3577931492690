namespace Pictor.Contracts.Ledger;

/// <summary>A request to credit a worker for one tile.</summary>
/// <param name="TileId">The tile: the idempotency key; a tile is credited at most once.</param>
/// <param name="JobId">The job the tile belongs to.</param>
/// <param name="WorkerId">The worker that rendered it.</param>
/// <param name="Wallet">The worker's wallet, empty when none.</param>
/// <param name="PixelSamples">Pixel-samples of the tile.</param>
/// <param name="Amount">Credit in base units (pixel-samples × the scene's cost factor; see <see cref="CreditPricing"/>).</param>
/// <param name="Pending">
/// True to record the credit as awaiting verification: the tile is claimed (a repeat is a duplicate) but
/// nothing is payable until <see cref="ILedgerGrain.ConfirmAsync"/>; <see cref="ILedgerGrain.RejectAsync"/>
/// drops it for good. False (the default) records it payable at once.
/// </param>
/// <param name="Account">
/// The creator account the credit draws from. The ledger sets it from the job's reservation, whatever the caller sends;
/// empty in entries recorded before jobs were funded.
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.CreditRequest")]
public sealed record CreditRequest(
    [property: Id(0)] string TileId,
    [property: Id(1)] string JobId,
    [property: Id(2)] string WorkerId,
    [property: Id(3)] string Wallet,
    [property: Id(4)] long PixelSamples,
    [property: Id(5)] long Amount,
    [property: Id(6)] bool Pending = false,
    [property: Id(7)] string Account = "");
