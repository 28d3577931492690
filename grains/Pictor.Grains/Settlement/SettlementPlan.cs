using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Settlement;

/// <summary>What a closed epoch asks its settlement to mint.</summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="SettlementId">Its settlement id (0x-hex).</param>
/// <param name="ReceiptsRoot">Its receipts root (0x-hex).</param>
/// <param name="Payouts">Credits per wallet.</param>
[GenerateSerializer, Immutable, Alias("pictor.SettlementPlan")]
public sealed record SettlementPlan(
    [property: Id(0)] long Epoch,
    [property: Id(1)] string SettlementId,
    [property: Id(2)] string ReceiptsRoot,
    [property: Id(3)] IReadOnlyList<EpochPayout> Payouts);
