using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Tests;

/// <summary>What the journal pays for a job's tile renders (verification work left out).</summary>
internal static class PaidCredits
{
    public static List<CreditRequest> ForTiles(IEnumerable<LedgerEntry> journal, string jobId) =>
        journal.Where(e => e.Credit.JobId == jobId && e.IsPayable() && !LedgerEntries.IsVerificationWork(e.Credit.TileId))
            .Select(e => e.Credit)
            .ToList();
}
