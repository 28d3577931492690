using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>Which epochs hold a tile's credit and its verification outcome.</summary>
/// <remarks>
/// A claim is written before the entry it points to, so it may point at an epoch that never received the entry
/// (the ledger crashed in between). The epoch is the truth: the ledger checks it and re-claims what is missing.
/// </remarks>
/// <param name="CreditEpoch">The epoch that holds (or was to hold) the credit entry.</param>
/// <param name="ResolutionEpoch">The epoch that holds (or was to hold) the confirmation or rejection; 0 when none was claimed.</param>
/// <param name="Resolution">The outcome claimed; meaningful when <paramref name="ResolutionEpoch"/> is not 0.</param>
[GenerateSerializer, Immutable, Alias("pictor.TileLedgerRecord")]
public sealed record TileLedgerRecord(
    [property: Id(0)] long CreditEpoch,
    [property: Id(1)] long ResolutionEpoch,
    [property: Id(2)] LedgerEntryKind Resolution);
