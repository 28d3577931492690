namespace Pictor.Grains.Ledger;

/// <summary>Credits a worker earned without a wallet in earlier epochs, to be paid in the closing epoch to the wallet it has now.</summary>
/// <param name="WorkerId">The worker.</param>
/// <param name="Wallet">Its EIP-55 wallet.</param>
/// <param name="Credits">Credits carried.</param>
[GenerateSerializer, Immutable, Alias("pictor.CarryLine")]
public sealed record CarryLine(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Wallet,
    [property: Id(2)] long Credits);
