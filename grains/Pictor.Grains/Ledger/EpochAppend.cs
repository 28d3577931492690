using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>One entry the ledger asks an epoch to append.</summary>
/// <param name="Credit">The credit the entry is about.</param>
/// <param name="Kind">Credit or pending credit (one per tile), or confirmation or rejection (one per tile).</param>
/// <param name="Reason">Why a credit was rejected; empty otherwise.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
[GenerateSerializer, Immutable, Alias("pictor.EpochAppend")]
public sealed record EpochAppend(
    [property: Id(0)] CreditRequest Credit,
    [property: Id(1)] LedgerEntryKind Kind,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset RecordedAt);
