using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>One epoch of a ledger's journal. Open, it takes appends from its ledger; closed, it never changes and serves proofs.</summary>
/// <remarks>
/// <para>
/// The entries are stored in pages of at most <see cref="LedgerOptions.EpochPageEntries"/> (<see cref="LedgerEpochPageGrain"/>),
/// one batch to one page, so an append writes one page: its cost does not grow with the epoch. (Rewriting the whole
/// epoch per append made the ledger the largest share of the grid's own CPU on a busy grid: each work unit's
/// credits rewrote up to <see cref="LedgerOptions.EpochMaxEntries"/> entries.) This grain's own record holds the
/// header and, once closed, the carries and statement.
/// </para>
/// <para>
/// A tile has at most one credit entry and one resolution entry here; the ledger's tile index keeps a tile to one epoch
/// across epochs.
/// </para>
/// </remarks>
public sealed partial class LedgerEpochGrain(
    [PersistentState("epoch", StorageNames.Grid)] IPersistentState<LedgerEpochState> state,
    Microsoft.Extensions.Options.IOptions<LedgerOptions> options) : Grain, ILedgerEpochGrain, ILedgerEpochWriter
{
    private readonly Dictionary<string, int> _credits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _resolutions = new(StringComparer.Ordinal);
    private readonly List<LedgerEntry> _entries = [];
    private int _page;
    private int _pageStart;
    private long _amountSum;
    private EpochReceipts? _receipts;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Entries kept in the header by older versions come first; pages follow, numbered from 0, none skipped.
        _entries.AddRange(state.State.Entries);
        _pageStart = _entries.Count;
        for (int page = 0; ; page++)
        {
            var stored = await Page(page).ReadAsync();
            if (stored.Count == 0)
            {
                _page = Math.Max(0, page - 1);
                break;
            }

            _pageStart = _entries.Count;
            _entries.AddRange(stored);
        }

        for (int i = 0; i < _entries.Count; i++)
        {
            Group(_entries[i].Kind)[_entries[i].Credit.TileId] = i;
        }

        _amountSum = Saturating.Sum(_entries.Select(e => e.Credit.Amount));
    }

    async Task<EpochInfo> ILedgerEpochWriter.OpenAsync(string ledgerId, long epoch, long firstSequence, DateTimeOffset openedAt)
    {
        var s = state.State;
        if (s.LedgerId.Length == 0)
        {
            s.LedgerId = ledgerId;
            s.Epoch = epoch;
            s.FirstSequence = firstSequence;
            s.OpenedAt = openedAt;
            await state.WriteStateAsync();
        }
        else if (s.LedgerId != ledgerId || s.Epoch != epoch)
        {
            throw new InvalidOperationException(
                $"Epoch grain {this.GetPrimaryKeyString()} belongs to ledger {s.LedgerId} epoch {s.Epoch}, not {ledgerId} epoch {epoch}.");
        }

        return Info();
    }

    async Task<IReadOnlyList<bool>> ILedgerEpochWriter.AppendAsync(IReadOnlyList<EpochAppend> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var s = state.State;
        if (s.LedgerId.Length == 0 || s.ClosedAt is not null)
        {
            throw new InvalidOperationException(
                $"Epoch {this.GetPrimaryKeyString()} is {(s.ClosedAt is null ? "not open" : "closed")}; nothing was appended.");
        }

        ThrowIfSumOverflows(items);
        int before = _entries.Count;
        var appended = new bool[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var group = Group(item.Kind);
            if (group.ContainsKey(item.Credit.TileId))
            {
                continue;
            }

            group[item.Credit.TileId] = _entries.Count;
            _entries.Add(new LedgerEntry(s.FirstSequence + _entries.Count, item.Credit, item.RecordedAt, s.Epoch, item.Kind, item.Reason));
            appended[i] = true;
        }

        if (_entries.Count > before)
        {
            // A batch goes to one page (a write is atomic): to the last page while it fits, else to a new one.
            int page = _page, pageStart = _pageStart;
            if (before > _pageStart && _entries.Count - _pageStart > Math.Max(1, options.Value.EpochPageEntries))
            {
                page++;
                pageStart = before;
            }

            try
            {
                await Page(page).WriteAsync(_entries.GetRange(pageStart, _entries.Count - pageStart));
                (_page, _pageStart) = (page, pageStart);
                _amountSum = Saturating.Add(_amountSum, _entries.Skip(before).Sum(e => e.Credit.Amount));
            }
            catch
            {
                // Not known to be durable, so not appended: forget them so that the ledger's retry appends them again.
                // The write may have landed all the same (a timeout): reload from storage before the next call.
                foreach (var entry in _entries.Skip(before))
                {
                    Group(entry.Kind).Remove(entry.Credit.TileId);
                }

                _entries.RemoveRange(before, _entries.Count - before);
                DeactivateOnIdle();
                throw;
            }
        }

        return appended;
    }

    Task<IReadOnlyList<LedgerEntry?>> ILedgerEpochWriter.FindAsync(IReadOnlyList<string> tileIds, bool resolutions)
    {
        ArgumentNullException.ThrowIfNull(tileIds);
        var group = resolutions ? _resolutions : _credits;
        var found = tileIds.Select(t => group.TryGetValue(t, out int i) ? _entries[i] : null).ToList();
        return Task.FromResult<IReadOnlyList<LedgerEntry?>>(found);
    }

    Task<IReadOnlyList<string>> ILedgerEpochWriter.FindPendingAsync(string jobId)
    {
        var pending = _entries
            .Where(e => e.Kind == LedgerEntryKind.Pending && e.Credit.JobId == jobId && !_resolutions.ContainsKey(e.Credit.TileId))
            .Select(e => e.Credit.TileId)
            .ToList();
        return Task.FromResult<IReadOnlyList<string>>(pending);
    }

    async Task<EpochStatement> ILedgerEpochWriter.CloseAsync(DateTimeOffset closedAt, IReadOnlyList<CarryLine> carries)
    {
        ArgumentNullException.ThrowIfNull(carries);
        var s = state.State;
        if (s.Statement is { } closed)
        {
            // Closing twice (the ledger retrying after a crash) must not change what the first close fixed.
            return closed;
        }

        if (s.LedgerId.Length == 0)
        {
            throw new InvalidOperationException($"Epoch {this.GetPrimaryKeyString()} was never opened.");
        }

        var receipts = EpochReceipts.Build(s.LedgerId, s.Epoch, _entries, carries);
        s.ClosedAt = closedAt;
        s.Carries = [.. carries];
        s.Statement = receipts.Statement(s.LedgerId, s.Epoch, s.OpenedAt, closedAt, s.FirstSequence, _entries);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            s.ClosedAt = null;
            s.Carries = [];
            s.Statement = null;
            throw;
        }

        _receipts = receipts;
        return s.Statement;
    }

    Task<EpochTotals> ILedgerEpochWriter.GetTotalsAsync()
    {
        var entries = _entries;
        var workers = Balances(entries, e => e.Credit.WorkerId);
        var wallets = Balances(entries.Where(e => e.Credit.Wallet.Length > 0), e => e.Credit.Wallet);
        long payable = entries.Where(IsPayable).Sum(e => e.Credit.Amount);
        long pending = entries.Sum(PendingDelta);
        long rejected = entries.Where(e => e.Kind == LedgerEntryKind.Rejected).Sum(e => e.Credit.Amount);
        var funded = entries.Where(e => !string.IsNullOrEmpty(e.Credit.Account)).ToList();
        var jobs = funded.GroupBy(e => e.Credit.JobId, StringComparer.Ordinal)
            .Select(g => new JobTotals(g.Key, g.Where(IsPayable).Sum(e => e.Credit.Amount), g.Sum(PendingDelta)))
            .ToList();
        long drawn = funded.Where(IsPayable).Sum(e => e.Credit.Amount);
        return Task.FromResult(new EpochTotals(entries.Count, payable, pending, rejected, workers, wallets, drawn, jobs));
    }

    /// <summary>
    /// Refuses a batch that would take the sum of the epoch's amounts past <see cref="long.MaxValue"/>: every total the
    /// epoch computes (payable, pending, rejected, per worker, wallet, job or account) is bounded by that sum, so none
    /// can overflow when the epoch closes.
    /// </summary>
    private void ThrowIfSumOverflows(IReadOnlyList<EpochAppend> items)
    {
        long sum = _amountSum;
        foreach (var item in items)
        {
            if (item.Credit.Amount < 0 || item.Credit.Amount > long.MaxValue - sum)
            {
                throw new ArgumentException(
                    $"Epoch {this.GetPrimaryKeyString()}: the batch would take the sum of its amounts past {long.MaxValue:N0}; nothing " +
                    "was appended.", nameof(items));
            }

            sum += item.Credit.Amount;
        }
    }

    private static bool IsPayable(LedgerEntry e) => e.Kind is LedgerEntryKind.Credit or LedgerEntryKind.Confirmed;

    /// <summary>How an entry moves the pending total: a pending credit adds, its resolution (in any epoch) takes away.</summary>
    private static long PendingDelta(LedgerEntry e) => e.Kind switch
    {
        LedgerEntryKind.Pending => e.Credit.Amount,
        LedgerEntryKind.Confirmed or LedgerEntryKind.Rejected => -e.Credit.Amount,
        _ => 0,
    };

    private static List<AccountBalance> Balances(IEnumerable<LedgerEntry> entries, Func<LedgerEntry, string> account) =>
        entries.GroupBy(account, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var credited = g.Where(e => e.Kind is LedgerEntryKind.Credit or LedgerEntryKind.Pending).ToList();
                return new AccountBalance(
                    g.Key, credited.Count, credited.Sum(e => e.Credit.PixelSamples), g.Where(IsPayable).Sum(e => e.Credit.Amount),
                    g.Sum(PendingDelta));
            })
            .ToList();

    private ILedgerEpochPageGrain Page(int page) =>
        GrainFactory.GetGrain<ILedgerEpochPageGrain>(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{this.GetPrimaryKeyString()}/p{page}"));

    private Dictionary<string, int> Group(LedgerEntryKind kind) =>
        kind is LedgerEntryKind.Credit or LedgerEntryKind.Pending ? _credits : _resolutions;

    private EpochReceipts? Receipts()
    {
        var s = state.State;
        if (s.Statement is null)
        {
            return null;
        }

        return _receipts ??= EpochReceipts.Build(s.LedgerId, s.Epoch, _entries, s.Carries);
    }

    private EpochInfo Info()
    {
        var s = state.State;
        var st = s.Statement;
        return new EpochInfo(
            s.Epoch,
            st is null,
            s.OpenedAt,
            s.ClosedAt,
            s.FirstSequence,
            _entries.Count,
            st?.PayableCredits ?? _entries.Where(IsPayable).Sum(e => e.Credit.Amount),
            st?.ReceiptsRoot ?? string.Empty,
            st?.SettlementId ?? string.Empty);
    }
}
