using Microsoft.Extensions.Logging;
using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>The credit journal. One entry per tile, keyed by tile id; balances are derived, never stored.</summary>
/// <remarks>
/// The journal is written whole on every batch. That is fine for the embedded grid; epochs and sharding
/// (see docs/architecture.md) bound it for long-running clusters.
/// </remarks>
public sealed class LedgerGrain(
    [PersistentState("ledger", StorageNames.Grid)] IPersistentState<LedgerState> state,
    TimeProvider clock,
    ILogger<LedgerGrain> logger) : Grain, ILedgerGrain
{
    private readonly HashSet<string> _creditedTiles = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in state.State.Journal)
        {
            _creditedTiles.Add(entry.Credit.TileId);
        }

        return Task.CompletedTask;
    }

    async Task<CreditOutcome> ILedgerGrain.CreditAsync(IReadOnlyList<CreditRequest> credits)
    {
        ArgumentNullException.ThrowIfNull(credits);
        foreach (var credit in credits)
        {
            Validate(credit);
        }

        var journal = state.State.Journal;
        int before = journal.Count;
        var now = clock.GetUtcNow();
        int duplicates = 0;
        var added = new List<string>();
        foreach (var credit in credits)
        {
            // The tile id is the idempotency key: a retried or repeated report of the same tile changes nothing.
            if (!_creditedTiles.Add(credit.TileId))
            {
                duplicates++;
                continue;
            }

            added.Add(credit.TileId);
            journal.Add(new LedgerEntry(journal.Count + 1, credit, now));
        }

        if (added.Count > 0)
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Not durable, so not credited: undo in memory so a retry applies the same credits.
                journal.RemoveRange(before, journal.Count - before);
                foreach (string tile in added)
                {
                    _creditedTiles.Remove(tile);
                }

                throw;
            }
        }

        GridMetrics.CreditsApplied.Add(added.Count);
        GridMetrics.CreditsDuplicate.Add(duplicates);
        if (duplicates > 0)
        {
            logger.LogInformation("Ledger {Ledger}: {Duplicates} duplicate credit(s) ignored", this.GetPrimaryKeyString(), duplicates);
        }

        return new CreditOutcome(added.Count, duplicates);
    }

    Task<LedgerSummary> ILedgerGrain.GetSummaryAsync()
    {
        var journal = state.State.Journal;
        var workers = Aggregate(journal, e => e.Credit.WorkerId);
        var wallets = Aggregate(journal.Where(e => e.Credit.Wallet.Length > 0), e => e.Credit.Wallet);
        return Task.FromResult(new LedgerSummary(journal.Count, journal.Sum(e => e.Credit.Amount), workers, wallets));
    }

    Task<IReadOnlyList<LedgerEntry>> ILedgerGrain.ReadJournalAsync(long fromSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var journal = state.State.Journal;
        int start = (int)Math.Min(fromSequence - 1, journal.Count);
        int count = Math.Min(maxCount, journal.Count - start);
        return Task.FromResult<IReadOnlyList<LedgerEntry>>(journal.GetRange(start, count));
    }

    private static List<AccountBalance> Aggregate(IEnumerable<LedgerEntry> entries, Func<LedgerEntry, string> account) =>
        entries.GroupBy(account, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AccountBalance(g.Key, g.LongCount(), g.Sum(e => e.Credit.PixelSamples), g.Sum(e => e.Credit.Amount)))
            .ToList();

    private static void Validate(CreditRequest credit)
    {
        if (credit is null || string.IsNullOrWhiteSpace(credit.TileId) || string.IsNullOrWhiteSpace(credit.JobId) || string.IsNullOrWhiteSpace(credit.WorkerId))
        {
            throw new ArgumentException("A credit needs a tile id, a job id and a worker id; nothing was recorded.", nameof(credit));
        }

        if (credit.Amount < 0 || credit.PixelSamples < 0)
        {
            throw new ArgumentException($"Credit for tile {credit.TileId} has a negative amount; nothing was recorded.", nameof(credit));
        }
    }
}
