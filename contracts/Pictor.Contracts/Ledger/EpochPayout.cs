namespace Pictor.Contracts.Ledger;

/// <summary>One line of an epoch's mint: a wallet and the credits it is paid.</summary>
/// <param name="Wallet">The EIP-55 wallet.</param>
/// <param name="Credits">Credits; the settlement mints them times its base units per credit.</param>
[GenerateSerializer, Immutable, Alias("pictor.EpochPayout")]
public sealed record EpochPayout(
    [property: Id(0)] string Wallet,
    [property: Id(1)] long Credits);
