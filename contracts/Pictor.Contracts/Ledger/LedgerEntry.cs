namespace Pictor.Contracts.Ledger;

/// <summary>One entry of the append-only journal: a credit, or the verification outcome of a pending one.</summary>
/// <param name="Sequence">Position in the journal, from 1.</param>
/// <param name="Credit">What was credited.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="Epoch">The epoch whose journal holds the entry (0 only in data written before epochs existed).</param>
/// <param name="Kind">What the entry records; entries older than verification are all <see cref="LedgerEntryKind.Credit"/>.</param>
/// <param name="Reason">Why a credit was rejected; empty for other kinds.</param>
[GenerateSerializer, Immutable, Alias("pictor.LedgerEntry")]
public sealed record LedgerEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] CreditRequest Credit,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] long Epoch = 0,
    [property: Id(4)] LedgerEntryKind Kind = LedgerEntryKind.Credit,
    [property: Id(5)] string Reason = "");
