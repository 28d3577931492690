namespace Pictor.Contracts.Ledger;

/// <summary>What one creator account paid in an epoch: the credits its jobs drew for the epoch's payable entries.</summary>
/// <param name="Account">The account; empty for entries recorded before jobs were funded (drawn from nobody).</param>
/// <param name="Credits">Credits drawn.</param>
[GenerateSerializer, Immutable, Alias("pictor.EpochDrawLine")]
public sealed record EpochDrawLine(
    [property: Id(0)] string Account,
    [property: Id(1)] long Credits);
