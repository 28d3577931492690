using Pictor.Contracts.Ledger;

namespace Pictor.Cli.Commands;

/// <summary>One epoch as the ledger verbs show it: its index entry, statement and settlement.</summary>
internal sealed record EpochView(EpochInfo Info, EpochStatement Statement, SettlementInfo Settlement)
{
    /// <summary>open, planned, sent, confirmed, nothing-to-mint or conflict.</summary>
    public string Status => Info.IsOpen ? "open" : Settlement.Status switch
    {
        SettlementStatus.Planned => "planned",
        SettlementStatus.Sent => "sent",
        SettlementStatus.Confirmed => "confirmed",
        SettlementStatus.NothingToMint => "nothing-to-mint",
        SettlementStatus.Conflict => "conflict",
        _ => "closed",
    };

    public bool Minted => Settlement.Status == SettlementStatus.Confirmed;
}

/// <summary>Everything the ledger verbs print, read from the grid in one go.</summary>
internal sealed record LedgerReport(
    LedgerSummary Summary, IReadOnlyList<EpochView> Epochs, IReadOnlyList<LedgerEntry> Journal, IReadOnlyList<AccountInfo> Accounts)
{
    public static async Task<LedgerReport> LoadAsync(IClusterClient client, string ledgerKey, bool withJournal)
    {
        var ledger = client.GetGrain<ILedgerGrain>(ledgerKey);
        var summary = await ledger.GetSummaryAsync();
        var epochs = new List<EpochView>();
        foreach (var info in await ledger.GetEpochsAsync())
        {
            string key = LedgerKeys.Epoch(ledgerKey, info.Epoch);
            var statement = await client.GetGrain<ILedgerEpochGrain>(key).GetStatementAsync();
            var settlement = await client.GetGrain<ISettlementGrain>(key).GetInfoAsync();
            epochs.Add(new EpochView(info, statement, settlement));
        }

        var journal = new List<LedgerEntry>();
        while (withJournal)
        {
            var page = await ledger.ReadJournalAsync(journal.Count + 1, 10_000);
            journal.AddRange(page);
            withJournal = page.Count == 10_000;
        }

        return new LedgerReport(summary, epochs, journal, await ledger.GetAccountsAsync());
    }
}
