using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pictor.Contracts.Ledger;
using Pictor.Grains.Settlement;

namespace Pictor.Grains.Ledger;

/// <summary>The credit journal's index: epochs, the open one, totals over closed ones. Entries live in epoch grains.</summary>
/// <remarks>
/// <para>
/// A credit is recorded in two durable steps: the tile's claim in the tile index (which epoch holds it), then the
/// entry in that epoch. The claim comes first, so a crash between the two leaves a claim without an entry, never an
/// entry without a claim; a retry finds the claim, asks the epoch, and appends what is missing (to the open epoch
/// if the claimed one closed meanwhile). Appends are idempotent per tile, so no tile is credited twice, in any
/// epoch, however often a caller retries.
/// </para>
/// <para>
/// This grain is the only writer of its epochs and tile index, and it is not reentrant: claims, appends and closes
/// never interleave. Balances are derived from the journal: closed epochs' totals are summed into this grain's
/// state when they close, the open epoch's are read from it.
/// </para>
/// </remarks>
public sealed partial class LedgerGrain(
    [PersistentState("ledger", StorageNames.Grid)] IPersistentState<LedgerState> state,
    IOptions<LedgerOptions> options,
    SettlementChain chain,
    ILedgerFaults faults,
    TimeProvider clock,
    ILogger<LedgerGrain> logger) : Grain, ILedgerGrain, IRemindable
{
    private bool _ready;
    private long _openCount;

    private string LedgerKey => this.GetPrimaryKeyString();

    /// <summary>The stable id settlement ids derive from: the grain key and a uid drawn when the ledger was created.</summary>
    private string LedgerId => $"{LedgerKey}:{state.State.Uid}";

    async Task<CreditOutcome> ILedgerGrain.CreditAsync(IReadOnlyList<CreditRequest> credits)
    {
        ArgumentNullException.ThrowIfNull(credits);
        foreach (var credit in credits)
        {
            CreditChecks.Validate(credit);
        }

        await EnsureReadyAsync();
        ThrowUnlessFunding(credits.Select(c => c.JobId));
        var now = clock.GetUtcNow();
        await CloseIfDueAsync(now);
        var outcome = await RecordCreditsAsync(credits, now, funded: true);
        GridMetrics.CreditsApplied.Add(outcome.Applied);
        GridMetrics.CreditsDuplicate.Add(outcome.Duplicates);
        if (outcome.Duplicates > 0)
        {
            logger.LogInformation("Ledger {Ledger}: {Duplicates} duplicate credit(s) ignored", LedgerKey, outcome.Duplicates);
        }

        if (outcome.Unfunded > 0)
        {
            logger.LogWarning(
                "Ledger {Ledger}: {Unfunded} credit(s) not recorded: their job's reservation cannot cover them", LedgerKey,
                outcome.Unfunded);
        }

        await faults.InjectAsync(LedgerFaultPoint.AfterCommit, LedgerKey, CancellationToken.None);
        await CloseIfFullAsync(now);
        return outcome;
    }

    async Task<LedgerSummary> ILedgerGrain.GetSummaryAsync()
    {
        await EnsureReadyAsync();
        var s = state.State;
        var open = await EpochWriter(s.OpenEpoch).GetTotalsAsync();
        return new LedgerSummary(
            Saturating.Add(s.ClosedEntries, open.Entries),
            Saturating.Add(s.ClosedPayable, open.Payable),
            Merge(s.Workers, open.Workers),
            Merge(s.Wallets, open.Wallets),
            Saturating.Add(s.ClosedPending, open.Pending),
            Saturating.Add(s.ClosedRejected, open.Rejected),
            s.OpenEpoch,
            LedgerId,
            Saturating.Add(s.ClosedDrawn, open.Drawn));
    }

    async Task<IReadOnlyList<LedgerEntry>> ILedgerGrain.ReadJournalAsync(long fromSequence, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        await EnsureReadyAsync();
        var result = new List<LedgerEntry>();
        long sequence = fromSequence;
        foreach (var (epoch, first, count) in EpochsFrom(sequence))
        {
            if (result.Count >= maxCount)
            {
                break;
            }

            long offset = sequence - first;
            if (offset >= count)
            {
                continue;
            }

            int take = (int)Math.Min(maxCount - result.Count, count - offset);
            var page = await EpochReader(epoch).ReadAsync((int)offset, take);
            result.AddRange(page);
            sequence += page.Count;
        }

        return result;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        await EnsureReadyAsync();
        await CloseIfDueAsync(clock.GetUtcNow());
        await ResumeSettlementsAsync();
    }

    /// <summary>Claims, checks, funds and appends a batch of credits; see the class remarks for why in this order.</summary>
    /// <param name="credits">The credits.</param>
    /// <param name="now">When.</param>
    /// <param name="funded">
    /// True to draw each from its job's reservation; false only for a journal stored before jobs were funded.
    /// </param>
    private async Task<CreditOutcome> RecordCreditsAsync(IReadOnlyList<CreditRequest> credits, DateTimeOffset now, bool funded)
    {
        long open = state.State.OpenEpoch;
        int duplicates = 0;
        var unique = new List<CreditRequest>(credits.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var credit in credits)
        {
            // The tile id is the idempotency key: within a batch the first report of a tile wins.
            if (seen.Add(credit.TileId))
            {
                unique.Add(credit);
            }
            else
            {
                duplicates++;
            }
        }

        var toAppend = new List<CreditRequest>(unique.Count);
        foreach (var shard in unique.GroupBy(c => LedgerTileIndex.Key(LedgerKey, c.TileId), StringComparer.Ordinal))
        {
            var (append, repeated) = await ClaimCreditsAsync(shard.Key, [.. shard], open);
            toAppend.AddRange(append);
            duplicates += repeated;
        }

        await faults.InjectAsync(LedgerFaultPoint.AfterClaim, LedgerKey, CancellationToken.None);
        int unfunded = 0;
        if (funded)
        {
            (toAppend, unfunded) = await FundAsync(toAppend, open);
        }

        int applied = 0;
        if (toAppend.Count > 0)
        {
            var items = toAppend.Select(
                c => new EpochAppend(c, c.Pending ? LedgerEntryKind.Pending : LedgerEntryKind.Credit, string.Empty, now)).ToList();
            var appended = await AppendAsync(open, items);
            applied = appended.Count(a => a);
            duplicates += appended.Count - applied;
        }

        return new CreditOutcome(applied, duplicates, unfunded);
    }

    /// <summary>
    /// Claims one tile-index shard's credits for the open epoch: new tiles and tiles already claimed for it are to be
    /// appended; a tile claimed for an earlier epoch is a duplicate, unless that epoch closed without it (an orphan of a
    /// crash between claim and append), which moves to the open epoch.
    /// </summary>
    private async Task<(List<CreditRequest> Append, int Duplicates)> ClaimCreditsAsync(string shard, List<CreditRequest> batch, long open)
    {
        var index = GrainFactory.GetGrain<ILedgerTileIndexGrain>(shard);
        var before = await index.ClaimCreditsAsync(batch.Select(c => c.TileId).ToList(), open);
        var append = new List<CreditRequest>(batch.Count);
        var elsewhere = new List<(CreditRequest Credit, long Epoch)>();
        for (int i = 0; i < batch.Count; i++)
        {
            if (before[i] is not { } record || record.CreditEpoch == open)
            {
                // New, or claimed for the open epoch: the append is idempotent either way.
                append.Add(batch[i]);
            }
            else
            {
                elsewhere.Add((batch[i], record.CreditEpoch));
            }
        }

        int duplicates = 0;
        var orphans = new List<CreditRequest>();
        foreach (var group in elsewhere.GroupBy(e => e.Epoch))
        {
            var held = await EpochWriter(group.Key).FindAsync(group.Select(e => e.Credit.TileId).ToList(), resolutions: false);
            int i = 0;
            foreach (var (credit, _) in group)
            {
                if (held[i++] is null)
                {
                    // Claimed for an epoch that closed without the entry (a crash between claim and append): credit it now.
                    orphans.Add(credit);
                }
                else
                {
                    duplicates++;
                }
            }
        }

        if (orphans.Count > 0)
        {
            await index.MoveCreditsAsync(orphans.Select(c => c.TileId).ToList(), open);
            append.AddRange(orphans);
        }

        return (append, duplicates);
    }

    private ILedgerEpochWriter EpochWriter(long epoch) => GrainFactory.GetGrain<ILedgerEpochWriter>(LedgerKeys.Epoch(LedgerKey, epoch));

    private ILedgerEpochGrain EpochReader(long epoch) => GrainFactory.GetGrain<ILedgerEpochGrain>(LedgerKeys.Epoch(LedgerKey, epoch));

    private ISettlementPlanner Planner(long epoch) => GrainFactory.GetGrain<ISettlementPlanner>(LedgerKeys.Epoch(LedgerKey, epoch));

    /// <summary>Epochs as (number, first sequence, entries), starting with the one that holds <paramref name="sequence"/>.</summary>
    private IEnumerable<(long Epoch, long First, long Count)> EpochsFrom(long sequence)
    {
        var closed = state.State.Closed;
        int lo = 0;
        int hi = closed.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (closed[mid].FirstSequence + closed[mid].Entries <= sequence)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (int i = lo; i < closed.Count; i++)
        {
            yield return (closed[i].Epoch, closed[i].FirstSequence, closed[i].Entries);
        }

        yield return (state.State.OpenEpoch, state.State.OpenFirstSequence, _openCount);
    }

    private static List<AccountBalance> Merge(Dictionary<string, AccountTotals> closed, IReadOnlyList<AccountBalance> open)
    {
        var all = closed.ToDictionary(kv => kv.Key, kv => kv.Value.ToBalance(kv.Key), StringComparer.Ordinal);
        foreach (var balance in open)
        {
            all[balance.Account] = all.TryGetValue(balance.Account, out var b)
                ? new AccountBalance(
                    b.Account, b.Tiles + balance.Tiles, b.PixelSamples + balance.PixelSamples, b.Amount + balance.Amount,
                    b.Pending + balance.Pending)
                : balance;
        }

        return all.Values.OrderBy(b => b.Account, StringComparer.Ordinal).ToList();
    }
}
