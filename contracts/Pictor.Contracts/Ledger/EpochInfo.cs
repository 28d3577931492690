namespace Pictor.Contracts.Ledger;

/// <summary>One epoch as the ledger's index knows it.</summary>
/// <param name="Epoch">The epoch number, from 1.</param>
/// <param name="IsOpen">Whether new entries still go to it.</param>
/// <param name="OpenedAt">When it opened (UTC).</param>
/// <param name="ClosedAt">When it closed (UTC); null while open.</param>
/// <param name="FirstSequence">Journal sequence of its first entry.</param>
/// <param name="Entries">Entries it holds.</param>
/// <param name="PayableCredits">Credits it pays (its receipts' total); for an open epoch, so far.</param>
/// <param name="ReceiptsRoot">Merkle root of its receipts (0x-hex); empty while open.</param>
/// <param name="SettlementId">Its settlement id (0x-hex).</param>
[GenerateSerializer, Immutable, Alias("pictor.EpochInfo")]
public sealed record EpochInfo(
    [property: Id(0)] long Epoch,
    [property: Id(1)] bool IsOpen,
    [property: Id(2)] DateTimeOffset OpenedAt,
    [property: Id(3)] DateTimeOffset? ClosedAt,
    [property: Id(4)] long FirstSequence,
    [property: Id(5)] long Entries,
    [property: Id(6)] long PayableCredits,
    [property: Id(7)] string ReceiptsRoot,
    [property: Id(8)] string SettlementId);
