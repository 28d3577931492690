using Pictor.Contracts.Ledger;

namespace Pictor.Testing;

/// <summary>What the journal pays for a job's tile renders (verification work left out).</summary>
public static class PaidCredits
{
    public static List<CreditRequest> ForTiles(IEnumerable<LedgerEntry> journal, string jobId) =>
        journal.Where(e => e.Credit.JobId == jobId && e.IsPayable() && !LedgerEntries.IsVerificationWork(e.Credit.TileId))
            .Select(e => e.Credit)
            .ToList();
}
