using System.Text.Json;
using Pictor.Contracts.Ledger;

namespace Pictor.Failover.Tests.Processes;

/// <summary>Reads what <c>pictor ledger --json</c> prints.</summary>
internal static class LedgerLines
{
    /// <summary>The paid (credited or confirmed) tile renders of a job, verification work left out.</summary>
    public static List<(string TileId, string Wallet, long Amount)> PaidTileCredits(string jsonLines, string jobId)
    {
        var paid = new List<(string, string, long)>();
        foreach (string line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
            var row = json.RootElement;
            if (row.GetProperty("type").GetString() != "credit" || row.GetProperty("jobId").GetString() != jobId)
            {
                continue;
            }

            string tile = row.GetProperty("tileId").GetString()!;
            string kind = row.GetProperty("kind").GetString()!;
            if (kind is "credit" or "confirmed" && !LedgerEntries.IsVerificationWork(tile))
            {
                paid.Add((tile, row.GetProperty("wallet").GetString()!, row.GetProperty("amount").GetInt64()));
            }
        }

        return paid;
    }
}
