using Pictor.Contracts.Jobs;
using Pictor.Contracts.Ledger;
using Pictor.Contracts.Workers;
using Pictor.Grains.Ledger;
using Pictor.Grains.Settlement;

namespace Pictor.Grains.Tests.Security;

/// <summary>
/// One call to each method that moves money or trust, aimed at a ledger and a worker of the test's own: what an
/// attacker holding an Orleans client or a worker silo would try.
/// </summary>
internal static class ProtectedCalls
{
    public const string Wallet = "0x00000000000000000000000000000000000000aa";

    public static IReadOnlyList<(string Name, Func<IGrainFactory, Task> Call)> Against(string ledger, string worker)
    {
        string epoch = LedgerKeys.Epoch(ledger, 1);
        string job = $"{ledger}-job";
        var credit = new CreditRequest($"{job}/0/0", job, worker, Wallet, 1_000_000_000, 1_000_000_000);
        var decision = new TrustDecision(DateTimeOffset.UtcNow, job, credit.TileId, TrustVerdict.Valid, "forged");
        var spec = new RenderJobSpec(RenderJobSpec.CornellSpheres, 32, 32, 1, TileSize: 16);
        return
        [
            ("ILedgerGrain.CreditAsync", g => g.GetGrain<ILedgerGrain>(ledger).CreditAsync([credit])),
            ("ILedgerGrain.ConfirmAsync", g => g.GetGrain<ILedgerGrain>(ledger).ConfirmAsync(job, [credit.TileId])),
            ("ILedgerGrain.RejectAsync", g => g.GetGrain<ILedgerGrain>(ledger).RejectAsync(job, [credit.TileId], "forged")),
            ("ILedgerEpochWriter.AppendAsync", g => g.GetGrain<ILedgerEpochWriter>(epoch)
                .AppendAsync([new EpochAppend(credit, LedgerEntryKind.Credit, string.Empty, DateTimeOffset.UtcNow)])),
            ("ILedgerEpochWriter.CloseAsync", g => g.GetGrain<ILedgerEpochWriter>(epoch).CloseAsync(DateTimeOffset.UtcNow, [])),
            ("ILedgerEpochPageGrain.WriteAsync", g => g.GetGrain<ILedgerEpochPageGrain>($"{epoch}/p0").WriteAsync([])),
            ("ILedgerTileIndexGrain.ClaimCreditsAsync", g => g.GetGrain<ILedgerTileIndexGrain>($"{ledger}/0")
                .ClaimCreditsAsync([credit.TileId], 1)),
            ("ISettlementPlanner.PlanAsync", g => g.GetGrain<ISettlementPlanner>(epoch)
                .PlanAsync(new SettlementPlan(1, "forged", "0x" + new string('0', 64), [new EpochPayout(Wallet, 1_000_000_000)]))),
            ("ISettlementNonceGrain.ReserveAsync", g => g.GetGrain<ISettlementNonceGrain>(Wallet).ReserveAsync(0, TimeSpan.FromMinutes(1))),
            ("IWorkerGrain.RecordVerdictAsync", g => g.GetGrain<IWorkerGrain>(worker).RecordVerdictAsync(decision)),
            ("IWorkerGrain.RecordVerdictsAsync", g => g.GetGrain<IWorkerGrain>(worker).RecordVerdictsAsync([decision])),
            ("IWorkerRegistryGrain.AddAsync", g => g.GetGrain<IWorkerRegistryGrain>(IWorkerRegistryGrain.DefaultKey).AddAsync(worker)),
            ("IFrameGrain.StoreAsync", g => g.GetGrain<IFrameGrain>(TilePlan.FrameId(job, 0))
                .StoreAsync(1, 1, new PackedFloats([0f, 0f, 0f]))),
            ("IWorkUnitGrain.RenderAsync", g => g.GetGrain<IWorkUnitGrain>(new WorkUnit(job, spec, 0, [0]).UnitId)
                .RenderAsync(new WorkUnit(job, spec, 0, [0]))),
        ];
    }
}
