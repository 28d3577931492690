namespace Pictor.Contracts.Ledger;

/// <summary>What an epoch pays, per worker and per wallet, and the commitments its settlement carries.</summary>
/// <param name="LedgerId">The ledger's stable id.</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="IsClosed">False for a preview of the open epoch (no root, no carries).</param>
/// <param name="OpenedAt">When it opened (UTC).</param>
/// <param name="ClosedAt">When it closed (UTC); null while open.</param>
/// <param name="FirstSequence">Journal sequence of its first entry.</param>
/// <param name="Entries">Entries it holds.</param>
/// <param name="PayableCredits">Credits its receipts pay, carried credits included.</param>
/// <param name="PendingCredits">Credits recorded pending in it and not resolved within it.</param>
/// <param name="RejectedCredits">Credits rejected in it.</param>
/// <param name="ReceiptCount">Receipts under its Merkle root.</param>
/// <param name="ReceiptsRoot">Merkle root of its receipts (0x-hex; zero when it has none); empty while open.</param>
/// <param name="SettlementId">Its settlement id (0x-hex).</param>
/// <param name="Workers">Paid lines per worker and wallet, sorted by worker then wallet.</param>
/// <param name="Payouts">The mint: credits per wallet, sorted by wallet.</param>
/// <param name="Unassigned">Credits of workers without a wallet, per worker: carried to a later epoch, not minted now.</param>
/// <param name="DrawnCredits">
/// Credits drawn from creator accounts for this epoch's payable entries. It equals <paramref name="PayableCredits"/> less
/// what carries pay (credits drawn in the earlier epoch that recorded them) and less entries recorded before jobs were
/// funded; see docs/chain.md ("Reconciliation of an epoch").
/// </param>
/// <param name="Draws">
/// <paramref name="DrawnCredits"/> per creator account, sorted by account; null in statements fixed before jobs were funded.
/// </param>
[GenerateSerializer, Immutable, Alias("pictor.EpochStatement")]
public sealed record EpochStatement(
    [property: Id(0)] string LedgerId,
    [property: Id(1)] long Epoch,
    [property: Id(2)] bool IsClosed,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset? ClosedAt,
    [property: Id(5)] long FirstSequence,
    [property: Id(6)] long Entries,
    [property: Id(7)] long PayableCredits,
    [property: Id(8)] long PendingCredits,
    [property: Id(9)] long RejectedCredits,
    [property: Id(10)] int ReceiptCount,
    [property: Id(11)] string ReceiptsRoot,
    [property: Id(12)] string SettlementId,
    [property: Id(13)] IReadOnlyList<EpochWorkerLine> Workers,
    [property: Id(14)] IReadOnlyList<EpochPayout> Payouts,
    [property: Id(15)] IReadOnlyList<EpochWorkerLine> Unassigned,
    [property: Id(16)] long DrawnCredits = 0,
    [property: Id(17)] IReadOnlyList<EpochDrawLine>? Draws = null);
