using Pictor.Contracts.Ledger;

namespace Pictor.Grains.Ledger;

/// <summary>One epoch of a ledger's journal. Open, it takes appends from its ledger; closed, it never changes and serves proofs.</summary>
/// <remarks>
/// Each append rewrites this epoch's entries only, which the ledger's epoch policy bounds. A tile has at most one
/// credit entry and one resolution entry here; the ledger's tile index keeps a tile to one epoch across epochs.
/// </remarks>
public sealed class LedgerEpochGrain(
    [PersistentState("epoch", StorageNames.Grid)] IPersistentState<LedgerEpochState> state) : Grain, ILedgerEpochGrain, ILedgerEpochWriter
{
    private readonly Dictionary<string, int> _credits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _resolutions = new(StringComparer.Ordinal);
    private EpochReceipts? _receipts;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var entries = state.State.Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            Group(entries[i].Kind)[entries[i].Credit.TileId] = i;
        }

        return Task.CompletedTask;
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
            throw new InvalidOperationException($"Epoch grain {this.GetPrimaryKeyString()} belongs to ledger {s.LedgerId} epoch {s.Epoch}, not {ledgerId} epoch {epoch}.");
        }

        return Info();
    }

    async Task<IReadOnlyList<bool>> ILedgerEpochWriter.AppendAsync(IReadOnlyList<EpochAppend> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var s = state.State;
        if (s.LedgerId.Length == 0 || s.ClosedAt is not null)
        {
            throw new InvalidOperationException($"Epoch {this.GetPrimaryKeyString()} is {(s.ClosedAt is null ? "not open" : "closed")}; nothing was appended.");
        }

        int before = s.Entries.Count;
        var appended = new bool[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var group = Group(item.Kind);
            if (group.ContainsKey(item.Credit.TileId))
            {
                continue;
            }

            group[item.Credit.TileId] = s.Entries.Count;
            s.Entries.Add(new LedgerEntry(s.FirstSequence + s.Entries.Count, item.Credit, item.RecordedAt, s.Epoch, item.Kind, item.Reason));
            appended[i] = true;
        }

        if (s.Entries.Count > before)
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Not durable, so not appended: forget them so that the ledger's retry appends the same entries.
                foreach (var entry in s.Entries.Skip(before))
                {
                    Group(entry.Kind).Remove(entry.Credit.TileId);
                }

                s.Entries.RemoveRange(before, s.Entries.Count - before);
                throw;
            }
        }

        return appended;
    }

    Task<IReadOnlyList<LedgerEntry?>> ILedgerEpochWriter.FindAsync(IReadOnlyList<string> tileIds, bool resolutions)
    {
        ArgumentNullException.ThrowIfNull(tileIds);
        var group = resolutions ? _resolutions : _credits;
        var found = tileIds.Select(t => group.TryGetValue(t, out int i) ? state.State.Entries[i] : null).ToList();
        return Task.FromResult<IReadOnlyList<LedgerEntry?>>(found);
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

        var receipts = EpochReceipts.Build(s.LedgerId, s.Epoch, s.Entries, carries);
        s.ClosedAt = closedAt;
        s.Carries = [.. carries];
        s.Statement = receipts.Statement(s.LedgerId, s.Epoch, s.OpenedAt, closedAt, s.FirstSequence, s.Entries);
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
        var entries = state.State.Entries;
        var workers = Balances(entries, e => e.Credit.WorkerId);
        var wallets = Balances(entries.Where(e => e.Credit.Wallet.Length > 0), e => e.Credit.Wallet);
        long payable = entries.Where(IsPayable).Sum(e => e.Credit.Amount);
        long pending = entries.Sum(PendingDelta);
        long rejected = entries.Where(e => e.Kind == LedgerEntryKind.Rejected).Sum(e => e.Credit.Amount);
        return Task.FromResult(new EpochTotals(entries.Count, payable, pending, rejected, workers, wallets));
    }

    Task<EpochStatement> ILedgerEpochGrain.GetStatementAsync()
    {
        var s = state.State;
        if (s.LedgerId.Length == 0)
        {
            throw new InvalidOperationException($"Epoch {this.GetPrimaryKeyString()} does not exist.");
        }

        return Task.FromResult(s.Statement
            ?? EpochReceipts.Build(s.LedgerId, s.Epoch, s.Entries, []).Statement(s.LedgerId, s.Epoch, s.OpenedAt, null, s.FirstSequence, s.Entries));
    }

    Task<IReadOnlyList<LedgerEntry>> ILedgerEpochGrain.ReadAsync(int offset, int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var entries = state.State.Entries;
        int start = Math.Min(offset, entries.Count);
        int count = Math.Min(maxCount, entries.Count - start);
        return Task.FromResult<IReadOnlyList<LedgerEntry>>(entries.GetRange(start, count));
    }

    Task<ReceiptProof?> ILedgerEpochGrain.GetReceiptProofAsync(string tileId)
    {
        if (Receipts() is not { } receipts)
        {
            return Task.FromResult<ReceiptProof?>(null);
        }

        for (int i = 0; i < receipts.Receipts.Count; i++)
        {
            if (receipts.Receipts[i].TileId == tileId && receipts.Receipts[i].TileId.Length > 0)
            {
                return Task.FromResult<ReceiptProof?>(receipts.Proof(state.State.Epoch, i));
            }
        }

        return Task.FromResult<ReceiptProof?>(null);
    }

    Task<IReadOnlyList<ReceiptProof>> ILedgerEpochGrain.GetWorkerReceiptProofsAsync(string workerId)
    {
        var proofs = new List<ReceiptProof>();
        if (Receipts() is { } receipts)
        {
            for (int i = 0; i < receipts.Receipts.Count; i++)
            {
                if (receipts.Receipts[i].WorkerId == workerId)
                {
                    proofs.Add(receipts.Proof(state.State.Epoch, i));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<ReceiptProof>>(proofs);
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
                return new AccountBalance(g.Key, credited.Count, credited.Sum(e => e.Credit.PixelSamples), g.Where(IsPayable).Sum(e => e.Credit.Amount), g.Sum(PendingDelta));
            })
            .ToList();

    private Dictionary<string, int> Group(LedgerEntryKind kind) =>
        kind is LedgerEntryKind.Credit or LedgerEntryKind.Pending ? _credits : _resolutions;

    private EpochReceipts? Receipts()
    {
        var s = state.State;
        if (s.Statement is null)
        {
            return null;
        }

        return _receipts ??= EpochReceipts.Build(s.LedgerId, s.Epoch, s.Entries, s.Carries);
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
            s.Entries.Count,
            st?.PayableCredits ?? s.Entries.Where(IsPayable).Sum(e => e.Credit.Amount),
            st?.ReceiptsRoot ?? string.Empty,
            st?.SettlementId ?? string.Empty);
    }
}
