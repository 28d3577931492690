namespace Pictor.Contracts.Ledger;

/// <summary>One credit in the append-only journal.</summary>
/// <param name="Sequence">Position in the journal, from 1.</param>
/// <param name="Credit">What was credited.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
[GenerateSerializer, Immutable, Alias("pictor.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] CreditRequest Credit,
    [property: Id(2)] DateTimeOffset RecordedAt);
